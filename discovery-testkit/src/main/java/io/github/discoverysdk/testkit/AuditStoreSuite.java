package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ReviewFixtures.auditEntry;
import static io.github.discoverysdk.testkit.ReviewFixtures.withSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditStore;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.audit.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of audit(): an append-only log, keyset-paged by sequence.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Audit} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class AuditStoreSuite extends StoreSuiteSupport {
  AuditStoreSuite() {}

  private AuditStore audit() {
    return storage().audit();
  }

  @Test
  void appendedEntriesGetIncreasingSequencesAndComeBackOldestFirst() {
    AuditEntry e1 = auditEntry(TENANT_A, "alice", "opportunity", "o-1", T0);
    AuditEntry e2 = auditEntry(TENANT_A, "bob", "opportunity", "o-1", T0.plusSeconds(5));
    AuditEntry e3 = auditEntry(TENANT_A, "alice", "account", "acc-1", T0.plusSeconds(10));
    List<AuditEntry> first = audit().append(List.of(e1, e2));
    List<AuditEntry> second = audit().append(List.of(e3));

    List<AuditEntry> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(all).hasSize(3);
    assertThat(all.get(0).sequence()).isPositive();
    assertThat(all.get(1).sequence()).isGreaterThan(all.get(0).sequence());
    assertThat(all.get(2).sequence()).isGreaterThan(all.get(1).sequence());
    assertThat(all)
        .containsExactly(
            withSequence(e1, all.get(0).sequence()),
            withSequence(e2, all.get(1).sequence()),
            withSequence(e3, all.get(2).sequence()));
    assertThat(audit().append(List.of())).isEmpty();

    assertThat(audit().byEntity(TENANT_A, "opportunity", "o-1", 0, 10))
        .containsExactly(all.get(0), all.get(1));
    assertThat(audit().byEntity(TENANT_A, "account", "o-1", 0, 10)).isEmpty();
    assertThat(audit().byActor(TENANT_A, "alice", 0, 10)).containsExactly(all.get(0), all.get(2));
    assertThat(audit().byTime(TENANT_A, T0, T0.plusSeconds(10), 0, 10))
        .as("from is inclusive, to exclusive")
        .containsExactly(all.get(0), all.get(1));
    assertThat(audit().byTime(TENANT_A, T0.plusSeconds(5), T0.plusSeconds(11), 0, 10))
        .containsExactly(all.get(1), all.get(2));
  }

  /** Entries whose times run against their order are still read in sequence order. */
  @Test
  void everyReadPagesByTheLastSequenceOfThePreviousPage() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      entries.add(auditEntry(TENANT_A, "alice", "profile", "p-1", T0.plusSeconds(60 - i)));
      audit().append(List.of(auditEntry(TENANT_A, "bob", "profile", "p-2", T0.plusSeconds(i))));
    }
    List<AuditEntry> stored = audit().append(entries);

    assertThat(pages((after, limit) -> audit().byEntity(TENANT_A, "profile", "p-1", after, limit)))
        .containsExactlyElementsOf(stored);
    assertThat(pages((after, limit) -> audit().byActor(TENANT_A, "alice", after, limit)))
        .containsExactlyElementsOf(stored);
    assertThat(
            pages(
                (after, limit) ->
                    audit().byTime(TENANT_A, T0.plusSeconds(54), T0.plusSeconds(61), after, limit)))
        .containsExactlyElementsOf(stored);
    long last = stored.get(stored.size() - 1).sequence();
    assertThat(audit().byActor(TENANT_A, "alice", last, 10)).isEmpty();
    assertThat(audit().byActor(TENANT_A, "alice", 0, 0)).isEmpty();
    assertThatThrownBy(() -> audit().byActor(TENANT_A, "alice", 0, -1))
        .isInstanceOf(ValidationException.class);
  }

  /** Follows a read three entries at a time; each page starts after the last one's sequence. */
  private static List<AuditEntry> pages(BiFunction<Long, Integer, List<AuditEntry>> read) {
    List<AuditEntry> all = new ArrayList<>();
    long after = 0;
    for (int guard = 0; guard < 100; guard++) {
      List<AuditEntry> page = read.apply(after, 3);
      assertThat(page.size()).isLessThanOrEqualTo(3);
      all.addAll(page);
      if (page.size() < 3) {
        return all;
      }
      after = page.get(page.size() - 1).sequence();
    }
    throw new AssertionError("the pages did not end");
  }

  @Test
  void anAppendInARolledBackTransactionLeavesNothing() {
    RuntimeException failure = new IllegalStateException("the change failed");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.audit()
                              .append(List.of(auditEntry(TENANT_A, "alice", "team", "t1", T0)));
                          assertThat(tx.audit().byEntity(TENANT_A, "team", "t1", 0, 10))
                              .as("the transaction sees its own entry")
                              .hasSize(1);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(audit().byEntity(TENANT_A, "team", "t1", 0, 10)).isEmpty();
    assertThat(audit().byActor(TENANT_A, "alice", 0, 10)).isEmpty();
    assertThat(audit().byTime(TENANT_A, T0, T0.plusSeconds(1), 0, 10)).isEmpty();
    List<AuditEntry> kept =
        storage()
            .inTransaction(
                tx -> tx.audit().append(List.of(auditEntry(TENANT_A, "alice", "team", "t1", T0))));
    assertThat(audit().byEntity(TENANT_A, "team", "t1", 0, 10)).isEqualTo(kept);
  }

  @Test
  void entriesAreScopedByTenantAndKeysAreComparedExactly() {
    AuditEntry a =
        audit().append(List.of(auditEntry(TENANT_A, "alice", "opportunity", "o-1", T0))).get(0);
    for (String other : List.of(TENANT_B, "Tenant-a", "tenant-a.", "tenant-a-")) {
      assertThat(audit().byEntity(other, "opportunity", "o-1", 0, 10)).as(other).isEmpty();
      assertThat(audit().byActor(other, "alice", 0, 10)).as(other).isEmpty();
      assertThat(audit().byTime(other, T0, T0.plusSeconds(1), 0, 10)).as(other).isEmpty();
    }
    assertThat(audit().byEntity(TENANT_A, "opportunity", "O-1", 0, 10)).isEmpty();
    assertThat(audit().byEntity(TENANT_A, "Opportunity", "o-1", 0, 10)).isEmpty();
    assertThat(audit().byActor(TENANT_A, "Alice", 0, 10)).isEmpty();
    AuditEntry b =
        audit().append(List.of(auditEntry(TENANT_B, "alice", "opportunity", "o-1", T0))).get(0);
    assertThat(audit().byEntity(TENANT_A, "opportunity", "o-1", 0, 10)).containsExactly(a);
    assertThat(audit().byEntity(TENANT_B, "opportunity", "o-1", 0, 10)).containsExactly(b);
  }

  @Test
  void hostileValuesAreStoredAndReadBackVerbatim() {
    String entityId = "o'; DELETE FROM discovery_audit; --" + "\u00e9\ud83d\ude80".repeat(120);
    String actor = "a\"lice\\%_\u202e\u2028x";
    List<FieldChange> changes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      changes.add(
          FieldChange.of(
              "field-" + i,
              i % 3 == 0 ? null : "before ' \" \\ \u0000 \ud83d\ude80 " + i,
              i % 5 == 0 ? null : "x".repeat(FieldChange.MAX_VALUE + 10)));
    }
    AuditEntry entry =
        AuditEntry.builder()
            .tenant("t.a_b:c@d-e")
            .actor(actor)
            .entityType("opportunity")
            .entityId(entityId)
            .action(AuditAction.REFINE)
            .changes(changes)
            .reason("\u2028reason ' OR 1=1 --\n\"quoted\" ${x} ? " + "\u00fc".repeat(3_900))
            .context(
                RequestContext.of(
                    "2001:db8::1", "Mozilla/5.0 ('\"\\) \ud83d\ude00".repeat(15), "req-\u00e9'"))
            .at(T0.plusNanos(123_000))
            .build();

    AuditEntry stored = audit().append(List.of(entry)).get(0);

    assertThat(stored).isEqualTo(withSequence(entry, stored.sequence()));
    assertThat(audit().byEntity("t.a_b:c@d-e", "opportunity", entityId, 0, 10))
        .containsExactly(stored);
    assertThat(audit().byActor("t.a_b:c@d-e", actor, 0, 10)).containsExactly(stored);
    assertThat(stored.changes().get(1).after())
        .hasValueSatisfying(v -> assertThat(v).endsWith("…"));
    assertThat(stored.reason()).isEqualTo(entry.reason());
    assertThat(audit().byActor("t.a_b:c@d-e", actor + " x", 0, 10)).isEmpty();
  }

  @Test
  void entriesWithoutReasonOrContextKeepThemEmpty() {
    AuditEntry view =
        AuditEntry.builder()
            .tenant(TENANT_A)
            .actor("system:run")
            .entityType("profile")
            .entityId("p-1")
            .action(AuditAction.VIEW)
            .at(T0)
            .build();
    AuditEntry stored = audit().append(List.of(view)).get(0);

    assertThat(audit().byEntity(TENANT_A, "profile", "p-1", 0, 1))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e).isEqualTo(stored);
              assertThat(e.reason()).isEqualTo(Optional.empty());
              assertThat(e.changes()).isEmpty();
              assertThat(e.context()).isEqualTo(RequestContext.none());
            });
  }

  @Test
  void readsRefuseANegativeLimitAndMissingArguments() {
    Instant t = T0;
    assertThatThrownBy(() -> audit().byEntity(TENANT_A, "p", "1", 0, -1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> audit().byTime(TENANT_A, t, t, 0, -5))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> audit().byTime(TENANT_A, null, t, 0, 5))
        .isInstanceOf(NullPointerException.class);
    assertThat(audit().byTime(TENANT_A, t, t, 0, 5)).isEmpty();
  }
}
