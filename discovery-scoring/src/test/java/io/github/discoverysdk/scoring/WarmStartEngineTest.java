package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine warm starts a new profile through {@link WarmStart}, within its tenant only. */
class WarmStartEngineTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final Storage storage = InMemoryStorage.create();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Every tenant's fetch returns the same public signals. */
  private static final class News implements SignalSource {
    @Override
    public String id() {
      return "news";
    }

    @Override
    public SourceCapabilities capabilities() {
      return SourceCapabilities.feed();
    }

    @Override
    public SourceResult fetch(SourceRequest request, SourceContext context) {
      return SourceResult.of(
          List.of(
              funding("payzo", "Payzo", "fintech"),
              funding("cardo", "Cardo", "payments"),
              funding("shopco", "Shopco", "retail")),
          Optional.empty());
    }
  }

  private static Signal funding(String id, String company, String industry) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.FUNDING)
        .title(company + " raises a round")
        .publishedAt(NOW.minus(Duration.ofHours(3)))
        .observedAt(NOW.minus(Duration.ofHours(1)))
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .addIndustries(industry)
        .build();
  }

  private static Profile profile(String tenant, String id, String... watchlist) {
    Profile.Builder b =
        Profile.builder()
            .tenant(tenant)
            .id(ProfileId.of(tenant, id))
            .owner("u")
            .name(id)
            .addIndustries("fintech");
    for (String company : watchlist) {
      b.addWatchlist(Company.of(company));
    }
    return b.build();
  }

  private DiscoveryEngine engine(Scorer scorer) {
    return engine(scorer, WarmStart.defaults());
  }

  private DiscoveryEngine engine(Scorer scorer, WarmStarter starter) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(new News())
        .scorer(scorer)
        .warmStarter(starter)
        .clock(clock)
        .build();
  }

  /** The runs of one profile (the clock stands still, so their order is by filter, not time). */
  private static List<RunReport> runsOf(DiscoveryEngine engine, ProfileId id) {
    return engine.runs(id.tenant(), 50).stream().filter(r -> r.profiles().contains(id)).toList();
  }

  private static Map<String, Opportunity> feed(DiscoveryEngine engine, ProfileId id) {
    return engine.feed(FeedQuery.forProfile(id).limit(100).build()).items().stream()
        .collect(Collectors.toMap(o -> o.signalKey().externalId(), Function.identity()));
  }

  @Test
  void aNewProfileStartsWithWhatASimilarProfileHasThatMatchesIt() {
    try (DiscoveryEngine engine = engine(Scoring.defaults())) {
      Profile veteran = engine.profiles().save(profile("acme", "veteran", "Payzo", "Cardo"));
      // The first profile of a tenant has nobody to borrow from.
      assertThat(runsOf(engine, veteran.id()))
          .singleElement()
          .satisfies(r -> assertThat(r.opportunitiesNew()).isZero());
      engine.discover(veteran.id());
      assertThat(feed(engine, veteran.id())).containsOnlyKeys("payzo", "cardo");

      Profile newcomer = engine.profiles().save(profile("acme", "newcomer", "Payzo"));

      // Before any run of its own: Payzo matches it (watchlist and fintech); Cardo, a payments
      // company it does not watch, does not.
      Map<String, Opportunity> copied = feed(engine, newcomer.id());
      assertThat(copied).containsOnlyKeys("payzo");
      Opportunity payzo = copied.get("payzo");
      assertThat(payzo.profileId()).isEqualTo(newcomer.id());
      assertThat(payzo.id()).isNotEqualTo(feed(engine, veteran.id()).get("payzo").id());
      assertThat(payzo.matches()).isNotEmpty();
      RunReport warm = runsOf(engine, newcomer.id()).get(0);
      assertThat(warm.kind()).isEqualTo(RunKind.WARM_START);
      assertThat(warm.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(warm.opportunitiesNew()).isEqualTo(1);
      assertThat(warm.queriesExecuted()).isZero();

      // Its first run makes nothing twice and changes nothing: the copy is what a run makes.
      RunReport first = engine.discover(newcomer.id());
      assertThat(first.opportunitiesNew()).isZero();
      assertThat(first.opportunitiesUpdated()).isZero();
      assertThat(feed(engine, newcomer.id()).get("payzo")).isEqualTo(payzo);

      // Warm starting again adds nothing either.
      assertThat(engine.warmStart(newcomer.id()).opportunitiesNew()).isZero();
      assertThat(feed(engine, newcomer.id())).hasSize(1);
    }
  }

  @Test
  void neverBorrowsFromAnotherTenant() {
    try (DiscoveryEngine engine = engine(Scoring.defaults())) {
      Profile other = engine.profiles().save(profile("globex", "twin", "Payzo", "Cardo"));
      engine.discover(other.id());
      assertThat(feed(engine, other.id())).hasSize(2);
      // acme stores the same signals, through a profile unlike the newcomer.
      Profile shopper =
          engine
              .profiles()
              .save(
                  Profile.builder()
                      .tenant("acme")
                      .id(ProfileId.of("acme", "shopper"))
                      .owner("u")
                      .name("shopper")
                      .addIndustries("retail")
                      .addWatchlist(Company.of("Shopco"))
                      .build());
      engine.discover(shopper.id());
      assertThat(feed(engine, shopper.id())).containsOnlyKeys("shopco");

      Profile newcomer = engine.profiles().save(profile("acme", "twin", "Payzo", "Cardo"));

      assertThat(feed(engine, newcomer.id())).isEmpty();
      assertThat(runsOf(engine, newcomer.id()))
          .singleElement()
          .satisfies(r -> assertThat(r.opportunitiesNew()).isZero());
      assertThat(feed(engine, other.id())).hasSize(2);
    }
  }

  @Test
  void anUpdateOrADisabledProfileIsNotWarmStarted() {
    try (DiscoveryEngine engine = engine(Scoring.defaults())) {
      engine.discover(engine.profiles().save(profile("acme", "veteran", "Payzo")).id());
      Profile off =
          engine
              .profiles()
              .save(Profile.builder().from(profile("acme", "off", "Payzo")).enabled(false).build());
      assertThat(feed(engine, off.id())).isEmpty();
      assertThatThrownBy(() -> engine.warmStart(off.id()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("disabled");

      Profile on = engine.profiles().save(Profile.builder().from(off).enabled(true).build());
      assertThat(feed(engine, on.id())).isEmpty();
      assertThat(runsOf(engine, on.id())).isEmpty();
    }
  }

  @Test
  void aFailedWarmStartKeepsTheProfileAndItsFirstRunCatchesUp() {
    AtomicBoolean broken = new AtomicBoolean();
    Scorer scorer = Scoring.defaults();
    Scorer flaky =
        input -> {
          if (broken.get()) {
            throw new IllegalStateException("scorer down");
          }
          return scorer.score(input);
        };
    try (DiscoveryEngine engine = engine(flaky)) {
      engine.discover(engine.profiles().save(profile("acme", "veteran", "Payzo")).id());
      broken.set(true);

      Profile newcomer = engine.profiles().save(profile("acme", "newcomer", "Payzo"));

      assertThat(engine.profiles().find(newcomer.id())).contains(newcomer);
      assertThat(feed(engine, newcomer.id())).isEmpty();
      RunReport warm = runsOf(engine, newcomer.id()).get(0);
      assertThat(warm.kind()).isEqualTo(RunKind.WARM_START);
      assertThat(warm.status()).isEqualTo(RunStatus.FAILED);
      assertThat(warm.errors()).singleElement().asString().contains("scorer down");

      broken.set(false);
      assertThat(engine.discover(newcomer.id()).opportunitiesNew()).isEqualTo(1);
      assertThat(feed(engine, newcomer.id())).containsOnlyKeys("payzo");
    }
  }

  @Test
  void aWarmStarterThatInventsAScoreOrReturnsNullFailsTheWarmStartAndWritesNothing() {
    WarmStarter inventing =
        (created, others, opportunities, now, rescorer) ->
            opportunities.load(others.get(0).id()).stream()
                .map(o -> new WarmStarter.Choice(o, o.score()))
                .toList();
    try (DiscoveryEngine engine = engine(Scoring.defaults(), inventing)) {
      engine.discover(engine.profiles().save(profile("acme", "veteran", "Payzo")).id());

      Profile newcomer = engine.profiles().save(profile("acme", "newcomer", "Payzo"));

      RunReport warm = runsOf(engine, newcomer.id()).get(0);
      assertThat(warm.status()).isEqualTo(RunStatus.FAILED);
      assertThat(warm.errors()).singleElement().asString().contains("did not give");
      assertThat(feed(engine, newcomer.id())).isEmpty();
    }
    try (DiscoveryEngine engine = engine(Scoring.defaults(), (c, o, l, n, r) -> null)) {
      Profile p = engine.profiles().save(profile("acme", "nothing", "Payzo"));
      assertThat(runsOf(engine, p.id()).get(0).errors())
          .singleElement()
          .asString()
          .contains("returned null");
    }
  }

  @Test
  void warmStartNeedsAWarmStarter() {
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock)
            .build()) {
      Profile p = engine.profiles().save(profile("acme", "p", "Payzo"));
      assertThat(engine.runs("acme", 10)).isEmpty();
      assertThatThrownBy(() -> engine.warmStart(p.id()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("warmStarter(WarmStart.defaults())");
    }
  }
}
