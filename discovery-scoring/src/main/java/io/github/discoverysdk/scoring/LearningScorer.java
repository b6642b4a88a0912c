package io.github.discoverysdk.scoring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.scoring.FeedbackLearner.Sums;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.Optional;

/**
 * The factor scorer, adjusted by what the profile's feedback taught its {@link FeedbackLearner}:
 * every factor scaled alike, with a zero-weight {@code feedback} factor saying why. Keeps each
 * profile's stored model for {@link LearningPolicy#modelCacheTtl()} (at most {@value #MAX_PROFILES}
 * profiles), read again at once after its learner learns new feedback. Thread-safe.
 */
final class LearningScorer implements Scorer {
  static final int MAX_PROFILES = 10_000;

  /**
   * A profile's stored sums and the learner's generation they were read at, with the model they
   * gave when last decayed, and to when: a run scores a whole batch at one instant, so the model is
   * decayed once a batch instead of once a score.
   */
  private record Cached(
      long generation, Optional<Sums> sums, Instant modelAt, FeedbackModel model) {}

  private final Scorer base;
  private final ScoringPolicy scoring;
  private final FeedbackLearner learner;
  private final Storage storage;
  private final Cache<ProfileId, Cached> cache;

  LearningScorer(ScoringPolicy scoring, FeedbackLearner learner, Storage storage) {
    this.base = new FactorScorer(scoring);
    this.scoring = scoring;
    this.learner = learner;
    this.storage = storage;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(learner.policy().modelCacheTtl())
            .maximumSize(MAX_PROFILES)
            .build();
  }

  @Override
  public Score score(ScoringInput input) {
    Score score = base.score(input);
    FeedbackModel model = model(input.profile().id(), input.now());
    if (model.isEmpty()) {
      return score;
    }
    return model.adjust(
        score,
        OpportunityFeatures.of(
            input.signal().type(), input.signal().key().sourceId(), input.matches()),
        OpportunityFeatures.hasWatchlistMatch(
            input.matches(), learner.policy().explicitWatchlistConfidence()),
        scoring);
  }

  private FeedbackModel model(ProfileId profile, Instant now) {
    if (learner.policy().modelCacheTtl().isZero()) {
      return learner.model(learner.read(storage, profile), now);
    }
    // Read the generation first: feedback learned while we read makes the entry old at once.
    long generation = learner.generation(profile);
    Cached cached = cache.getIfPresent(profile);
    if (cached == null || cached.generation() != generation) {
      cached = new Cached(generation, learner.read(storage, profile), null, null);
    }
    if (!now.equals(cached.modelAt())) {
      FeedbackModel decayed = learner.model(cached.sums(), now);
      cached = new Cached(cached.generation(), cached.sums(), now, decayed);
      cache.put(profile, cached);
    }
    return cached.model();
  }
}
