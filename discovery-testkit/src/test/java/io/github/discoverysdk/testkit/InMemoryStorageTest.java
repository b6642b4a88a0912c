package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
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
  void returnedListsAreImmutable() {
    Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
    storage.signals().upsert(TENANT_A, signal("s-1", T0));
    Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);

    List<List<?>> lists =
        List.of(
            storage.profiles().list(TENANT_A),
            storage.signals().list(TENANT_A, Instant.EPOCH, 10),
            storage.opportunities().listFeedback(opportunity.id()),
            storage.runs().list(TENANT_A, 10),
            storage
                .opportunities()
                .feed(FeedQuery.forTenant(TENANT_A).addStatuses(OpportunityStatus.NEW).build())
                .items());

    assertThat(lists)
        .allSatisfy(
            l -> assertThatThrownBy(() -> l.add(null)).isInstanceOf(RuntimeException.class));
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatNullPointerException()
        .isThrownBy(() -> storage.profiles().save(null))
        .withMessage("profile");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.signals().upsert(TENANT_A, null))
        .withMessage("signal");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.signals().list(TENANT_A, null, 1))
        .withMessage("since");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.sourceState().findWatermark(TENANT_A, "s", null))
        .withMessage("queryKey");
    assertThatNullPointerException()
        .isThrownBy(() -> storage.inTransaction(null))
        .withMessage("work");
  }

  @Test
  void aNegativeLimitIsRejected() {
    assertThatThrownBy(() -> storage.runs().list(TENANT_A, -1))
        .isInstanceOf(ValidationException.class)
        .hasMessage("limit must not be negative, was -1");
  }
}
