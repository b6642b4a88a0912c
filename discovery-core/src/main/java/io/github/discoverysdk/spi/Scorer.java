package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Score;

/**
 * Scores one match of a signal for a profile, with an explanation. Implementations must be
 * thread-safe and deterministic for the same input. {@code discovery-scoring} provides the default.
 */
@FunctionalInterface
public interface Scorer {
  /** The score; its factors' contributions must add up to its total. */
  Score score(ScoringInput input);
}
