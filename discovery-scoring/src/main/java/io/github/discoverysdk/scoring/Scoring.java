package io.github.discoverysdk.scoring;

import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.Storage;
import java.util.Objects;

/** Factories of the scorers this module provides. */
public final class Scoring {
  private Scoring() {}

  /**
   * The factor scorer with {@link ScoringPolicy#defaults()}: impact 0.25, urgency 0.20, fit 0.20,
   * access 0.15, feasibility 0.10, confidence 0.10; STRONG from 70, MEDIUM from 45; every shipped
   * source weighed by its reliability, from SEC filings (0.95) through a company's own careers
   * site, newsroom or event page (0.85) and edited news feeds (0.75) to aggregators and search
   * feeds (0.6), as tabled in {@link ScoringPolicy#shippedSourceReliability()}; other sources 0.7.
   * Stateless and thread-safe.
   */
  public static Scorer defaults() {
    return new FactorScorer(ScoringPolicy.defaults());
  }

  /**
   * The factor scorer, adjusted per profile by what its feedback taught {@code learner} (register
   * the same learner with {@code addOutcomeListener}); the model is read from {@code storage}, the
   * engine's storage. Thread-safe.
   */
  public static Scorer learning(ScoringPolicy policy, FeedbackLearner learner, Storage storage) {
    return new LearningScorer(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(learner, "learner"),
        Objects.requireNonNull(storage, "storage"));
  }

  /** The factor scorer with a policy of your own. Stateless and thread-safe. */
  public static Scorer withPolicy(ScoringPolicy policy) {
    return new FactorScorer(Objects.requireNonNull(policy, "policy"));
  }
}
