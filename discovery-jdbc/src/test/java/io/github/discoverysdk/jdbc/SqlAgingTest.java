package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.recordjobs.Records;
import io.github.discoverysdk.records.DerivedField;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The aging job's keyset batches and derived fields on the SQL store. */
class SqlAgingTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void theAgingJobRecomputesDerivedFieldsInKeysetBatchesAndMovesEachRecordOnce() {
    MutableClock clock = MutableClock.at(T0);
    TableRecordSource users = TableRecordSource.named("users");
    DerivedField hours = DerivedField.hoursSince("hours_seen", r -> Optional.of(r.firstSeenAt()));
    QueueRule late = new QueueRule("late", States.atLeast("hours_seen", 72));
    QueueRule open = new QueueRule("open", States.is("status", "open"));
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      Records records =
          new Records(
              storage,
              clock,
              List.of(
                  RecordJob.tracking("acme", "track", users)
                      .addDerived(hours)
                      .addQueue(late)
                      .addQueue(open)
                      .build(),
                  RecordJob.aging("acme", "aging", "users")
                      .batchSize(2)
                      .addDerived(hours)
                      .addQueue(late)
                      .addQueue(open)
                      .build()),
              List.of(),
              "e1",
              new Gate("test"));
      for (int i = 0; i < 5; i++) {
        users.put("u" + i, T0, Map.of("status", "open"));
      }
      records.run("acme", "track");
      clock.advance(Duration.ofHours(73));

      assertThat(records.run("acme", "aging").queueChanges()).isEqualTo(5);
      assertThat(records.run("acme", "aging").queueChanges()).isZero();

      for (int i = 0; i < 5; i++) {
        assertThat(records.queueChanges("acme", "users", "u" + i, 10))
            .extracting(QueueChange::reason)
            .containsExactly("new record", "derived fields changed");
        assertThat(storage.records().find("acme", "users", List.of("u" + i)).get("u" + i).state())
            .containsEntry("hours_seen", "73")
            .containsEntry("status", "open");
      }
    }
  }
}
