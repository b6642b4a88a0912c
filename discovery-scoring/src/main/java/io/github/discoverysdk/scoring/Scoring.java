package io.github.discoverysdk.scoring;

import io.github.discoverysdk.spi.Scorer;

/** Factories of the scorers this module provides. */
public final class Scoring {
  private Scoring() {}

  /**
   * The relevance scorer: four factors (match, fit, timing, signal type) with weights 0.45, 0.20,
   * 0.20 and 0.15, each explained, adding up to a total 0..100; STRONG from 70, MEDIUM from 45.
   * Stateless and thread-safe.
   */
  public static Scorer defaults() {
    return new RelevanceScorer();
  }
}
