package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.HealthStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulingTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:30:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(DiscoveryEngine::close);
  }

  private DiscoveryEngine engine(Storage storage, SignalSource... sources) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock);
    for (SignalSource s : sources) {
      b.addSource(s);
    }
    DiscoveryEngine e = b.build();
    engines.add(e);
    return e;
  }

  private static Profile profile(String tenant, String id, Frequency frequency, String... names) {
    Profile.Builder b =
        Profile.builder()
            .tenant(tenant)
            .id(ProfileId.of(tenant, id))
            .owner("u")
            .name(id)
            .frequency(frequency);
    for (String n : names) {
      b.addWatchlist(Company.of(n));
    }
    return b.build();
  }

  private static List<String> ran(List<RunReport> reports) {
    List<String> out = new ArrayList<>();
    for (RunReport r : reports) {
      r.profiles().forEach(p -> out.add(p.value()));
    }
    return out;
  }

  @Test
  void eachProfileRunsOncePerWindowOfItsFrequencyAndManualOnesNever() {
    DiscoveryEngine engine = engine(storage, ScriptedSource.feed("news"));
    engine.profiles().save(profile("acme", "hourly", Frequency.HOURLY, "Stripe"));
    engine.profiles().save(profile("acme", "daily", Frequency.DAILY, "Stripe"));
    engine.profiles().save(profile("acme", "manual", Frequency.MANUAL, "Stripe"));
    engine.profiles().save(profile("globex", "weekly", Frequency.WEEKLY, "Adyen"));

    assertThat(ran(engine.runDue())).containsExactlyInAnyOrder("hourly", "daily", "weekly");
    assertThat(engine.runDue()).isEmpty();
    clock.advance(Duration.ofMinutes(29));
    assertThat(engine.runDue()).isEmpty();
    clock.advance(Duration.ofMinutes(1)); // 09:00: a new hour
    assertThat(ran(engine.runDue())).containsExactly("hourly");
    clock.advance(Duration.ofDays(1));
    assertThat(ran(engine.runDue())).containsExactlyInAnyOrder("hourly", "daily");
  }

  @Test
  void aCronProfileRunsOncePerFireTimeInItsZone() {
    DiscoveryEngine engine = engine(storage, ScriptedSource.feed("news"));
    engine
        .profiles()
        .save(
            Profile.builder()
                .from(profile("acme", "weekdays", Frequency.MANUAL, "Stripe"))
                .cron("0 9 * * MON-FRI")
                .scheduleZone(java.time.ZoneId.of("Europe/Berlin"))
                .build());

    // Monday 08:30Z is 09:30 in Berlin: the 09:00 window is open.
    assertThat(ran(engine.runDue())).containsExactly("weekdays");
    clock.advance(Duration.ofHours(20));
    assertThat(engine.runDue()).isEmpty();
    clock.advance(Duration.ofHours(4)); // Tuesday 08:30Z
    assertThat(ran(engine.runDue())).containsExactly("weekdays");
    clock.advance(Duration.ofDays(4)); // Saturday: still Friday's window
    assertThat(ran(engine.runDue())).containsExactly("weekdays");
    clock.advance(Duration.ofDays(1));
    assertThat(engine.runDue()).isEmpty();
    assertThatThrownBy(
            () ->
                Profile.builder()
                    .from(profile("acme", "bad", Frequency.DAILY, "Stripe"))
                    .cron("every day")
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cron expression 'every day' is invalid");
  }

  @Test
  void afterDowntimeAProfileCatchesUpOnceNotOncePerMissedWindow() {
    DiscoveryEngine engine = engine(storage, ScriptedSource.feed("news"));
    engine.profiles().save(profile("acme", "hourly", Frequency.HOURLY, "Stripe"));
    engine.runDue();

    clock.advance(Duration.ofHours(30));

    assertThat(ran(engine.runDue())).containsExactly("hourly");
    assertThat(engine.runDue()).isEmpty();
  }

  @Test
  void oneScheduledRoundOfAThousandProfilesOverTwoHundredQueriesMakesTwoHundredCalls() {
    ScriptedSource search = ScriptedSource.search("search");
    DiscoveryEngine engine = engine(storage, search);
    for (int i = 0; i < 1_000; i++) {
      engine.profiles().save(profile("acme", "p" + i, Frequency.DAILY, "Company" + (i % 200)));
    }
    search.publish(signal("search", "s1", "Company7 raises a Series B", "Company7"));

    List<RunReport> round = engine.runDue();

    assertThat(round)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.queriesPlanned()).isEqualTo(1_000);
              assertThat(r.queriesExecuted()).isEqualTo(200);
              assertThat(r.opportunitiesNew()).isEqualTo(5);
            });
    assertThat(search.calls()).isEqualTo(200);
  }

  @Test
  void twoEnginesSharingAStoreRunEachProfileOncePerWindowOverAHundredHourlyTicks()
      throws Exception {
    ScriptedSource news = ScriptedSource.feed("news");
    DiscoveryEngine a = engine(storage, news);
    DiscoveryEngine b = engine(storage, news);
    for (int i = 0; i < 5; i++) {
      a.profiles().save(profile("acme", "h" + i, Frequency.HOURLY, "Stripe"));
    }
    b.profiles().save(profile("globex", "d0", Frequency.DAILY, "Adyen"));
    Map<String, Integer> runsPerProfileAndWindow = new HashMap<>();

    for (int tick = 0; tick < 100; tick++) {
      // Both engines wake up at once, as two host instances would.
      List<RunReport> reports = new ArrayList<>();
      List<RunReport> fromB = new ArrayList<>();
      Thread tb = new Thread(() -> fromB.addAll(b.runDue()));
      tb.start();
      reports.addAll(a.runDue());
      tb.join(TimeUnit.SECONDS.toMillis(30));
      reports.addAll(fromB);
      long hour = Math.floorDiv(clock.instant().getEpochSecond(), 3600);
      long day = Math.floorDiv(clock.instant().getEpochSecond(), 86_400);
      for (String p : ran(reports)) {
        String window = p.startsWith("h") ? p + "@h" + hour : p + "@d" + day;
        runsPerProfileAndWindow.merge(window, 1, Integer::sum);
      }
      clock.advance(Duration.ofHours(1));
    }

    assertThat(runsPerProfileAndWindow.values()).containsOnly(1);
    assertThat(runsPerProfileAndWindow.keySet().stream().filter(k -> k.startsWith("h0@")))
        .hasSize(100);
    assertThat(runsPerProfileAndWindow.keySet().stream().filter(k -> k.startsWith("d0@")))
        .hasSize(5);
  }

  @Test
  void healthAndAnalyticsSummariseTheRuns() {
    ScriptedSource news = ScriptedSource.feed("news").costPerCall(0.5);
    DiscoveryEngine engine = engine(storage, news);
    assertThat(engine.health("acme").status()).isEqualTo(HealthStatus.IDLE);
    Profile p = engine.profiles().save(profile("acme", "p1", Frequency.HOURLY, "Stripe"));
    news.publish(signal("news", "n1", "Stripe news", "Stripe"));
    engine.discover(p.id());
    clock.advance(Duration.ofMinutes(10));
    news.failNext(new java.io.IOException("connection reset"));
    engine.discover(p.id());

    HealthSnapshot health = engine.health("acme");
    assertThat(health.status()).isEqualTo(HealthStatus.FAILING);
    assertThat(health.consecutiveFailures()).isEqualTo(1);
    assertThat(health.failingSources()).containsExactly("news");
    assertThat(health.lastSuccessAt()).contains(T0);

    RunAnalytics analytics = engine.analytics("acme", T0, T0.plus(Duration.ofHours(1)));
    assertThat(analytics.runs()).isEqualTo(2);
    assertThat(analytics.succeeded()).isEqualTo(1);
    assertThat(analytics.failed()).isEqualTo(1);
    assertThat(analytics.successRate()).isEqualTo(0.5);
    assertThat(analytics.sourceCalls()).isEqualTo(2);
    assertThat(analytics.estimatedCost()).isEqualTo(0.5);
    assertThat(analytics.opportunitiesNew()).isEqualTo(1);
    assertThat(
            engine
                .analytics("acme", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)))
                .runs())
        .isZero();
    assertThatThrownBy(() -> engine.analytics("acme", T0, T0.minusSeconds(1)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aSchedulerRoundThatOverrunsItsTimeoutIsAbandonedAndTheNextOneWorks() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    SignalSource blocking = new BlockingSource(ScriptedSource.feed("slow"), release);
    DiscoveryEngine engine = engine(storage, blocking);
    engine.profiles().save(profile("acme", "p1", Frequency.HOURLY, "Stripe"));

    try (DiscoveryScheduler scheduler =
        DiscoveryScheduler.of(engine, Duration.ofMinutes(1), Duration.ofMillis(200))) {
      assertThat(scheduler.tick()).isEmpty();
      release.countDown();
      clock.advance(Duration.ofHours(1));
      assertThat(ran(scheduler.tick())).containsExactly("p1");
    }
    assertThatThrownBy(() -> DiscoveryScheduler.of(engine, Duration.ZERO, Duration.ofMinutes(1)))
        .hasMessage("tick must be positive, was PT0S");
  }

  private Signal signal(String source, String id, String title, String company) {
    return Signal.builder()
        .key(SignalKey.of(source, id))
        .type(SignalType.FUNDING)
        .title(title)
        .publishedAt(clock.instant())
        .observedAt(clock.instant())
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .build();
  }

  /** A source whose fetch blocks until released: a round that overruns its timeout. */
  private static final class BlockingSource implements SignalSource {
    private final ScriptedSource delegate;
    private final CountDownLatch release;

    BlockingSource(ScriptedSource delegate, CountDownLatch release) {
      this.delegate = delegate;
      this.release = release;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public io.github.discoverysdk.spi.SourceCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public io.github.discoverysdk.spi.SourceResult fetch(
        io.github.discoverysdk.spi.SourceRequest request,
        io.github.discoverysdk.spi.SourceContext context)
        throws Exception {
      release.await();
      return delegate.fetch(request, context);
    }
  }
}
