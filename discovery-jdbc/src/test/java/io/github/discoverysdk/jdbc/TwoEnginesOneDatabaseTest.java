package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two host instances, each with its own engine and storage object on one database, wake up at every
 * hourly tick: the leases in the database make each profile run exactly once per window.
 */
class TwoEnginesOneDatabaseTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:30:00Z");

  /** Scores by the best match alone: enough for the schedule, which is what is under test. */
  static final Scorer SCORER =
      input -> {
        double best = 100 * input.matches().stream().mapToDouble(Match::confidence).max().orElse(0);
        double total = Math.round(best * 100) / 100.0;
        return Score.builder()
            .total(total)
            .strength(SignalStrength.MEDIUM)
            .addFactors(ScoreFactor.of("match", total, 1.0, total, "best match"))
            .build();
      };

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void eachProfileRunsExactlyOncePerWindowOverAHundredHourlyTicks(String database)
      throws Exception {
    try (TestDatabase db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news");
      JdbcStorage storageA = JdbcStorage.builder().dataSource(db.dataSource()).build();
      JdbcStorage storageB = JdbcStorage.builder().dataSource(db.dataSource()).build();
      try (DiscoveryEngine a = engine(storageA, news, clock);
          DiscoveryEngine b = engine(storageB, news, clock)) {
        for (int i = 0; i < 4; i++) {
          a.profiles().save(profile("acme", "h" + i, Frequency.HOURLY));
        }
        b.profiles().save(profile("globex", "d0", Frequency.DAILY));
        Map<String, Integer> runs = new HashMap<>();

        for (int tick = 0; tick < 100; tick++) {
          CompletableFuture<List<RunReport>> fromB = CompletableFuture.supplyAsync(b::runDue);
          List<RunReport> reports = new ArrayList<>(a.runDue());
          reports.addAll(fromB.get(60, TimeUnit.SECONDS));
          long hour = Math.floorDiv(clock.instant().getEpochSecond(), 3_600);
          long day = Math.floorDiv(clock.instant().getEpochSecond(), 86_400);
          for (RunReport r : reports) {
            for (ProfileId p : r.profiles()) {
              String window = p.value().startsWith("h") ? "hour " + hour : "day " + day;
              runs.merge(p.value() + " @ " + window, 1, Integer::sum);
            }
          }
          clock.advance(Duration.ofHours(1));
        }

        assertThat(runs.values()).containsOnly(1);
        assertThat(runs.keySet().stream().filter(k -> k.startsWith("h3 @"))).hasSize(100);
        // 100 hours from 00:30 on day one span five calendar days.
        assertThat(runs.keySet().stream().filter(k -> k.startsWith("d0 @"))).hasSize(5);
      }
    }
  }

  private static DiscoveryEngine engine(
      JdbcStorage storage, ScriptedSource source, MutableClock clock) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(source)
        .scorer(SCORER)
        .clock(clock)
        .build();
  }

  private static Profile profile(String tenant, String id, Frequency frequency) {
    return Profile.builder()
        .tenant(tenant)
        .id(ProfileId.of(tenant, id))
        .owner("u")
        .name(id)
        .frequency(frequency)
        .addWatchlist(Company.of("Stripe"))
        .build();
  }
}
