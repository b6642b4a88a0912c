package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import org.immutables.value.Value;

/** Settings of {@link FeedbackModel}. Immutable, thread-safe, validated when built. */
@Value.Immutable
@DiscoveryStyle
public interface LearningPolicy {
  /** Feedback loses half its weight every half-life. Default 30 days. */
  @Value.Default
  default Duration halfLife() {
    return Duration.ofDays(30);
  }

  /** How strongly a feature's evidence moves the multiplier (log scale). Default 0.15. */
  @Value.Default
  default double learningRate() {
    return 0.15;
  }

  /**
   * Pseudo-observations of neutral feedback every feature starts with, so that one piece of
   * feedback nudges rather than swings. Default 2.
   */
  @Value.Default
  default double priorWeight() {
    return 2;
  }

  /** Lowest multiplier learning may apply to a score. Default 0.3. */
  @Value.Default
  default double minMultiplier() {
    return 0.3;
  }

  /** Highest multiplier learning may apply to a score. Default 1.8. */
  @Value.Default
  default double maxMultiplier() {
    return 1.8;
  }

  /**
   * An opportunity with an explicit watchlist match never falls below this score through learning
   * (nor below its unlearned score, if that is lower). Default 40.
   */
  @Value.Default
  default double watchlistFloor() {
    return 40;
  }

  /** A watchlist match at or above this confidence is explicit. Default 0.8. */
  @Value.Default
  default double explicitWatchlistConfidence() {
    return 0.8;
  }

  /**
   * How long the learning scorer ({@link Scoring#learning}) may reuse a profile's model read from
   * storage, so that a run scoring many signals reads it about once. Feedback recorded through the
   * same {@link FeedbackLearner} makes the next score read it again at once; feedback recorded by
   * another process (another engine on the same store) shows within this time. Default 30 seconds;
   * zero reads storage for every score.
   */
  @Value.Default
  default Duration modelCacheTtl() {
    return Duration.ofSeconds(30);
  }

  @Value.Check
  default void check() {
    Require.positive("halfLife", halfLife());
    Require.notNegative("modelCacheTtl", modelCacheTtl());
    if (!(learningRate() > 0 && learningRate() <= 2)) {
      throw new ValidationException("learningRate must be in (0, 2], was " + learningRate());
    }
    if (!(priorWeight() >= 0)) {
      throw new ValidationException("priorWeight must not be negative, was " + priorWeight());
    }
    if (!(minMultiplier() > 0 && minMultiplier() <= 1 && maxMultiplier() >= 1)) {
      throw new ValidationException(
          "0 < minMultiplier <= 1 <= maxMultiplier must hold, was "
              + minMultiplier()
              + ", "
              + maxMultiplier());
    }
    if (!(watchlistFloor() >= 0 && watchlistFloor() <= 100)) {
      throw new ValidationException(
          "watchlistFloor must be between 0 and 100, was " + watchlistFloor());
    }
    if (!(explicitWatchlistConfidence() >= 0 && explicitWatchlistConfidence() <= 1)) {
      throw new ValidationException(
          "explicitWatchlistConfidence must be between 0 and 1, was "
              + explicitWatchlistConfidence());
    }
  }

  static LearningPolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LearningPolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableLearningPolicy.Builder {}
}
