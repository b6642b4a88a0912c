package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest extends StorageContract {

  @Override
  protected Storage createStorage() {
    return InMemoryStorage.create();
  }

  @Test
  void aNestedTransactionJoinsTheOuterOneAndIsUndoneWithIt() {
    Signal inner = signal("inner", T0);
    Signal outer = signal("outer", T0);
    IllegalStateException failure = new IllegalStateException("outer failed");

    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      tx.upsertSignal(TENANT_A, outer);
                      tx.inTransaction(nested -> nested.upsertSignal(TENANT_A, inner));
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(storage.findSignal(TENANT_A, inner.key())).isEmpty();
    assertThat(storage.findSignal(TENANT_A, outer.key())).isEmpty();
  }

  @Test
  void aFailedNestedTransactionUndoesOnlyItsOwnWrites() {
    Signal inner = signal("inner", T0);
    Signal outer = signal("outer", T0);

    storage.inTransaction(
        tx -> {
          tx.upsertSignal(TENANT_A, outer);
          try {
            tx.inTransaction(
                nested -> {
                  nested.upsertSignal(TENANT_A, inner);
                  throw new IllegalStateException("nested failed");
                });
          } catch (IllegalStateException expected) {
            // the outer work decides to carry on
          }
          return null;
        });

    assertThat(storage.findSignal(TENANT_A, outer.key())).isPresent();
    assertThat(storage.findSignal(TENANT_A, inner.key())).isEmpty();
  }

  @Test
  void anErrorThrownByTheWorkAlsoRollsBack() {
    Signal signal = signal("s-1", T0);
    AssertionError error = new AssertionError("boom");

    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      tx.upsertSignal(TENANT_A, signal);
                      throw error;
                    }))
        .isSameAs(error);

    assertThat(storage.findSignal(TENANT_A, signal.key())).isEmpty();
  }

  @Test
  void aRolledBackDeleteRestoresTheProfileItsOpportunitiesAndFeedback() {
    Profile profile = storage.saveProfile(Fixtures.profile(TENANT_A, "P"));
    Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);
    storage.addFeedback(opportunity.id(), Feedback.save());

    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      tx.deleteProfile(profile.id());
                      throw new IllegalStateException("undo");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(storage.findProfile(profile.id())).contains(profile);
    assertThat(storage.findOpportunity(profile.id(), key("s-1"))).contains(opportunity);
    assertThat(storage.listFeedback(opportunity.id())).hasSize(1);
  }

  @Test
  void anOpportunitysProfileAndSignalCannotChange() {
    Profile profile = storage.saveProfile(Fixtures.profile(TENANT_A, "P"));
    Opportunity saved = saveOpportunity(profile, "s-1", 60, T0);

    assertThatThrownBy(
            () ->
                storage.saveOpportunity(
                    Opportunity.builder().from(saved).signalKey(key("s-2")).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot change");
  }

  @Test
  void returnedListsAreImmutable() {
    Profile profile = storage.saveProfile(Fixtures.profile(TENANT_A, "P"));
    storage.upsertSignal(TENANT_A, signal("s-1", T0));
    Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);

    List<List<?>> lists =
        List.of(
            storage.listProfiles(TENANT_A),
            storage.listSignals(TENANT_A, Instant.EPOCH, 10),
            storage.listFeedback(opportunity.id()),
            storage.listRuns(TENANT_A, 10),
            storage
                .feed(FeedQuery.forTenant(TENANT_A).addStatuses(OpportunityStatus.NEW).build())
                .items());

    assertThat(lists)
        .allSatisfy(
            l -> assertThatThrownBy(() -> l.add(null)).isInstanceOf(RuntimeException.class));
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatNullPointerException()
        .isThrownBy(() -> storage.saveProfile(null))
        .withMessage("profile");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.upsertSignal(TENANT_A, null))
        .withMessage("signal");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.listSignals(TENANT_A, null, 1))
        .withMessage("since");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.findWatermark(TENANT_A, "s", null))
        .withMessage("queryKey");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.inTransaction(null))
        .withMessage("work");
  }

  @Test
  void aNegativeLimitIsRejected() {
    assertThatThrownBy(() -> storage.listRuns(TENANT_A, -1))
        .isInstanceOf(ValidationException.class)
        .hasMessage("limit must not be negative, was -1");
  }
}
