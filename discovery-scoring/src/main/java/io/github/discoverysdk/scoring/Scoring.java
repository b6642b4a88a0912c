package io.github.discoverysdk.scoring;

import io.github.discoverysdk.spi.Scorer;
import java.util.Objects;

/** Factories of the scorers this module provides. */
public final class Scoring {
  private Scoring() {}

  /**
   * The factor scorer with {@link ScoringPolicy#defaults()}: impact 0.25, urgency 0.20, fit 0.20,
   * access 0.15, feasibility 0.10, confidence 0.10; STRONG from 70, MEDIUM from 45. Stateless and
   * thread-safe.
   */
  public static Scorer defaults() {
    return new FactorScorer(ScoringPolicy.defaults());
  }

  /** The factor scorer with a policy of your own. Stateless and thread-safe. */
  public static Scorer withPolicy(ScoringPolicy policy) {
    return new FactorScorer(Objects.requireNonNull(policy, "policy"));
  }
}
