package io.github.discoverysdk.scoring;

import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import io.github.discoverysdk.spi.Storage;

/**
 * The factor scorer, adjusted by what the profile's feedback taught its {@link FeedbackLearner}:
 * every factor scaled alike, with a zero-weight {@code feedback} factor saying why. Reads the
 * profile's model from storage for each score. Thread-safe.
 */
final class LearningScorer implements Scorer {
  private final Scorer base;
  private final ScoringPolicy scoring;
  private final FeedbackLearner learner;
  private final Storage storage;

  LearningScorer(ScoringPolicy scoring, FeedbackLearner learner, Storage storage) {
    this.base = new FactorScorer(scoring);
    this.scoring = scoring;
    this.learner = learner;
    this.storage = storage;
  }

  @Override
  public Score score(ScoringInput input) {
    Score score = base.score(input);
    FeedbackModel model = learner.model(storage, input.profile().id(), input.now());
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
}
