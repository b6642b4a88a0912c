package io.github.discoverysdk.recordjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.records.DerivedField;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TrackedRecord;
import io.github.discoverysdk.records.Tracker;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever the rules and the history of states, after each run every record's queue is
 * the rules applied to its current state, each queue lists exactly those records, and the last
 * recorded queue change of a record ends in its queue. The state includes a time-based derived
 * field ({@code hours_seen}) that some rules test and that an aging job, run between some rounds,
 * recomputes. 200 generated cases (seeded, so a failure names the seed that reproduces it).
 */
class QueueAssignmentPropertyTest {
  private static final String[] STATUSES = {
    "unsigned", "signed", "outstanding", "approved", "lost"
  };
  private static final String[] OWNERS = {"ann", "bob"};

  static Stream<Long> seeds() {
    return IntStream.range(0, 200).mapToObj(i -> 1_000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theQueueOfEveryRecordIsTheRulesAppliedToItsCurrentState(long seed) {
    Random random = new Random(seed);
    MutableClock clock = MutableClock.at(Instant.parse("2026-11-23T00:00:00Z"));
    InMemoryStorage storage = InMemoryStorage.create();
    TableRecordSource users = TableRecordSource.named("users");
    DerivedField hours = DerivedField.hoursSince("hours_seen", r -> Optional.of(r.firstSeenAt()));
    RecordJob.Builder b =
        RecordJob.tracking("acme", "queues", users)
            .batchSize(1 + random.nextInt(20))
            .addDerived(hours);
    RecordJob.Builder aging =
        RecordJob.aging("acme", "aging", "users")
            .batchSize(1 + random.nextInt(20))
            .maxQueueAge(Duration.ofDays(365))
            .addDerived(hours);
    List<QueueRule> rules = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      if (random.nextInt(3) == 0) {
        QueueRule old =
            new QueueRule("q" + random.nextInt(3), States.atLeast("hours_seen", random.nextInt(6)));
        rules.add(old);
        b.addQueue(old);
        aging.addQueue(old);
        continue;
      }
      String status = STATUSES[random.nextInt(STATUSES.length)];
      String other = STATUSES[random.nextInt(STATUSES.length)];
      QueueRule rule =
          new QueueRule(
              "q" + random.nextInt(3),
              random.nextBoolean()
                  ? States.is("status", status, other)
                  : States.isNot("status", status));
      rules.add(rule);
      b.addQueue(rule);
      aging.addQueue(rule);
    }
    Records records =
        new Records(
            storage,
            clock,
            List.of(b.build(), aging.build()),
            List.of(),
            "e1",
            new io.github.discoverysdk.internal.Gate("test"));
    Map<String, Map<String, String>> table = new HashMap<>();
    int size = 5 + random.nextInt(60);

    for (int round = 0; round < 6; round++) {
      for (int i = 0, n = random.nextInt(size); i < n; i++) {
        String key = "r" + random.nextInt(size);
        Map<String, String> state = new HashMap<>();
        if (random.nextInt(10) > 0) {
          state.put("status", STATUSES[random.nextInt(STATUSES.length)]);
        }
        state.put("owner", OWNERS[random.nextInt(OWNERS.length)]);
        // Some writers stamp the same time as others: ties across pages.
        clock.advance(Duration.ofSeconds(random.nextInt(3)));
        table.put(key, state);
        users.put(key, clock.instant(), state);
      }
      clock.advance(Duration.ofMinutes(1));
      records.run("acme", "queues");
      clock.advance(Duration.ofHours(random.nextInt(3)));
      if (random.nextBoolean()) {
        records.run("acme", "aging");
      }

      Map<String, TrackedRecord> tracked = storage.records().find("acme", "users", table.keySet());
      assertThat(tracked.keySet()).as("seed %d round %d", seed, round).isEqualTo(table.keySet());
      for (TrackedRecord r : tracked.values()) {
        assertThat(r.state()).containsKey("hours_seen");
        Map<String, String> source = new HashMap<>(r.state());
        source.remove("hours_seen");
        assertThat(source).isEqualTo(table.get(r.key()));
        assertThat(r.queue())
            .as("seed %d, %s", seed, r.key())
            .isEqualTo(Tracker.queueOf(rules, r.state()));
        List<QueueChange> moves = records.queueChanges("acme", "users", r.key(), 1_000);
        assertThat(
                moves.isEmpty()
                    ? java.util.Optional.<String>empty()
                    : moves.get(moves.size() - 1).to())
            .isEqualTo(r.queue());
      }
      for (String queue : new TreeSet<>(rules.stream().map(QueueRule::queue).toList())) {
        List<String> listed =
            records
                .queue("acme", QueueQuery.of("users", queue, 1_000).activeSince(Instant.EPOCH))
                .stream()
                .map(TrackedRecord::key)
                .toList();
        assertThat(listed)
            .containsExactlyInAnyOrderElementsOf(
                tracked.values().stream()
                    .filter(r -> r.queue().filter(queue::equals).isPresent())
                    .map(TrackedRecord::key)
                    .toList());
      }
    }
  }
}
