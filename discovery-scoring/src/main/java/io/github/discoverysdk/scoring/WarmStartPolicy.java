package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Settings of {@link WarmStart}. Immutable, thread-safe, validated when built: an invalid value
 * fails with a {@link ValidationException} naming it.
 */
@Value.Immutable
@DiscoveryStyle
public interface WarmStartPolicy {
  /** How profiles are compared. Default {@link SimilarityPolicy#defaults()}. */
  @Value.Default
  default SimilarityPolicy similarity() {
    return SimilarityPolicy.defaults();
  }

  /** A profile at least this similar (0..1] may lend its opportunities. Default 0.3. */
  @Value.Default
  default double minSimilarity() {
    return 0.3;
  }

  /** At most this many similar profiles lend opportunities, the most similar first. Default 5. */
  @Value.Default
  default int maxProfiles() {
    return 5;
  }

  /** At most this many opportunities are copied, the best re-scored first. Default 50. */
  @Value.Default
  default int maxOpportunities() {
    return 50;
  }

  /**
   * A signal without an event date older than this is stale whatever its assessed window says (the
   * window was assessed when the opportunity was last seen, perhaps long ago). Default 30 days.
   */
  @Value.Default
  default Duration maxAge() {
    return Duration.ofDays(30);
  }

  /**
   * Statuses that are never copied: what a colleague ruled out stays out. Default {@code
   * DISMISSED}, {@code ARCHIVED}, {@code LOST} and {@code REJECTED} (a dismissal in the review
   * workflow).
   */
  @Value.Default
  default Set<OpportunityStatus> excludedStatuses() {
    return EnumSet.of(
        OpportunityStatus.DISMISSED,
        OpportunityStatus.ARCHIVED,
        OpportunityStatus.LOST,
        OpportunityStatus.REJECTED);
  }

  @Value.Check
  default void check() {
    if (!(minSimilarity() > 0 && minSimilarity() <= 1)) {
      throw new ValidationException("minSimilarity must be in (0, 1], was " + minSimilarity());
    }
    if (maxProfiles() < 1) {
      throw new ValidationException("maxProfiles must be positive, was " + maxProfiles());
    }
    if (maxOpportunities() < 1) {
      throw new ValidationException("maxOpportunities must be positive, was " + maxOpportunities());
    }
    Require.positive("maxAge", maxAge());
  }

  static WarmStartPolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link WarmStartPolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableWarmStartPolicy.Builder {}
}
