package io.github.discoverysdk.review;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Review figures of a tenant's cards in one scope: how many are in each state (every state present,
 * 0 when none), and the median time from submission to decision of the cards decided in the period.
 * Immutable and thread-safe.
 *
 * @param counts cards per state, every state present
 * @param medianTimeToReview empty when no card was decided in the period
 */
public record ReviewStats(Map<ReviewState, Long> counts, Optional<Duration> medianTimeToReview) {
  public ReviewStats {
    Map<ReviewState, Long> all = new EnumMap<>(ReviewState.class);
    for (ReviewState s : ReviewState.values()) {
      all.put(s, counts.getOrDefault(s, 0L));
    }
    counts = Map.copyOf(all);
    Objects.requireNonNull(medianTimeToReview, "medianTimeToReview");
  }

  /** The number of cards in {@code state}. */
  public long count(ReviewState state) {
    return counts.get(state);
  }
}
