package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.DyingStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An engine killed in the middle of its scheduled run leaves its schedule leases behind. An engine
 * started 30 minutes later, with another instance id, takes them over and runs the window's due
 * profiles then: none missed until the next window, none run twice. The same on every storage.
 */
class ScheduleLeaseTakeoverTest {
  /** 10:05: the 30 minutes until the restart stay inside the hourly window of 10:00. */
  private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");

  private static final Scorer SCORER =
      input -> {
        double best = 100 * input.matches().stream().mapToDouble(Match::confidence).max().orElse(0);
        double total = Math.round(best * 100) / 100.0;
        return Score.builder()
            .total(total)
            .strength(SignalStrength.MEDIUM)
            .addFactors(ScoreFactor.of("match", total, 1.0, total, "best match"))
            .build();
      };

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "h2", "postgres", "mariadb"})
  void aRestartedEngineRunsTheWindowOfOneKilledMidRunOnce(String store) throws Exception {
    try (TestDatabase db = database(store)) {
      Storage storage =
          db == null
              ? InMemoryStorage.create()
              : JdbcStorage.builder().dataSource(db.dataSource()).build();
      MutableClock clock = MutableClock.at(T0);
      DyingStorage dying = DyingStorage.over(storage);
      ScriptedSource news =
          ScriptedSource.feed("news")
              .publish(
                  Fixtures.signal(
                      "news",
                      "n-1",
                      SignalType.FUNDING,
                      "Stripe raises",
                      T0.minus(Duration.ofHours(1)),
                      OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)))
              // The first fetch is where the first engine's process dies.
              .onFetch(dying::kill);
      List<String> due = List.of("hourly-1", "hourly-2", "daily-1");

      try (DiscoveryEngine doomed = engine(dying.storage(), news, clock)) {
        for (String id : due) {
          doomed
              .profiles()
              .save(profile(id, id.startsWith("hourly") ? Frequency.HOURLY : Frequency.DAILY));
        }
        assertThatThrownBy(doomed::runDue).isInstanceOf(StorageException.class);
      }
      assertThat(dying.isDead()).isTrue();

      clock.advance(Duration.ofMinutes(30));
      try (DiscoveryEngine restarted = engine(storage, news, clock);
          DiscoveryEngine other = engine(storage, news, clock)) {
        assertThat(ran(restarted.runDue()))
            .as("the due profiles run when the engine restarts, 30 minutes later")
            .containsExactlyInAnyOrderElementsOf(due);
        assertThat(restarted.runDue()).as("the window ran once").isEmpty();
        assertThat(other.runDue()).as("nor does another engine run it again").isEmpty();
        for (String id : due) {
          assertThat(
                  restarted
                      .feed(FeedQuery.forProfile(ProfileId.of("acme", id)).limit(10).build())
                      .items())
              .as("opportunities of %s", id)
              .hasSize(1);
        }

        clock.advance(Duration.ofMinutes(30)); // 11:05: the next hour
        assertThat(ran(other.runDue())).containsExactlyInAnyOrder("hourly-1", "hourly-2");
      }
    }
  }

  private static List<String> ran(List<RunReport> reports) {
    List<String> out = new ArrayList<>();
    reports.forEach(r -> r.profiles().forEach(p -> out.add(p.value())));
    return out;
  }

  private static DiscoveryEngine engine(Storage storage, ScriptedSource news, MutableClock clock) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(news)
        .scorer(SCORER)
        .clock(clock)
        .closeTimeout(Duration.ZERO)
        .build();
  }

  private static Profile profile(String id, Frequency frequency) {
    return Profile.builder()
        .tenant("acme")
        .id(ProfileId.of("acme", id))
        .owner("u")
        .name(id)
        .frequency(frequency)
        .addWatchlist(Company.of("Stripe"))
        .build();
  }

  private static TestDatabase database(String store) throws Exception {
    return switch (store) {
      case "memory" -> null;
      case "h2" -> TestDatabase.h2();
      case "postgres" -> TestDatabase.postgres();
      case "mariadb" -> TestDatabase.mariaDb();
      default -> throw new IllegalArgumentException(store);
    };
  }
}
