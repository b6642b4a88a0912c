package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.scoring.WarmStart;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.storage.ForwardingOpportunityStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A run that creates the new profile's opportunity on the same signal while the warm start is
 * writing: the warm start retries once, keeps the run's opportunity and makes no second one.
 */
class WarmStartRaceTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final SignalKey KEY = SignalKey.of("news", "s1");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage inner = InMemoryStorage.create();
  // How many warm start transactions still miss the run's opportunity when they look for it.
  private final AtomicInteger blindAttempts = new AtomicInteger();

  /**
   * A storage whose transaction view does not see the new profile's opportunity on {@link #KEY}
   * while {@link #blindAttempts} is positive: as if a run inserted it just after the warm start
   * looked, so that the warm start's insert meets it.
   */
  private final Storage racing =
      new ForwardingStorage(inner) {
        @Override
        protected Storage wrapTransaction(Storage tx) {
          return new ForwardingStorage(tx) {
            @Override
            public OpportunityStore opportunities() {
              return new ForwardingOpportunityStore(super.opportunities()) {
                @Override
                public List<Opportunity> listBySignals(String tenant, Collection<SignalKey> keys) {
                  List<Opportunity> all = super.listBySignals(tenant, keys);
                  boolean seesIt = all.stream().anyMatch(WarmStartRaceTest::newcomersOnKey);
                  if (seesIt && blindAttempts.getAndDecrement() > 0) {
                    return all.stream().filter(o -> !newcomersOnKey(o)).toList();
                  }
                  return all;
                }
              };
            }
          };
        }
      };

  private static boolean newcomersOnKey(Opportunity o) {
    return o.profileId().value().equals("newcomer") && o.signalKey().equals(KEY);
  }

  /** WarmStart, and a run that inserts each chosen opportunity first, as a concurrent run would. */
  private final WarmStarter racingStarter =
      (created, others, opportunities, now, rescorer) -> {
        List<WarmStarter.Choice> choices =
            WarmStart.defaults().choose(created, others, opportunities, now, rescorer);
        for (WarmStarter.Choice c : choices) {
          inner
              .opportunities()
              .save(
                  Opportunity.builder()
                      .from(c.source())
                      .id(OpportunityId.of(created.tenant(), "from-the-run"))
                      .profileId(created.id())
                      .score(c.score())
                      .version(0)
                      .build());
        }
        return choices;
      };

  private DiscoveryEngine engine() {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(racing)
        .addSource(
            ScriptedSource.feed("news")
                .publish(
                    Fixtures.signal(
                        "news",
                        "s1",
                        SignalType.FUNDING,
                        "Acme raises",
                        T0.minusSeconds(60),
                        OrganizationMention.of("Acme", OrganizationRole.SUBJECT))))
        .scorer(Scoring.defaults())
        .warmStarter(racingStarter)
        .clock(clock)
        .build();
  }

  private static Profile profile(String id) {
    return Profile.builder()
        .from(Fixtures.profile("acme", id))
        .id(ProfileId.of("acme", id))
        .build();
  }

  private RunReport warmStartOfNewcomer(DiscoveryEngine engine) {
    engine.discover(engine.profiles().save(profile("veteran")).id());
    engine.profiles().save(profile("newcomer"));
    return engine.runs("acme", 10).stream()
        .filter(r -> r.kind() == RunKind.WARM_START)
        .filter(r -> r.profiles().contains(ProfileId.of("acme", "newcomer")))
        .findFirst()
        .orElseThrow();
  }

  private List<Opportunity> newcomersFeed(DiscoveryEngine engine) {
    return engine.feed(FeedQuery.forProfile(ProfileId.of("acme", "newcomer")).build()).items();
  }

  @Test
  void theSecondAttemptKeepsWhatTheRunMade() {
    blindAttempts.set(1);
    try (DiscoveryEngine engine = engine()) {
      RunReport warm = warmStartOfNewcomer(engine);

      assertThat(warm.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(warm.opportunitiesNew()).isZero();
      assertThat(newcomersFeed(engine))
          .singleElement()
          .satisfies(o -> assertThat(o.id().value()).isEqualTo("from-the-run"));
      assertThat(blindAttempts.get()).as("the transaction ran twice").isNegative();
    }
  }

  @Test
  void aRaceOnBothAttemptsFailsTheWarmStartAndKeepsTheProfile() {
    blindAttempts.set(2);
    try (DiscoveryEngine engine = engine()) {
      RunReport warm = warmStartOfNewcomer(engine);

      assertThat(warm.status()).isEqualTo(RunStatus.FAILED);
      assertThat(warm.errors()).singleElement().asString().contains("already exists");
      assertThat(engine.profiles().find(ProfileId.of("acme", "newcomer"))).isPresent();
      assertThat(newcomersFeed(engine))
          .singleElement()
          .satisfies(o -> assertThat(o.id().value()).isEqualTo("from-the-run"));
    }
  }
}
