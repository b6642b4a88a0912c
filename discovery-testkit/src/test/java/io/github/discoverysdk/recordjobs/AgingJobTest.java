package io.github.discoverysdk.recordjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.records.DerivedField;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TrackedRecord;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingRecordStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The aging job recomputes time-based fields and moves the records they move, once. */
class AgingJobTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final DerivedField HOURS =
      DerivedField.hoursSince(
          "hours_outstanding",
          r ->
              States.is("status", "outstanding").test(r.state())
                  ? Optional.ofNullable(r.state().get("outstanding_since")).map(Instant::parse)
                  : Optional.empty());
  private static final QueueRule ESCALATION =
      new QueueRule("escalation", States.atLeast("hours_outstanding", 72));
  private static final QueueRule OUTSTANDING =
      new QueueRule("requirements_outstanding", States.is("status", "outstanding"));

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final TableRecordSource users = TableRecordSource.named("users");
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(DiscoveryEngine::close);
  }

  private DiscoveryEngine engine(Storage store, int batchSize) {
    DiscoveryEngine e =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(store)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addRecordJob(
                RecordJob.tracking("acme", "requirements", users)
                    .addDerived(HOURS)
                    .addQueue(ESCALATION)
                    .addQueue(OUTSTANDING)
                    .build())
            .addRecordJob(
                RecordJob.aging("acme", "aging", "users")
                    .cron("0 2 * * *")
                    .batchSize(batchSize)
                    .addDerived(HOURS)
                    .addQueue(ESCALATION)
                    .addQueue(OUTSTANDING)
                    .build())
            .build();
    engines.add(e);
    return e;
  }

  private void outstanding(String key, Instant since, String note) {
    users.put(
        key,
        clock.instant(),
        Map.of("status", "outstanding", "outstanding_since", since.toString(), "note", note));
  }

  private TrackedRecord record(String key) {
    return storage.records().find("acme", "users", List.of(key)).get(key);
  }

  private List<String> reasons(DiscoveryEngine engine, String key) {
    return engine.records().queueChanges("acme", "users", key, 100).stream()
        .map(c -> c.reason() + ":" + c.to().orElse("-"))
        .toList();
  }

  @Test
  void anAgeCrossingItsThresholdMovesTheRecordAtTheNextAgingRunAndNeverBefore() {
    DiscoveryEngine engine = engine(storage, 100);
    outstanding("u1", T0, "a");
    engine.records().run("acme", "requirements");
    assertThat(record("u1").state()).containsEntry("hours_outstanding", "0");
    assertThat(record("u1").queue()).contains("requirements_outstanding");

    clock.advance(Duration.ofHours(71));
    RecordJobHealth first = engine.records().run("acme", "aging");
    assertThat(first.queueChanges()).isZero();
    assertThat(record("u1").state()).containsEntry("hours_outstanding", "71");
    assertThat(record("u1").queue()).contains("requirements_outstanding");

    clock.advance(Duration.ofHours(2)); // 73 h: past the threshold, but no aging run yet
    assertThat(record("u1").queue()).contains("requirements_outstanding");

    RecordJobHealth second = engine.records().run("acme", "aging");
    assertThat(second.queueChanges()).isEqualTo(1);
    assertThat(record("u1").queue()).contains("escalation");
    assertThat(record("u1").queuedAt()).contains(clock.instant());
    List<QueueChange> moves = engine.records().queueChanges("acme", "users", "u1", 100);
    assertThat(moves.get(moves.size() - 1).from()).contains("requirements_outstanding");
    assertThat(reasons(engine, "u1"))
        .containsExactly(
            "new record:requirements_outstanding", "derived fields changed:escalation");

    clock.advance(Duration.ofHours(24));
    assertThat(engine.records().run("acme", "aging").queueChanges()).isZero();
    assertThat(record("u1").state()).containsEntry("hours_outstanding", "97");
    assertThat(reasons(engine, "u1")).hasSize(2);
  }

  @Test
  void trackingJobsComputeTheSameDerivedFieldsWhenTheyWriteARecord() {
    DiscoveryEngine engine = engine(storage, 100);
    outstanding("u1", T0, "a");
    engine.records().run("acme", "requirements");
    clock.advance(Duration.ofHours(80));
    outstanding("u1", T0, "b"); // a column changed: the tracking job writes the record
    outstanding("u2", T0, "a"); // first seen now, outstanding for 80 h already

    engine.records().run("acme", "requirements");

    assertThat(record("u1").state())
        .containsEntry("hours_outstanding", "80")
        .containsEntry("note", "b");
    assertThat(record("u1").queue()).contains("escalation");
    assertThat(reasons(engine, "u1"))
        .containsExactly("new record:requirements_outstanding", "state changed:escalation");
    assertThat(record("u2").state()).containsEntry("hours_outstanding", "80");
    assertThat(record("u2").queue()).contains("escalation");
    // The aging job, run at once, finds both as it would have written them.
    assertThat(engine.records().run("acme", "aging").queueChanges()).isZero();
  }

  @Test
  void aCrashMidAgingResumesAfterTheLastCommittedBatchWithoutDoubleQueueChanges() {
    AtomicInteger saves = new AtomicInteger();
    Storage crashing =
        new ForwardingStorage(storage) {
          @Override
          protected Storage wrapTransaction(Storage tx) {
            return new ForwardingStorage(tx) {
              @Override
              public RecordStore records() {
                return new ForwardingRecordStore(super.records()) {
                  @Override
                  public List<TrackedRecord> saveAll(String tenant, List<TrackedRecord> records) {
                    if (!records.isEmpty()
                        && records.get(0).state().containsKey("hours_outstanding")
                        && records.get(0).state().get("hours_outstanding").equals("73")
                        && saves.incrementAndGet() == 3) {
                      throw new StorageException("process killed mid-aging", null);
                    }
                    return super.saveAll(tenant, records);
                  }
                };
              }
            };
          }
        };
    DiscoveryEngine engine = engine(crashing, 3);
    for (int i = 0; i < 10; i++) {
      outstanding("u" + i, T0, "a");
    }
    engine.records().run("acme", "requirements");
    clock.advance(Duration.ofHours(73));

    assertThatThrownBy(() -> engine.records().run("acme", "aging"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("killed");
    long moved =
        List.of("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9").stream()
            .filter(k -> record(k).queue().equals(Optional.of("escalation")))
            .count();
    assertThat(moved).isEqualTo(6); // two batches of three committed before the crash

    RecordJobHealth resumed = engine.records().run("acme", "aging");

    assertThat(resumed.examined()).isEqualTo(4); // after the last committed key only
    assertThat(resumed.queueChanges()).isEqualTo(4);
    for (int i = 0; i < 10; i++) {
      assertThat(record("u" + i).queue()).contains("escalation");
      assertThat(reasons(engine, "u" + i))
          .containsExactly(
              "new record:requirements_outstanding", "derived fields changed:escalation");
    }
    // The next run starts from the first key again, and moves nothing.
    RecordJobHealth next = engine.records().run("acme", "aging");
    assertThat(next.examined()).isEqualTo(10);
    assertThat(next.queueChanges()).isZero();
  }

  @Test
  void anAgingJobDropsOnlyTheEntriesOfItsOwnQueuesPastTheirAge() {
    RecordJob aging =
        RecordJob.aging("acme", "aging", "users")
            .addQueue(OUTSTANDING)
            .maxQueueAge(Duration.ofDays(7))
            .build();
    Instant now = T0.plus(Duration.ofDays(8));
    List<TrackedRecord> batch =
        List.of(
            queued("a", "requirements_outstanding", T0),
            queued("b", "unsigned_users", T0),
            queued("c", "requirements_outstanding", now.minus(Duration.ofDays(6))));

    io.github.discoverysdk.records.Tracker.Result result =
        io.github.discoverysdk.records.Tracker.age(aging, batch, now);

    assertThat(result.queueChanges())
        .extracting(QueueChange::key, QueueChange::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "aged out"));
    assertThat(result.records()).extracting(TrackedRecord::key).containsExactly("a");
    assertThat(result.records().get(0).queue()).isEmpty();
    assertThat(RecordJob.aging("acme", "derive-only", "users").addDerived(HOURS).build().derived())
        .containsExactly(HOURS);
  }

  private static TrackedRecord queued(String key, String queue, Instant at) {
    return new TrackedRecord(
        "acme",
        "users",
        key,
        Map.of("status", "outstanding"),
        Optional.of(queue),
        Optional.empty(),
        0,
        Optional.empty(),
        Optional.of(at),
        at,
        at,
        at,
        1);
  }

  @Test
  void twoDerivedFieldsOfOneNameAreRefused() {
    assertThatThrownBy(
            () -> RecordJob.aging("acme", "aging", "users").addDerived(HOURS).addDerived(HOURS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("job aging: derived: two fields are named hours_outstanding");
  }
}
