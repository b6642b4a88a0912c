package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordCursor;
import io.github.discoverysdk.records.TrackedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of records(): tracked records, conversions, queue changes, queues
 * and record job states.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Records} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class RecordStoreSuite extends StoreSuiteSupport {
  RecordStoreSuite() {}

  static TrackedRecord record(String tenant, String key, String status, String queue) {
    return new TrackedRecord(
        tenant,
        "users",
        key,
        Map.of("status", status),
        Optional.ofNullable(queue),
        Optional.of("agent-1"),
        0.0,
        Optional.empty(),
        Optional.ofNullable(queue).map(q -> T0),
        T0,
        T0,
        T0,
        0);
  }

  static Conversion conversion(String tenant, String key, String rule, long change) {
    return new Conversion(
        tenant,
        "users",
        key,
        rule,
        change,
        "signed",
        1.5,
        Map.of("status", "unsigned"),
        Map.of("status", "signed", "note", "é ü"),
        T0,
        T0.plusSeconds(1),
        0);
  }

  @Test
  void recordsAreSavedInBatchesAndFoundByKeyWithTheirVersions() {
    List<TrackedRecord> saved =
        storage()
            .records()
            .saveAll(
                TENANT_A,
                List.of(
                    record(TENANT_A, "1", "unsigned", "unsigned_users"),
                    record(TENANT_A, "2", "signed", null)));
    assertThat(saved).extracting(TrackedRecord::version).containsExactly(1L, 1L);

    Map<String, TrackedRecord> found =
        storage().records().find(TENANT_A, "users", List.of("1", "2", "3"));
    assertThat(found).containsOnlyKeys("1", "2");
    assertThat(found.get("1")).isEqualTo(saved.get(0));
    assertThat(found.get("2").queue()).isEmpty();
    assertThat(storage().records().find(TENANT_A, "claims", List.of("1"))).isEmpty();

    TrackedRecord changed =
        new TrackedRecord(
            TENANT_A,
            "users",
            "1",
            Map.of("status", "signed"),
            Optional.empty(),
            Optional.empty(),
            2.5,
            Optional.of(T0.plusSeconds(5)),
            Optional.empty(),
            T0.plusSeconds(3),
            T0,
            T0.plusSeconds(4),
            1);
    assertThat(storage().records().saveAll(TENANT_A, List.of(changed)).get(0).version())
        .isEqualTo(2);
    assertThat(storage().records().find(TENANT_A, "users", List.of("1")).get("1"))
        .isEqualTo(changed.withVersion(2));
  }

  @Test
  void aStaleOrDuplicateRecordRejectsItsWholeBatch() {
    storage().records().saveAll(TENANT_A, List.of(record(TENANT_A, "1", "unsigned", null)));

    assertThatThrownBy(
            () ->
                storage()
                    .records()
                    .saveAll(
                        TENANT_A,
                        List.of(
                            record(TENANT_A, "2", "unsigned", null),
                            record(TENANT_A, "1", "signed", null))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(storage().records().find(TENANT_A, "users", List.of("1", "2")))
        .containsOnlyKeys("1");
    assertThat(storage().records().find(TENANT_A, "users", List.of("1")).get("1").state())
        .containsEntry("status", "unsigned");
    assertThatThrownBy(
            () ->
                storage()
                    .records()
                    .saveAll(TENANT_A, List.of(record(TENANT_A, "9", "x", null).withVersion(3))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () -> storage().records().saveAll(TENANT_A, List.of(record(TENANT_B, "1", "x", null))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                storage()
                    .records()
                    .saveAll(
                        TENANT_A,
                        List.of(
                            record(TENANT_A, "7", "x", null), record(TENANT_A, "7", "y", null))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("twice");
    assertThat(storage().records().find(TENANT_A, "users", List.of("7"))).isEmpty();
  }

  @Test
  void aConversionIsAddedOncePerRecordRuleAndChange() {
    assertThat(
            storage()
                .records()
                .addConversions(
                    TENANT_A,
                    List.of(
                        conversion(TENANT_A, "1", "signed", 2),
                        conversion(TENANT_A, "1", "signed", 2),
                        conversion(TENANT_A, "1", "signed", 4),
                        conversion(TENANT_A, "1", "approved", 2))))
        .containsExactly(true, false, true, true);
    assertThat(
            storage()
                .records()
                .addConversions(TENANT_A, List.of(conversion(TENANT_A, "1", "signed", 4))))
        .containsExactly(false);

    List<Conversion> all = storage().records().listConversions(TENANT_A, 0, 10);
    assertThat(all)
        .extracting(Conversion::id)
        .containsExactly("users/1/signed/2", "users/1/signed/4", "users/1/approved/2");
    assertThat(all.get(0).to()).containsEntry("note", "é ü");
    assertThat(all.get(0).value()).isEqualTo(1.5);
    assertThat(all.get(0).sequence()).isPositive();
    List<Conversion> rest = storage().records().listConversions(TENANT_A, all.get(0).sequence(), 1);
    assertThat(rest).extracting(Conversion::id).containsExactly("users/1/signed/4");
    assertThat(storage().records().listConversions(TENANT_B, 0, 10)).isEmpty();
  }

  @Test
  void queueChangesAreListedPerRecordInOrder() {
    storage()
        .records()
        .addQueueChanges(
            TENANT_A,
            List.of(
                new QueueChange(
                    TENANT_A,
                    "users",
                    "1",
                    Optional.empty(),
                    Optional.of("q1"),
                    "new record",
                    T0,
                    0),
                new QueueChange(
                    TENANT_A,
                    "users",
                    "2",
                    Optional.empty(),
                    Optional.of("q1"),
                    "new record",
                    T0,
                    0),
                new QueueChange(
                    TENANT_A,
                    "users",
                    "1",
                    Optional.of("q1"),
                    Optional.empty(),
                    "state changed",
                    T0.plusSeconds(1),
                    0)));

    List<QueueChange> changes = storage().records().listQueueChanges(TENANT_A, "users", "1", 10);
    assertThat(changes)
        .extracting(QueueChange::reason)
        .containsExactly("new record", "state changed");
    assertThat(changes.get(1).from()).contains("q1");
    assertThat(changes.get(1).to()).isEmpty();
    assertThat(changes.get(1).at()).isEqualTo(T0.plusSeconds(1));
    assertThat(storage().records().listQueueChanges(TENANT_A, "users", "1", 1)).hasSize(1);
  }

  @Test
  void aQueueIsReadByKeysetFilteredByOwnerAndActivity() {
    List<TrackedRecord> batch = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      TrackedRecord r =
          record(TENANT_A, String.format("k%02d", i), "unsigned", i % 5 == 4 ? "other" : "q");
      batch.add(
          new TrackedRecord(
              r.tenant(),
              r.type(),
              r.key(),
              r.state(),
              r.queue(),
              Optional.of(i % 2 == 0 ? "alice" : "bob"),
              0,
              i % 3 == 0 ? Optional.of(T0.minus(Duration.ofDays(5))) : Optional.empty(),
              r.queuedAt(),
              r.sourceUpdatedAt(),
              r.firstSeenAt(),
              T0,
              0));
    }
    storage().records().saveAll(TENANT_A, batch);

    List<String> keys = new ArrayList<>();
    QueueQuery q = QueueQuery.of("users", "q", 7);
    for (int guard = 0; guard < 10; guard++) {
      List<TrackedRecord> page = storage().records().listQueue(TENANT_A, q);
      page.forEach(r -> keys.add(r.key()));
      if (page.size() < 7) {
        break;
      }
      q = q.after(page.get(page.size() - 1).key());
    }
    assertThat(keys).hasSize(20).isSorted().doesNotHaveDuplicates();

    List<TrackedRecord> alice =
        storage()
            .records()
            .listQueue(
                TENANT_A,
                QueueQuery.of("users", "q", 100)
                    .owner("alice")
                    .activeSince(T0.minus(Duration.ofHours(48))));
    assertThat(alice)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.owner()).contains("alice");
              assertThat(Integer.parseInt(r.key().substring(1)) % 3).isNotZero();
            });
    assertThat(storage().records().listQueue(TENANT_B, QueueQuery.of("users", "q", 100))).isEmpty();
  }

  @Test
  void recordsAreListedInKeyOrderInEveryQueueOrNone() {
    List<TrackedRecord> batch = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      batch.add(record(TENANT_A, String.format("k%02d", i), "s", i % 3 == 0 ? null : "q"));
    }
    storage().records().saveAll(TENANT_A, batch);
    storage().records().saveAll(TENANT_B, List.of(record(TENANT_B, "k99", "s", null)));

    List<String> keys = new ArrayList<>();
    Optional<String> after = Optional.empty();
    for (int guard = 0; guard < 10; guard++) {
      List<TrackedRecord> page = storage().records().listRecords(TENANT_A, "users", after, 5);
      page.forEach(r -> keys.add(r.key()));
      if (page.size() < 5) {
        break;
      }
      after = Optional.of(page.get(page.size() - 1).key());
    }
    assertThat(keys).hasSize(12).isSorted().doesNotHaveDuplicates().doesNotContain("k99");
    assertThat(storage().records().listRecords(TENANT_A, "claims", Optional.empty(), 5)).isEmpty();
  }

  @Test
  void aJobStateIsSavedFromItsVersion() {
    assertThat(storage().records().findJob(TENANT_A, "new-users")).isEmpty();
    JobState saved =
        storage()
            .records()
            .saveJob(
                JobState.initial(TENANT_A, "new-users")
                    .withWatermark(RecordCursor.after(T0.plusNanos(123_000), "42"))
                    .withBackfill(RecordCursor.from(T0))
                    .withLastWindow(1_700_000_000L)
                    .withHealth(
                        new RecordJobHealth(
                            "new-users",
                            Optional.of(T0),
                            10,
                            2,
                            1,
                            3,
                            Duration.ofMillis(250),
                            1,
                            Optional.of("boom: é"),
                            true)));
    assertThat(saved.version()).isEqualTo(1);
    assertThat(storage().records().findJob(TENANT_A, "new-users")).contains(saved);
    JobState next =
        storage().records().saveJob(saved.withWatermark(RecordCursor.from(T0.plusSeconds(9))));
    assertThat(next.version()).isEqualTo(2);
    assertThat(storage().records().findJob(TENANT_A, "new-users")).contains(next);
    assertThatThrownBy(() -> storage().records().saveJob(saved))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> storage().records().saveJob(JobState.initial(TENANT_A, "new-users")))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(storage().records().findJob(TENANT_B, "new-users")).isEmpty();
  }

  @Test
  void writesOfARolledBackTransactionAreGone() {
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.records()
                              .saveAll(TENANT_A, List.of(record(TENANT_A, "1", "signed", "q")));
                          tx.records()
                              .addConversions(
                                  TENANT_A, List.of(conversion(TENANT_A, "1", "signed", 1)));
                          tx.records().saveJob(JobState.initial(TENANT_A, "j"));
                          throw new IllegalStateException("crash");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(storage().records().find(TENANT_A, "users", List.of("1"))).isEmpty();
    assertThat(storage().records().listConversions(TENANT_A, 0, 10)).isEmpty();
    assertThat(storage().records().findJob(TENANT_A, "j")).isEmpty();
    assertThat(
            storage()
                .records()
                .addConversions(TENANT_A, List.of(conversion(TENANT_A, "1", "signed", 1))))
        .containsExactly(true);
  }
}
