package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Test plan DB-5: a source delivers a random stream of signal versions with duplicates, versions
 * out of order and whole pages again. Whatever the order, each key is stored once, with the version
 * observed last (last write wins by observation, not by arrival), its opportunity is alerted as new
 * once, and a delivery that changes nothing alerts nothing. Seeded: a failure names its seed.
 */
class RedeliveryPropertyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final ProfileId PROFILE = ProfileId.of("acme", "p1");
  private static final int KEYS = 6;
  private static final int VERSIONS = 4;
  private static final int TRIES = 200;

  /** Version {@code v} of key {@code k}: observed {@code v} minutes after T0, its own title. */
  private static Signal version(int k, int v) {
    return Signal.builder()
        .key(SignalKey.of("news", "n-" + k))
        .type(SignalType.NEWS)
        .title("Stripe news " + k + " version " + v)
        .publishedAt(T0.minus(Duration.ofHours(1)))
        .observedAt(T0.plus(Duration.ofMinutes(v)))
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SUBJECT))
        .build();
  }

  @Test
  void anyOrderOfRedeliveriesEndsWithTheLastObservedVersionOfEachKeyOnce() {
    for (int seed = 0; seed < TRIES; seed++) {
      Random random = new Random(seed);
      List<List<Signal>> pages = new ArrayList<>();
      Map<Integer, Integer> newest = new HashMap<>();
      int pageCount = 2 + random.nextInt(6);
      for (int p = 0; p < pageCount; p++) {
        if (!pages.isEmpty() && random.nextInt(4) == 0) {
          // A page delivered again, as after a retried request.
          pages.add(pages.get(random.nextInt(pages.size())));
          continue;
        }
        List<Signal> page = new ArrayList<>();
        int size = 1 + random.nextInt(5);
        for (int i = 0; i < size; i++) {
          int k = random.nextInt(KEYS);
          int v = random.nextInt(VERSIONS);
          page.add(version(k, v));
          newest.merge(k, v, Math::max);
        }
        pages.add(page);
      }
      List<Alert> alerts = new CopyOnWriteArrayList<>();
      InMemoryStorage storage = InMemoryStorage.create();
      ScriptedSource source = ScriptedSource.feed("news");
      try (DiscoveryEngine engine =
          DiscoveryEngine.builder()
              .allowSystemCalls()
              .storage(storage)
              .addSource(source)
              .scorer(Scoring.defaults())
              .clock(MutableClock.at(T0.plus(Duration.ofHours(1))))
              .addAlertSink(sink(alerts))
              .fetchLimit(100)
              .build()) {
        engine
            .profiles()
            .save(
                Profile.builder()
                    .tenant("acme")
                    .id(PROFILE)
                    .owner("u")
                    .name("p1")
                    .addWatchlist(Company.of("Stripe"))
                    .build());
        // One page a run, as a source that sends what it has each time it is asked.
        for (List<Signal> page : pages) {
          source.publish(page.toArray(Signal[]::new));
          engine.discover(PROFILE);
        }
        assertThat(engine.discover(PROFILE).signalsFetched()).isZero();
        List<Opportunity> feed =
            engine.feed(FeedQuery.forProfile(PROFILE).limit(100).build()).items();

        String why = "seed " + seed + ", pages " + describe(pages);
        assertThat(feed).as(why).hasSize(newest.size());
        for (Map.Entry<Integer, Integer> e : newest.entrySet()) {
          Signal expected = version(e.getKey(), e.getValue());
          assertThat(storage.signals().find("acme", expected.key()).map(Signal::title))
              .as(why)
              .contains(expected.title());
          assertThat(feed)
              .as(why)
              .filteredOn(o -> o.signalKey().equals(expected.key()))
              .singleElement()
              .satisfies(o -> assertThat(o.title()).isEqualTo(expected.title()));
        }
        assertThat(alerts.stream().filter(a -> a.kind() == AlertKind.NEW))
            .as(why)
            .extracting(a -> a.opportunity().signalKey())
            .doesNotHaveDuplicates()
            .hasSize(newest.size());
        // An alert of an update needs a stored change: never more than the versions that moved a
        // key forward.
        assertThat(alerts.stream().filter(a -> a.kind() == AlertKind.UPDATED))
            .as(why)
            .hasSizeLessThanOrEqualTo(forwardMoves(pages));
      }
    }
  }

  /** How many deliveries, in order, carried a version newer than any seen before for their key. */
  private static int forwardMoves(List<List<Signal>> pages) {
    Map<SignalKey, Instant> seen = new HashMap<>();
    int moves = 0;
    for (List<Signal> page : pages) {
      for (Signal s : page) {
        Instant before = seen.get(s.key());
        if (before != null && s.observedAt().isAfter(before)) {
          moves++;
        }
        if (before == null || s.observedAt().isAfter(before)) {
          seen.put(s.key(), s.observedAt());
        }
      }
    }
    return moves;
  }

  private static String describe(List<List<Signal>> pages) {
    List<List<String>> out = new ArrayList<>();
    for (List<Signal> page : pages) {
      out.add(
          page.stream()
              .map(s -> s.key().externalId() + "@" + s.title().substring(s.title().length() - 1))
              .toList());
    }
    return out.toString();
  }

  private static AlertSink sink(List<Alert> alerts) {
    return new AlertSink() {
      @Override
      public String id() {
        return "slack";
      }

      @Override
      public void deliver(Alert alert) {
        alerts.add(alert);
      }
    };
  }
}
