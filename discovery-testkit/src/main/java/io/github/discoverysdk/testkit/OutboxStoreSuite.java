package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.OutboxSubject;
import io.github.discoverysdk.model.Profile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of outbox().
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Outbox} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class OutboxStoreSuite extends StoreSuiteSupport {
  OutboxStoreSuite() {}

  @Test
  void theOutboxTakesEachSinkAndDedupeKeyOnce() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    Profile b = storage().profiles().save(profileWithId(TENANT_B, "p1"));
    Opportunity ob = saveOpportunity(b, "s-1", 50, T0);

    assertThat(storage().outbox().enqueue(outbox("e1", o, "slack", "key-1", T0))).isTrue();
    assertThat(storage().outbox().enqueue(outbox("e2", o, "slack", "key-1", T0))).isFalse();
    assertThat(storage().outbox().enqueue(outbox("e3", o, "hubspot", "key-1", T0))).isTrue();
    assertThat(storage().outbox().enqueue(outbox("e4", ob, "slack", "key-1", T0))).isTrue();

    assertThat(storage().outbox().list(TENANT_A, 10))
        .extracting(OutboxEntry::id)
        .containsExactlyInAnyOrder("e1", "e3");
    assertThat(storage().outbox().list(TENANT_B, 10))
        .extracting(OutboxEntry::id)
        .containsExactly("e4");
  }

  @Test
  void anEntryAboutASubjectIsStoredReadAndDedupedWithoutAnOpportunity() {
    OutboxEntry export = subjectEntry("x1", TENANT_A, "crm", "export-1", "session-export:1");
    OutboxEntry again = subjectEntry("x2", TENANT_A, "crm", "export-1", "session-export:1");
    OutboxEntry otherSink = subjectEntry("x3", TENANT_A, "sf", "export-1", "session-export:1");
    OutboxEntry otherTenant = subjectEntry("x1", TENANT_B, "crm", "export-1", "session-export:1");

    assertThat(storage().outbox().enqueue(export)).isTrue();
    assertThat(storage().outbox().enqueue(again)).as("same tenant, sink and key").isFalse();
    assertThat(storage().outbox().enqueueAll(List.of(otherSink, again)))
        .containsExactly(true, false);
    assertThat(storage().outbox().enqueue(otherTenant)).isTrue();

    OutboxEntry stored = storage().outbox().find(TENANT_A, "x1").orElseThrow();
    assertThat(stored.opportunityId()).isEmpty();
    assertThat(stored.subject()).contains(OutboxSubject.of("session_export", "export-1"));
    assertThat(stored.kind()).isEqualTo(DeliveryKind.SESSION_EXPORT);
    assertThat(stored).isEqualTo(OutboxEntry.builder().from(export).version(1).build());
    assertThat(storage().outbox().listDue(TENANT_A, T0, 10))
        .extracting(OutboxEntry::id)
        .containsExactlyInAnyOrder("x1", "x3");
    OutboxEntry sent =
        storage()
            .outbox()
            .save(OutboxEntry.builder().from(stored).status(OutboxStatus.SENT).build());
    assertThat(storage().outbox().find(TENANT_A, "x1")).contains(sent);
    assertThat(sent.subject()).isEqualTo(stored.subject());
  }

  @Test
  void theTenantsWithDueEntriesAreListedWhetherTheyHaveProfilesOrNot() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    storage().outbox().enqueue(outbox("later", o, "slack", "k1", T0.plusSeconds(60)));
    assertThat(storage().outbox().tenantsWithDue(T0)).isEmpty();
    storage()
        .outbox()
        .enqueue(
            OutboxEntry.builder()
                .from(subjectEntry("x1", TENANT_B, "crm", "export-1", "k"))
                .nextAttemptAt(T0.minusSeconds(1))
                .build());
    assertThat(storage().outbox().tenantsWithDue(T0)).containsExactly(TENANT_B);
    assertThat(storage().outbox().tenantsWithDue(T0.plusSeconds(60)))
        .containsExactly(TENANT_A, TENANT_B);
    OutboxEntry b = storage().outbox().find(TENANT_B, "x1").orElseThrow();
    storage().outbox().save(OutboxEntry.builder().from(b).status(OutboxStatus.SENT).build());
    assertThat(storage().outbox().tenantsWithDue(T0.plusSeconds(60))).containsExactly(TENANT_A);
  }

  private static OutboxEntry subjectEntry(
      String id, String tenant, String sink, String exportId, String key) {
    return OutboxEntry.builder()
        .id(id)
        .tenant(tenant)
        .sinkId(sink)
        .kind(DeliveryKind.SESSION_EXPORT)
        .subject(OutboxSubject.of("session_export", exportId))
        .dedupeKey(key)
        .nextAttemptAt(T0)
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  @Test
  void dueEntriesArePendingOnesWhoseTimeHasComeEarliestFirst() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    storage().outbox().enqueue(outbox("later", o, "slack", "k1", T0.plusSeconds(60)));
    storage().outbox().enqueue(outbox("now", o, "slack", "k2", T0));
    storage().outbox().enqueue(outbox("future", o, "slack", "k3", T0.plus(Duration.ofHours(1))));
    storage().outbox().enqueue(outbox("done", o, "slack", "k4", T0.minusSeconds(60)));
    OutboxEntry done =
        storage().outbox().list(TENANT_A, 10).stream()
            .filter(e -> e.id().equals("done"))
            .findFirst()
            .orElseThrow();
    storage().outbox().save(OutboxEntry.builder().from(done).status(OutboxStatus.SENT).build());

    assertThat(storage().outbox().listDue(TENANT_A, T0.plusSeconds(60), 10))
        .extracting(OutboxEntry::id)
        .containsExactly("now", "later");
    assertThat(storage().outbox().listDue(TENANT_A, T0.plusSeconds(60), 1))
        .extracting(OutboxEntry::id)
        .containsExactly("now");
    assertThat(storage().outbox().listDue(TENANT_B, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void anOutboxEntryIsUpdatedOnlyFromItsCurrentVersion() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    storage().outbox().enqueue(outbox("e1", o, "slack", "k1", T0));
    OutboxEntry stored = storage().outbox().list(TENANT_A, 1).get(0);

    OutboxEntry failed =
        storage()
            .outbox()
            .save(
                OutboxEntry.builder()
                    .from(stored)
                    .attempts(1)
                    .lastError("IOException: connection reset")
                    .nextAttemptAt(T0.plusSeconds(30))
                    .updatedAt(T0)
                    .build());

    assertThat(failed.version()).isEqualTo(stored.version() + 1);
    assertThat(storage().outbox().list(TENANT_A, 1).get(0)).isEqualTo(failed);
    assertThatThrownBy(
            () ->
                storage()
                    .outbox()
                    .save(OutboxEntry.builder().from(stored).status(OutboxStatus.SENT).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () -> storage().outbox().save(OutboxEntry.builder().from(stored).id("missing").build()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anEntryIsFoundByItsTenantAndIdOnly() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    storage().outbox().enqueue(outbox("e1", o, "slack", "k1", T0));
    OutboxEntry stored = storage().outbox().list(TENANT_A, 1).get(0);
    OutboxEntry dead =
        storage()
            .outbox()
            .save(
                OutboxEntry.builder()
                    .from(stored)
                    .status(OutboxStatus.DEAD)
                    .lastError("gave up")
                    .build());

    assertThat(storage().outbox().find(TENANT_A, "e1")).contains(dead);
    assertThat(storage().outbox().find(TENANT_A, "e2")).isEmpty();
    assertThat(storage().outbox().find(TENANT_B, "e1")).isEmpty();
  }

  @Test
  void theDepthCountsPendingAndDeadEntriesOfTheTenantAndTheOldestPending() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    assertThat(storage().outbox().depth(TENANT_A)).isEqualTo(OutboxDepth.empty());
    storage().outbox().enqueue(outbox("e1", o, "slack", "k1", T0.plusSeconds(10)));
    storage().outbox().enqueue(outbox("e2", o, "slack", "k2", T0.plusSeconds(20)));
    storage().outbox().enqueue(outbox("e3", o, "slack", "k3", T0.plusSeconds(30)));
    OutboxEntry first = storage().outbox().find(TENANT_A, "e1").orElseThrow();
    storage()
        .outbox()
        .save(OutboxEntry.builder().from(first).status(OutboxStatus.DEAD).lastError("x").build());
    OutboxEntry third = storage().outbox().find(TENANT_A, "e3").orElseThrow();
    storage().outbox().save(OutboxEntry.builder().from(third).status(OutboxStatus.SENT).build());

    OutboxDepth depth = storage().outbox().depth(TENANT_A);
    assertThat(depth.pending()).isEqualTo(1);
    assertThat(depth.dead()).isEqualTo(1);
    assertThat(depth.oldestPending())
        .contains(storage().outbox().find(TENANT_A, "e2").orElseThrow().createdAt());
    assertThat(storage().outbox().depth(TENANT_B)).isEqualTo(OutboxDepth.empty());
  }

  @Test
  void anEntryEnqueuedInARolledBackTransactionIsGone() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.outbox().enqueue(outbox("e1", o, "slack", "k1", T0));
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");

    assertThat(storage().outbox().list(TENANT_A, 10)).isEmpty();
    assertThat(storage().outbox().enqueue(outbox("e1", o, "slack", "k1", T0))).isTrue();
  }

  @Test
  void aBatchIsDedupedAsOneByOneWouldAndTheFirstOfARepeatedKeyWins() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    Profile b = storage().profiles().save(profileWithId(TENANT_B, "p1"));
    Opportunity ob = saveOpportunity(b, "s-1", 50, T0);
    assertThat(storage().outbox().enqueue(outbox("e1", o, "slack", "key-1", T0))).isTrue();

    List<Boolean> added =
        storage()
            .outbox()
            .enqueueAll(
                List.of(
                    outbox("e2", o, "slack", "key-1", T0), // stored key
                    outbox("e3", o, "hubspot", "key-1", T0),
                    outbox("e4", o, "hubspot", "key-1", T0), // key of e3, earlier in the batch
                    outbox("e1", o, "webhook", "key-9", T0), // stored id
                    outbox("e5", o, "slack", "key-2", T0.plusSeconds(1)),
                    outbox("e3", o, "webhook", "key-3", T0), // id of e3, earlier in the batch
                    outbox("e1", ob, "slack", "key-1", T0))); // another tenant's

    assertThat(added).containsExactly(false, true, false, false, true, false, true);
    assertThat(storage().outbox().list(TENANT_A, 10))
        .extracting(e -> e.id() + " " + e.sinkId() + " " + e.dedupeKey() + " v" + e.version())
        .containsExactlyInAnyOrder("e1 slack key-1 v1", "e3 hubspot key-1 v1", "e5 slack key-2 v1");
    assertThat(storage().outbox().list(TENANT_B, 10))
        .extracting(OutboxEntry::id)
        .containsExactly("e1");
    assertThat(storage().outbox().listDue(TENANT_A, T0.plusSeconds(1), 10))
        .extracting(OutboxEntry::id)
        .containsExactly("e1", "e3", "e5");
    assertThat(storage().outbox().enqueueAll(List.of())).isEmpty();
    assertThat(
            storage()
                .outbox()
                .enqueueAll(
                    List.of(
                        outbox("e6", o, "slack", "key-2", T0),
                        outbox("e6", o, "slack", "key-6", T0))))
        .containsExactly(false, true);
  }

  @Test
  void aBatchEnqueuedInARolledBackTransactionIsGone() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    IllegalStateException failure = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          assertThat(
                                  tx.outbox()
                                      .enqueueAll(
                                          List.of(
                                              outbox("e1", o, "slack", "k1", T0),
                                              outbox("e2", o, "slack", "k2", T0))))
                              .containsExactly(true, true);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(storage().outbox().list(TENANT_A, 10)).isEmpty();
    assertThat(storage().outbox().enqueueAll(List.of(outbox("e1", o, "slack", "k1", T0))))
        .containsExactly(true);
  }
}
