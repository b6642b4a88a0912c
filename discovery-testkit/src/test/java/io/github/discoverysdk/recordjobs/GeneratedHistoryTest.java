package io.github.discoverysdk.recordjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A generated history of 10,000 state changes over 50 simulated hours (users signing and unsigning,
 * requirements approved and reopened): after each hourly run, the conversions recorded are exactly
 * the declared transitions that happened, every one of them, none invented.
 */
class GeneratedHistoryTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final int USERS = 2_000;
  private static final int HOURS = 50;
  private static final int CHANGES_PER_HOUR = 200;

  @Test
  void everyConversionOfTenThousandTransitionsIsDetectedWithinOneRunAndNoneIsInvented() {
    Random random = new Random(13);
    MutableClock clock = MutableClock.at(T0);
    InMemoryStorage storage = InMemoryStorage.create();
    TableRecordSource users = TableRecordSource.named("users");
    RecordJob job =
        RecordJob.tracking("acme", "conversions", users)
            .maxPerRun(100_000)
            .addTransition(
                new TransitionRule(
                    "signed",
                    States.isNot("status", "signed"),
                    States.is("status", "signed"),
                    "signed",
                    1))
            .addTransition(
                new TransitionRule(
                    "approved",
                    States.is("requirements", "outstanding"),
                    States.is("requirements", "approved"),
                    "approved",
                    1))
            .build();
    Records records =
        new Records(
            storage,
            clock,
            List.of(job),
            List.of(),
            "e1",
            new io.github.discoverysdk.internal.Gate("test"));

    Map<String, Map<String, String>> table = new HashMap<>();
    for (int i = 0; i < USERS; i++) {
      String key = String.format("u%05d", i);
      Map<String, String> state = Map.of("status", "unsigned", "requirements", "outstanding");
      table.put(key, state);
      users.put(key, clock.instant(), state);
    }
    records.run("acme", "conversions");

    Map<String, List<String>> expected = new TreeMap<>();
    int changes = 0;
    List<String> keys = new ArrayList<>(table.keySet());
    for (int hour = 0; hour < HOURS; hour++) {
      Collections.shuffle(keys, random);
      for (String key : keys.subList(0, CHANGES_PER_HOUR)) {
        clock.advance(Duration.ofSeconds(15));
        Map<String, String> before = table.get(key);
        Map<String, String> after = new HashMap<>(before);
        if (random.nextBoolean()) {
          after.put("status", before.get("status").equals("signed") ? "unsigned" : "signed");
        } else {
          after.put(
              "requirements",
              before.get("requirements").equals("approved") ? "outstanding" : "approved");
        }
        if (!before.get("status").equals("signed") && after.get("status").equals("signed")) {
          expected.computeIfAbsent(key, k -> new ArrayList<>()).add("signed");
        }
        if (before.get("requirements").equals("outstanding")
            && after.get("requirements").equals("approved")) {
          expected.computeIfAbsent(key, k -> new ArrayList<>()).add("approved");
        }
        table.put(key, Map.copyOf(after));
        users.put(key, clock.instant(), after);
        changes++;
      }
      clock.advance(Duration.ofMinutes(10));
      records.run("acme", "conversions");

      assertThat(detected(records)).as("after hour %d", hour).isEqualTo(expected);
    }
    assertThat(changes).isEqualTo(10_000);
    assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(4_000);
  }

  private static Map<String, List<String>> detected(Records records) {
    Map<String, List<String>> out = new TreeMap<>();
    long after = 0;
    while (true) {
      List<Conversion> page = records.conversions("acme", after, 1_000);
      for (Conversion c : page) {
        out.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.rule());
      }
      if (page.size() < 1_000) {
        return out;
      }
      after = page.get(page.size() - 1).sequence();
    }
  }
}
