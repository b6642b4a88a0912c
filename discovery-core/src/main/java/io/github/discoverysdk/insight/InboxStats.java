package io.github.discoverysdk.insight;

import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewState;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An account manager's inbox in figures, over the cards in their scope created in a period: how
 * many are in each review state (cards without a review card are in none), each score band and each
 * urgency; how many were created this week; the share of decided cards that were approved; and the
 * median time from submission to decision. Every constant of each map is present, 0 when none.
 * Immutable and thread-safe.
 *
 * @param cards the cards created in the period
 * @param byState cards per review state
 * @param byStrength cards per score band
 * @param byUrgency cards per urgency
 * @param newThisWeek cards created in the last seven days
 * @param medianTimeToReview empty when no card of the period was decided
 */
public record InboxStats(
    long cards,
    Map<ReviewState, Long> byState,
    Map<SignalStrength, Long> byStrength,
    Map<Urgency, Long> byUrgency,
    long newThisWeek,
    Optional<Duration> medianTimeToReview) {
  public InboxStats {
    byState = complete(byState, ReviewState.class);
    byStrength = complete(byStrength, SignalStrength.class);
    byUrgency = complete(byUrgency, Urgency.class);
    Objects.requireNonNull(medianTimeToReview, "medianTimeToReview");
  }

  /** APPROVED and ACTIVATED cards over every decided one (those and REJECTED); empty if none. */
  public OptionalDouble approvalRate() {
    long approved = byState.get(ReviewState.APPROVED) + byState.get(ReviewState.ACTIVATED);
    long decided = approved + byState.get(ReviewState.REJECTED);
    return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of(approved / (double) decided);
  }

  private static <E extends Enum<E>> Map<E, Long> complete(Map<E, Long> counts, Class<E> type) {
    Map<E, Long> all = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      all.put(e, counts.getOrDefault(e, 0L));
    }
    return java.util.Collections.unmodifiableMap(all);
  }
}
