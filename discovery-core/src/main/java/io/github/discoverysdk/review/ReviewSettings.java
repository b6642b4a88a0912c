package io.github.discoverysdk.review;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How the engine runs review when the host turns it on ({@code DiscoveryEngine.Builder.review}):
 * runs then create a PENDING_REVIEW card for every new opportunity that attaches to an account, and
 * a card left in review longer than {@link #escalateAfter()} raises one escalation alert to its
 * account's manager. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface ReviewSettings {
  /** How long a card may wait in PENDING_REVIEW before it is escalated. Default 48 hours. */
  @Value.Default
  default Duration escalateAfter() {
    return Duration.ofHours(48);
  }

  /**
   * The alert sink escalations are delivered to; empty (the default) sends them to every registered
   * alert sink.
   */
  Optional<String> escalationSink();

  @Value.Check
  default void check() {
    if (escalateAfter().isNegative() || escalateAfter().isZero()) {
      throw new io.github.discoverysdk.ValidationException(
          "review.escalateAfter must be positive, was " + escalateAfter());
    }
    escalationSink().ifPresent(s -> Fields.identifier("review.escalationSink", s, 200));
  }

  /** 48 hours, every alert sink. */
  static ReviewSettings defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ReviewSettings}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableReviewSettings.Builder {
    @Override
    public ReviewSettings build() {
      return Fields.build("ReviewSettings", super::build);
    }
  }
}
