package io.github.discoverysdk.recordjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.SourceRow;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TrackedRecord;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.OutcomeListener;
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

class RecordJobsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final TransitionRule SIGNED =
      new TransitionRule(
          "signed", States.isNot("status", "signed"), States.is("status", "signed"), "signed", 1.0);
  private static final QueueRule UNSIGNED =
      new QueueRule("unsigned_users", States.is("status", "unsigned"));

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final TableRecordSource users = TableRecordSource.named("users");
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(DiscoveryEngine::close);
  }

  private DiscoveryEngine engine(List<OutcomeListener> listeners, RecordJob... jobs) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock);
    for (RecordJob j : jobs) {
      b.addRecordJob(j);
    }
    listeners.forEach(b::addOutcomeListener);
    DiscoveryEngine e = b.build();
    engines.add(e);
    return e;
  }

  private RecordJob.Builder conversions() {
    return RecordJob.tracking("acme", "unsigned-conversions", users)
        .cron("30 * * * *")
        .addTransition(SIGNED)
        .addQueue(UNSIGNED);
  }

  private void user(int id, String status) {
    users.put(String.format("u%05d", id), clock.instant(), Map.of("status", status));
  }

  @Test
  void jobsRunOncePerCronWindowFromTheEnginesRunDue() {
    DiscoveryEngine engine = engine(List.of(), conversions().build());
    clock.set(Instant.parse("2026-11-23T08:10:00Z"));
    user(1, "unsigned");

    engine.runDue(); // the 07:30 window opened before: it runs now, once
    engine.runDue();
    assertThat(engine.records().health("acme").get(0).examined()).isEqualTo(1);

    clock.set(Instant.parse("2026-11-23T08:20:00Z"));
    user(1, "signed");
    engine.runDue(); // still the 07:30 window
    assertThat(engine.records().conversions("acme", 0, 10)).isEmpty();

    clock.set(Instant.parse("2026-11-23T08:30:00Z"));
    engine.runDue();
    assertThat(engine.records().conversions("acme", 0, 10))
        .extracting(Conversion::key, Conversion::conversionType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("u00001", "signed"));
    RecordJobHealth health = engine.records().health("acme").get(0);
    assertThat(health.conversions()).isEqualTo(1);
    assertThat(health.queueChanges()).isEqualTo(1);
    assertThat(health.lastRunAt()).contains(Instant.parse("2026-11-23T08:30:00Z"));
    assertThat(health.healthy()).isTrue();
    assertThat(engine.health("acme").recordJobs()).containsExactly(health);
  }

  @Test
  void aCrashBetweenTheStateWriteAndTheConversionsDeliveryGivesExactlyOneConversion() {
    AtomicInteger calls = new AtomicInteger();
    List<Conversion> heard = new ArrayList<>();
    OutcomeListener crashingOnce =
        new OutcomeListener() {
          @Override
          public void onFeedback(
              io.github.discoverysdk.model.Opportunity o,
              io.github.discoverysdk.model.Feedback f,
              io.github.discoverysdk.spi.Storage tx) {}

          @Override
          public void onConversion(Conversion c, io.github.discoverysdk.spi.Storage tx) {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("process killed during delivery");
            }
            heard.add(c);
          }
        };
    DiscoveryEngine engine = engine(List.of(crashingOnce), conversions().build());
    user(1, "unsigned");
    engine.records().run("acme", "unsigned-conversions");
    clock.advance(Duration.ofMinutes(1));
    user(1, "signed");

    assertThatThrownBy(() -> engine.records().run("acme", "unsigned-conversions"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("process killed during delivery");
    RecordJobHealth failed = engine.records().health("acme").get(0);
    assertThat(failed.errors()).isEqualTo(1);
    assertThat(failed.lastError()).hasValueSatisfying(m -> assertThat(m).contains("killed"));
    // The state write rolled back with the delivery: the record is still unsigned.
    assertThat(storage.records().find("acme", "users", List.of("u00001")).get("u00001").state())
        .containsEntry("status", "unsigned");

    engine.records().run("acme", "unsigned-conversions");
    engine.records().run("acme", "unsigned-conversions");
    clock.advance(Duration.ofHours(1));
    engine.records().run("acme", "unsigned-conversions");

    assertThat(engine.records().conversions("acme", 0, 10)).hasSize(1);
    assertThat(heard).extracting(Conversion::id).containsExactly("users/u00001/signed/2");
    assertThat(engine.records().health("acme").get(0).errors()).isZero();
  }

  @Test
  void newRecordsEnterWithScoreZeroAndTrackedOnesAreSkipped() {
    RecordJob newUsers =
        RecordJob.newRecords("acme", "new-users", users)
            .cron("0 * * * *")
            .addQueue(UNSIGNED)
            .build();
    DiscoveryEngine engine = engine(List.of(), newUsers, conversions().build());
    user(1, "unsigned");
    user(2, "signed");
    RecordJobHealth first = engine.records().run("acme", "new-users");
    assertThat(first.newRecords()).isEqualTo(2);
    assertThat(first.queueChanges()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    user(1, "signed");
    user(3, "unsigned");
    RecordJobHealth second = engine.records().run("acme", "new-users");
    assertThat(second.newRecords()).isEqualTo(1);
    Map<String, TrackedRecord> tracked =
        storage.records().find("acme", "users", List.of("u00001", "u00003"));
    assertThat(tracked.get("u00001").state()).containsEntry("status", "unsigned"); // skipped
    assertThat(tracked.get("u00003").score()).isZero();
    assertThat(engine.records().conversions("acme", 0, 10)).isEmpty();

    engine.records().run("acme", "unsigned-conversions");
    assertThat(engine.records().conversions("acme", 0, 10))
        .extracting(Conversion::key)
        .containsExactly("u00001");
    List<QueueChange> moves = engine.records().queueChanges("acme", "users", "u00001", 10);
    assertThat(moves)
        .extracting(QueueChange::reason)
        .containsExactly("new record", "state changed");
    assertThat(moves.get(1).to()).isEmpty();
  }

  @Test
  void aBackfillWalksTheTableInBatchesResumesAndNeverCountsAConversionTwice() {
    for (int i = 0; i < 250; i++) {
      clock.advance(Duration.ofMinutes(1));
      user(i, i % 2 == 0 ? "unsigned" : "signed");
    }
    DiscoveryEngine engine = engine(List.of(), conversions().batchSize(30).maxPerRun(100).build());

    RecordJobHealth first = engine.records().backfill("acme", "unsigned-conversions");
    assertThat(first.examined()).isEqualTo(100);
    assertThat(first.backfillDone()).isFalse();
    engine.records().backfill("acme", "unsigned-conversions");
    RecordJobHealth last = engine.records().backfill("acme", "unsigned-conversions");
    assertThat(last.examined()).isEqualTo(50);
    assertThat(last.backfillDone()).isTrue();
    assertThat(last.newRecords()).isEqualTo(50);
    assertThat(engine.records().conversions("acme", 0, 1_000)).isEmpty();

    // Once done, the incremental runs start where the backfill ended, a safety window back.
    clock.advance(Duration.ofHours(1));
    user(0, "signed");
    RecordJobHealth run = engine.records().run("acme", "unsigned-conversions");
    // The new row, and the rows of the last 5 minutes again (the safety window), not the table.
    assertThat(run.examined()).isBetween(2L, 7L);
    assertThat(run.conversions()).isEqualTo(1);
    engine.records().backfill("acme", "unsigned-conversions");
    assertThat(engine.records().conversions("acme", 0, 1_000)).hasSize(1);
  }

  @Test
  void queuesAreReadByOwnerWithTheRecentActivityFilter() {
    DiscoveryEngine engine = engine(List.of(), conversions().build());
    users.put(
        new SourceRow(
            "a",
            T0,
            Map.of("status", "unsigned"),
            Optional.of("ann"),
            Optional.of(T0.minus(Duration.ofDays(3)))));
    users.put(
        new SourceRow(
            "b",
            T0,
            Map.of("status", "unsigned"),
            Optional.of("ann"),
            Optional.of(T0.minus(Duration.ofHours(2)))));
    users.put(
        new SourceRow("c", T0, Map.of("status", "unsigned"), Optional.of("bob"), Optional.empty()));
    users.put(
        new SourceRow("d", T0, Map.of("status", "signed"), Optional.of("ann"), Optional.empty()));
    engine.records().run("acme", "unsigned-conversions");

    assertThat(engine.records().queue("acme", QueueQuery.of("users", "unsigned_users", 10)))
        .extracting(TrackedRecord::key)
        .containsExactly("b", "c");
    assertThat(
            engine
                .records()
                .queue("acme", QueueQuery.of("users", "unsigned_users", 10).owner("ann")))
        .extracting(TrackedRecord::key)
        .containsExactly("b");
    assertThat(
            engine
                .records()
                .queue(
                    "acme", QueueQuery.of("users", "unsigned_users", 2).activeSince(Instant.EPOCH)))
        .extracting(TrackedRecord::key)
        .containsExactly("a", "b");
  }

  @Test
  void agingDropsQueueEntriesPastTheirAge() {
    RecordJob aging =
        RecordJob.aging("acme", "aging", "users")
            .cron("0 2 * * *")
            .addQueue(UNSIGNED)
            .maxQueueAge(Duration.ofDays(7))
            .build();
    DiscoveryEngine engine = engine(List.of(), conversions().build(), aging);
    user(1, "unsigned");
    engine.records().run("acme", "unsigned-conversions");
    clock.advance(Duration.ofDays(3));
    user(2, "unsigned");
    engine.records().run("acme", "unsigned-conversions");
    clock.advance(Duration.ofDays(5));

    RecordJobHealth health = engine.records().run("acme", "aging");

    assertThat(health.queueChanges()).isEqualTo(1);
    assertThat(
            engine
                .records()
                .queue(
                    "acme",
                    QueueQuery.of("users", "unsigned_users", 10).activeSince(Instant.EPOCH)))
        .extracting(TrackedRecord::key)
        .containsExactly("u00002");
    assertThat(engine.records().queueChanges("acme", "users", "u00001", 10))
        .extracting(QueueChange::reason)
        .containsExactly("new record", "aged out");
  }

  @Test
  void aFailingSourceIsRecordedInItsJobsHealthAndDoesNotStopTheOtherJobs() {
    TableRecordSource claims = TableRecordSource.named("claims");
    claims.put("c1", T0, Map.of("status", "outstanding"));
    RecordJob claimsJob = RecordJob.tracking("acme", "claims", claims).cron("0 * * * *").build();
    DiscoveryEngine engine = engine(List.of(), conversions().cron("0 * * * *").build(), claimsJob);
    user(1, "unsigned");
    users.failWith(new IllegalStateException("replica down"));

    engine.runDue();

    List<RecordJobHealth> health = engine.records().health("acme");
    assertThat(health.get(0).errors()).isEqualTo(1);
    assertThat(health.get(0).lastError())
        .hasValueSatisfying(m -> assertThat(m).contains("source 'users'").contains("replica down"));
    assertThat(health.get(1).healthy()).isTrue();
    assertThat(health.get(1).newRecords()).isEqualTo(1);
  }

  @Test
  void aRowThatCannotBeTrackedIsSkippedAndNeverStopsTheRowsAfterIt() {
    DiscoveryEngine engine = engine(List.of(), conversions().batchSize(2).build());
    users.put("k".repeat(201), T0, Map.of("status", "unsigned"));
    users.put(
        new SourceRow("a", T0, Map.of("status", "unsigned"), Optional.of(""), Optional.empty()));
    user(1, "unsigned");
    user(2, "unsigned");

    RecordJobHealth health = engine.records().run("acme", "unsigned-conversions");

    assertThat(health.errors()).isZero();
    assertThat(health.examined()).isEqualTo(4);
    assertThat(health.newRecords()).isEqualTo(2);
    assertThat(storage.records().find("acme", "users", List.of("u00001", "u00002"))).hasSize(2);
  }

  @Test
  void aClosedEngineRunsNoRecordJobButStillReadsItsQueuesAndHealth() {
    DiscoveryEngine engine = engine(List.of(), conversions().build());
    user(1, "unsigned");
    engine.records().run("acme", "unsigned-conversions");
    engine.close();

    assertThatThrownBy(() -> engine.records().run("acme", "unsigned-conversions"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> engine.records().backfill("acme", "unsigned-conversions"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(engine.records().health("acme").get(0).examined()).isEqualTo(1);
    assertThat(engine.records().queue("acme", QueueQuery.of("users", "unsigned_users", 10)))
        .hasSize(1);
  }

  @Test
  void badJobSettingsFailWithATypedErrorNamingTheSetting() {
    assertThatThrownBy(() -> conversions().cron("61 * * * *"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("job unsigned-conversions: cron:")
        .hasMessageContaining("61");
    assertThatThrownBy(() -> conversions().batchSize(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> conversions().addTransition(SIGNED).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("transitions: two rules are named signed");
    assertThatThrownBy(() -> RecordJob.aging("acme", "aging", "users").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("queues");
    assertThatThrownBy(() -> engine(List.of(), conversions().build(), conversions().build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("registered twice");
  }
}
