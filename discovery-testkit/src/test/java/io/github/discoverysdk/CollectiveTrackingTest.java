package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.CollectiveInsight;
import io.github.discoverysdk.scoring.CollectiveIntelligence;
import io.github.discoverysdk.scoring.CollectivePolicy;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.ForwardingTrackingStore;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine records what profiles track only when the host opts in, and {@link
 * CollectiveIntelligence} shows it as anonymous counts once k tenants contribute.
 */
class CollectiveTrackingTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final TrackedSubject STRIPE = TrackedSubject.account("Stripe");
  private static final CollectivePolicy POLICY = CollectivePolicy.defaults();

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final ScriptedSource news = ScriptedSource.feed("news");
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(DiscoveryEngine::close);
  }

  private DiscoveryEngine engine(boolean collect) {
    return engine(storage, collect);
  }

  private DiscoveryEngine engine(Storage on, boolean collect) {
    DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(on)
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(clock)
            .collectTracking(collect)
            .trackingRetention(Duration.ofDays(30))
            .build();
    engines.add(engine);
    return engine;
  }

  private static Profile watching(String tenant, String name, String... companies) {
    Profile.Builder b = Profile.builder().from(Fixtures.profile(tenant, name)).watchlist(List.of());
    for (String c : companies) {
      b.addWatchlist(Company.of(c));
    }
    return b.addIndustries("FinTech").frequency(Frequency.DAILY).build();
  }

  private static Signal funding(String id, String company) {
    return Fixtures.signal(
        "news",
        id,
        SignalType.FUNDING,
        company + " raises",
        T0.minusSeconds(60),
        OrganizationMention.of(company, OrganizationRole.SUBJECT));
  }

  private Optional<CollectiveInsight> seenBy(String viewer, TrackedSubject subject) {
    return CollectiveIntelligence.load(storage, List.of(subject), clock.instant(), POLICY)
        .insightFor(subject, viewer);
  }

  @Test
  void othersTrackingAnAccountShowOnlyOnceKTenantsDo() {
    DiscoveryEngine engine = engine(true);
    Profile viewer = engine.profiles().save(watching("viewer", "mine", "Stripe"));
    for (int t = 1; t < POLICY.minTenants(); t++) {
      engine.profiles().save(watching("tenant-" + t, "p", "Stripe, Inc."));
      // A second profile of the same tenant is one more profile, not one more team.
      engine.profiles().save(watching("tenant-" + t, "q", "STRIPE"));
    }
    assertThat(seenBy(viewer.tenant(), STRIPE)).as("k - 1 other tenants").isEmpty();

    Profile last = engine.profiles().save(watching("tenant-k", "p", "Stripe"));

    CollectiveInsight insight = seenBy(viewer.tenant(), STRIPE).orElseThrow();
    assertThat(insight.teams()).isEqualTo(POLICY.minTenants());
    assertThat(insight.profiles()).isEqualTo(2 * POLICY.minTenants() - 1);
    assertThat(insight.peers())
        .singleElement()
        .satisfies(p -> assertThat(p.industry()).isEqualTo("fintech"));

    // Deleting a profile takes its tracking with it.
    engine.profiles().delete(last.id());
    assertThat(seenBy(viewer.tenant(), STRIPE)).isEmpty();
  }

  @Test
  void nothingIsRecordedUnlessTheHostOptsIn() {
    DiscoveryEngine engine = engine(false);
    Profile p = engine.profiles().save(watching("acme", "p", "Stripe"));
    news.publish(funding("s1", "Stripe"));
    engine.discover(p.id());
    Opportunity o = onlyOpportunity(engine, p);
    engine.feedback(o.id(), Feedback.save());

    assertThat(storage.tracking().list(T0.minus(Duration.ofDays(1)), 100)).isEmpty();
  }

  @Test
  void savingAnOpportunityTracksItsSignalAndAccountAndDismissingTracksNothing() {
    DiscoveryEngine engine = engine(true);
    Profile p = engine.profiles().save(watching("acme", "p", "Stripe", "Adyen"));
    news.publish(funding("s1", "Stripe"), funding("s2", "Adyen"));
    engine.discover(p.id());
    List<Opportunity> opportunities = engine.feed(FeedQuery.forProfile(p.id()).build()).items();
    Opportunity stripe =
        opportunities.stream()
            .filter(o -> o.title().startsWith("Stripe"))
            .findFirst()
            .orElseThrow();
    Opportunity adyen =
        opportunities.stream().filter(o -> o.title().startsWith("Adyen")).findFirst().orElseThrow();

    engine.feedback(stripe.id(), Feedback.save());
    engine.feedback(adyen.id(), Feedback.dismiss(DismissReason.NOT_RELEVANT));

    assertThat(
            storage.tracking().list(TrackedSubject.of(stripe), T0.minusSeconds(1)).stream()
                .map(AnonymousObservation::subject))
        .containsExactlyInAnyOrder(TrackedSubject.signal(stripe.signalKey()), STRIPE);
    assertThat(
            storage
                .tracking()
                .list(List.of(TrackedSubject.signal(adyen.signalKey())), T0.minusSeconds(1)))
        .isEmpty();
  }

  @Test
  void runsKeepAWatchingProfileCountedOncePerDayAndRunDuePrunesOldRows() {
    DiscoveryEngine engine = engine(true);
    Profile p = engine.profiles().save(watching("acme", "p", "Stripe"));
    for (int day = 0; day < 40; day++) {
      engine.runDue();
      engine.discover(p.id());
      clock.advance(Duration.ofHours(12));
      engine.runDue();
      clock.advance(Duration.ofHours(12));
    }
    List<AnonymousObservation> rows = storage.tracking().list(T0.minus(Duration.ofDays(1)), 1000);
    // Retention 30 days: the rows of the last 30 days are left, one per day.
    assertThat(rows).hasSizeBetween(30, 31);
    assertThat(rows)
        .extracting(AnonymousObservation::profileKey)
        .containsOnly(AnonymousObservation.profileKey(p.id()));
    assertThat(rows.get(0).at()).isAfterOrEqualTo(clock.instant().minus(Duration.ofDays(31)));
    assertThat(rows.stream().map(r -> r.at().getEpochSecond() / 86_400).distinct())
        .hasSize(rows.size());
  }

  @Test
  void aProfilesWatchlistIsWrittenOnceADayHowEverOftenItRuns() {
    AtomicInteger writes = new AtomicInteger();
    Storage counting =
        new ForwardingStorage(storage) {
          @Override
          protected Storage wrapTransaction(Storage tx) {
            return new ForwardingStorage(tx) {
              @Override
              public TrackingStore tracking() {
                return new ForwardingTrackingStore(super.tracking()) {
                  @Override
                  public void record(TrackingObservation observation) {
                    writes.incrementAndGet();
                    super.record(observation);
                  }

                  // Saves and runs record a watchlist with one call: count what it writes.
                  @Override
                  public void recordAll(List<TrackingObservation> observations) {
                    writes.addAndGet(observations.size());
                    super.recordAll(observations);
                  }
                };
              }
            };
          }
        };
    DiscoveryEngine engine = engine(counting, true);
    Profile p = engine.profiles().save(watching("acme", "p", "Stripe", "Adyen"));
    assertThat(writes.get()).isEqualTo(2);

    for (int hour = 0; hour < 5; hour++) {
      engine.discover(p.id());
      clock.advance(Duration.ofHours(1));
    }
    assertThat(writes.get()).as("the save recorded today's").isEqualTo(2);

    clock.advance(Duration.ofDays(1));
    engine.discover(p.id());
    engine.discover(p.id());
    assertThat(writes.get()).isEqualTo(4);

    // A changed watchlist is recorded at once.
    Profile changed =
        engine
            .profiles()
            .save(
                Profile.builder()
                    .from(p)
                    .version(p.version())
                    .addWatchlist(Company.of("Klarna"))
                    .build());
    assertThat(writes.get()).isEqualTo(7);
    engine.discover(changed.id());
    assertThat(writes.get()).isEqualTo(7);
  }

  @Test
  void aSnapshotOfEverythingRefusesToReadMoreThanItMay() {
    DiscoveryEngine engine = engine(true);
    engine.profiles().save(watching("acme", "p", "Stripe", "Adyen", "Klarna"));

    assertThat(CollectiveIntelligence.loadAll(storage, clock.instant(), POLICY, 3).trending(10))
        .isEmpty();
    assertThatThrownBy(() -> CollectiveIntelligence.loadAll(storage, clock.instant(), POLICY, 2))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("more than 2 tracking observations");
  }

  @Test
  void trackingRetentionMustBeAtLeastADay() {
    assertThatThrownBy(
            () ->
                DiscoveryEngine.builder()
                    .allowSystemCalls()
                    .trackingRetention(Duration.ofHours(23)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at least 1 day");
  }

  private static Opportunity onlyOpportunity(DiscoveryEngine engine, Profile p) {
    return engine.feed(FeedQuery.forProfile(p.id()).build()).items().stream()
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one opportunity");
            })
        .orElseThrow();
  }
}
