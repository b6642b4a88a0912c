package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.FeedbackModel.Entry;
import io.github.discoverysdk.scoring.SyntheticHistory.Case;
import io.github.discoverysdk.spi.ModelStore;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingModelStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackLearnerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final LearningPolicy policy = LearningPolicy.defaults();

  /** A feed of signals published by the test; each fetch returns what came since the cursor. */
  private static final class Feed implements SignalSource {
    final List<Signal> signals = new CopyOnWriteArrayList<>();

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
      int from = request.cursor().map(Integer::parseInt).orElse(0);
      List<Signal> next = List.copyOf(signals.subList(from, signals.size()));
      return SourceResult.of(next, Optional.of(Integer.toString(signals.size())));
    }
  }

  private static Signal funding(String id, String company, String industry) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.FUNDING)
        .title(company + " raises a round")
        .publishedAt(NOW.minus(Duration.ofHours(2)))
        .observedAt(NOW)
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .addIndustries(industry)
        .build();
  }

  @Test
  void dismissingAnIndustryLowersItsNewOpportunitiesAndNothingElse() {
    Storage storage = InMemoryStorage.create();
    FeedbackLearner learner = FeedbackLearner.create(policy, CLOCK);
    Feed feed = new Feed();
    try (DiscoveryEngine engine = learningEngine(storage, learner, feed)) {
      Profile p =
          engine
              .profiles()
              .save(
                  profile("fintech", "retail")
                      .addWatchlist(
                          Company.of("Shopco"),
                          Company.of("Marto"),
                          Company.of("Payzo"),
                          Company.of("Cardo"))
                      .build());
      feed.signals.add(funding("r1", "Shopco", "retail"));
      feed.signals.add(funding("f1", "Payzo", "fintech"));
      engine.discover(p.id());
      Opportunity retailBefore = byKey(engine, p, "r1");
      Opportunity fintechBefore = byKey(engine, p, "f1");

      for (int i = 0; i < 5; i++) {
        // The same dismissal twice counts once.
        engine.feedback(retailBefore.id(), Feedback.dismiss(DismissReason.WRONG_INDUSTRY));
      }
      feed.signals.add(funding("r2", "Marto", "retail"));
      feed.signals.add(funding("f2", "Cardo", "fintech"));
      engine.discover(p.id());

      Opportunity retailAfter = byKey(engine, p, "r2");
      Opportunity fintechAfter = byKey(engine, p, "f2");
      assertThat(retailAfter.score().total()).isLessThan(retailBefore.score().total());
      assertThat(retailAfter.score().factors())
          .anySatisfy(f -> assertThat(f.reason()).startsWith("Lowered x"));
      assertThat(fintechAfter.score().total()).isEqualTo(fintechBefore.score().total());
      assertThat(learner.model(storage, p.id(), NOW).evidence())
          .containsOnlyKeys("industry:retail");
    }
  }

  @Test
  void storedSumsGiveExactlyTheEvidenceOfTheWholeHistory() {
    Storage storage = InMemoryStorage.create();
    SyntheticHistory history = new SyntheticHistory(21);
    storage
        .profiles()
        .save(
            Profile.builder()
                .tenant("acme")
                .id(SyntheticHistory.PROFILE)
                .owner("u")
                .name("p")
                .addKeywords("x")
                .build());
    List<Case> cases = history.generate(120);
    List<Entry> entries = new ArrayList<>();
    Instant at = NOW.minus(Duration.ofDays(90));
    FeedbackLearner learner = FeedbackLearner.create(policy, Clock.fixed(NOW, ZoneOffset.UTC));
    for (Case c : cases) {
      storage.opportunities().save(c.opportunity());
      at = at.plus(Duration.ofHours(17));
      Feedback f =
          Feedback.builder()
              .from(
                  history.converts(c)
                      ? Feedback.converted(BigDecimal.TEN)
                      : c.industry().equals("retail")
                          ? Feedback.dismiss(DismissReason.WRONG_INDUSTRY)
                          : Feedback.lost())
              .at(at)
              .build();
      storage.opportunities().addFeedback(c.opportunity().id(), f);
      learner.onFeedback(c.opportunity(), f, storage);
      entries.add(new Entry(c.opportunity(), f));
    }

    FeedbackModel incremental = learner.model(storage, SyntheticHistory.PROFILE, NOW);
    FeedbackModel whole = FeedbackModel.learn(entries, NOW, policy);

    assertThat(incremental.evidence().keySet()).isEqualTo(whole.evidence().keySet());
    whole
        .evidence()
        .forEach((k, v) -> assertThat(incremental.evidence().get(k)).isCloseTo(v, within(1e-9)));
  }

  @ParameterizedTest
  @CsvSource({"PT30S, 1", "PT0S, 12"})
  void theScorerReadsAProfilesModelOncePerRunUnlessTheCacheIsOff(Duration ttl, int readsPerRun) {
    Storage inner = InMemoryStorage.create();
    AtomicInteger reads = new AtomicInteger();
    Storage storage =
        new ForwardingStorage(inner) {
          @Override
          public ModelStore models() {
            return new ForwardingModelStore(super.models()) {
              @Override
              public Optional<ModelState> find(String tenant, String name) {
                reads.incrementAndGet();
                return super.find(tenant, name);
              }
            };
          }
        };
    FeedbackLearner learner =
        FeedbackLearner.create(LearningPolicy.builder().modelCacheTtl(ttl).build(), CLOCK);
    Feed feed = new Feed();
    try (DiscoveryEngine engine = learningEngine(storage, learner, feed)) {
      Profile p =
          engine.profiles().save(profile("retail").addWatchlist(Company.of("Shopco")).build());
      for (int i = 0; i < 12; i++) {
        feed.signals.add(funding("a" + i, "Shopco", "retail"));
      }
      engine.discover(p.id());
      assertThat(reads.get()).isEqualTo(readsPerRun);
      Opportunity before = byKey(engine, p, "a0");

      // Feedback through the learner makes the next score read the model again at once.
      engine.feedback(before.id(), Feedback.dismiss(DismissReason.WRONG_INDUSTRY));
      reads.set(0);
      for (int i = 0; i < 12; i++) {
        feed.signals.add(funding("b" + i, "Shopco", "retail"));
      }
      engine.discover(p.id());
      assertThat(reads.get()).isEqualTo(readsPerRun);
      assertThat(byKey(engine, p, "b0").score().total()).isLessThan(before.score().total());
    }
  }

  @Test
  void theCachedModelIsDecayedToTheTimeOfEachBatch() {
    List<Double> cached = scoresOfLaterRuns(Duration.ofSeconds(30));
    List<Double> uncached = scoresOfLaterRuns(Duration.ZERO);

    // The dismissal fades month by month, and the cache follows it exactly.
    assertThat(cached).isEqualTo(uncached);
    assertThat(cached.get(0)).isLessThan(cached.get(2));
  }

  /**
   * Dismisses a retail opportunity for the wrong industry, then scores a new retail signal in each
   * of three runs a month apart; the model is cached for the whole test unless {@code ttl} is zero.
   */
  private static List<Double> scoresOfLaterRuns(Duration ttl) {
    AtomicReference<Instant> now = new AtomicReference<>(NOW);
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    Storage storage = InMemoryStorage.create();
    FeedbackLearner learner =
        FeedbackLearner.create(
            LearningPolicy.builder()
                .modelCacheTtl(ttl.isZero() ? ttl : Duration.ofDays(365))
                .build(),
            clock);
    Feed feed = new Feed();
    List<Double> scores = new ArrayList<>();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(feed)
            .scorer(Scoring.learning(ScoringPolicy.defaults(), learner, storage))
            .addOutcomeListener(learner)
            .clock(clock)
            .build()) {
      Profile p =
          engine.profiles().save(profile("retail").addWatchlist(Company.of("Shopco")).build());
      feed.signals.add(funding("a0", "Shopco", "retail"));
      engine.discover(p.id());
      engine.feedback(byKey(engine, p, "a0").id(), Feedback.dismiss(DismissReason.WRONG_INDUSTRY));
      for (int month = 1; month <= 3; month++) {
        now.set(NOW.plus(Duration.ofDays(30L * month)));
        Signal s = funding("m" + month, "Shopco", "retail");
        feed.signals.add(
            Signal.builder()
                .from(s)
                .publishedAt(now.get().minus(Duration.ofHours(2)))
                .observedAt(now.get())
                .build());
        engine.discover(p.id());
        scores.add(byKey(engine, p, "m" + month).score().total());
      }
    }
    return scores;
  }

  private static DiscoveryEngine learningEngine(
      Storage storage, FeedbackLearner learner, Feed feed) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(feed)
        .scorer(Scoring.learning(ScoringPolicy.defaults(), learner, storage))
        .addOutcomeListener(learner)
        .clock(CLOCK)
        .build();
  }

  private static Profile.Builder profile(String... industries) {
    return Profile.builder()
        .tenant("acme")
        .id(ProfileId.of("acme", "p1"))
        .owner("u")
        .name("p1")
        .addIndustries(industries);
  }

  private static Opportunity byKey(DiscoveryEngine engine, Profile p, String id) {
    return engine.feed(FeedQuery.forProfile(p.id()).limit(100).build()).items().stream()
        .filter(o -> o.signalKey().externalId().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
