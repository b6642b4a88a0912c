package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import org.immutables.value.Value;

/**
 * Weights of the facets {@link ProfileSimilarity} compares. Weights are relative: only their ratios
 * matter, and a facet empty on both profiles leaves the comparison. Immutable, thread-safe,
 * validated when built.
 */
@Value.Immutable
@DiscoveryStyle
public interface SimilarityPolicy {
  /** Industries. Default 0.25. */
  @Value.Default
  default double industriesWeight() {
    return 0.25;
  }

  /** Regions. Default 0.15. */
  @Value.Default
  default double regionsWeight() {
    return 0.15;
  }

  /** Target titles, compared as {@link io.github.discoverysdk.matching.JobTitle}s. Default 0.2. */
  @Value.Default
  default double titlesWeight() {
    return 0.2;
  }

  /** Watchlist companies, by normalised name. Default 0.25. */
  @Value.Default
  default double watchlistWeight() {
    return 0.25;
  }

  /** Competitors, by normalised name. Default 0.15. */
  @Value.Default
  default double competitorsWeight() {
    return 0.15;
  }

  @Value.Check
  default void check() {
    double[] weights = {
      industriesWeight(), regionsWeight(), titlesWeight(), watchlistWeight(), competitorsWeight()
    };
    String[] names = {
      "industriesWeight", "regionsWeight", "titlesWeight", "watchlistWeight", "competitorsWeight"
    };
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
        throw new ValidationException(
            names[i] + " must be finite and not negative, was " + weights[i]);
      }
      sum += weights[i];
    }
    if (sum <= 0) {
      throw new ValidationException("at least one similarity weight must be positive, all are 0");
    }
  }

  static SimilarityPolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SimilarityPolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableSimilarityPolicy.Builder {}
}
