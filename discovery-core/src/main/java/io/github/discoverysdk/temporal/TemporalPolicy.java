package io.github.discoverysdk.temporal;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.immutables.value.Value;

/**
 * Thresholds of {@link TemporalIntelligence}. Immutable and thread-safe; every duration is
 * validated when built.
 */
@Value.Immutable
@DiscoveryStyle
public interface TemporalPolicy {
  /** How long before an event to reach out. Default 14 days. */
  @Value.Default
  default Duration outreachLeadTime() {
    return Duration.ofDays(14);
  }

  /** An event starting within this is CRITICAL. Default 7 days. */
  @Value.Default
  default Duration criticalWithin() {
    return Duration.ofDays(7);
  }

  /** An event starting within this is HIGH. Default 21 days. */
  @Value.Default
  default Duration highWithin() {
    return Duration.ofDays(21);
  }

  /** An event starting within this is MEDIUM, later ones LOW. Default 60 days. */
  @Value.Default
  default Duration mediumWithin() {
    return Duration.ofDays(60);
  }

  /**
   * For signals without an event date: younger than this is HIGH urgency, up to twice this MEDIUM,
   * older LOW; older than four times this closes the action window. Default 3 days.
   */
  @Value.Default
  default Duration freshFor() {
    return Duration.ofDays(3);
  }

  /** Zone for dates when the event gives none. Default UTC. */
  @Value.Default
  default ZoneId defaultZone() {
    return ZoneOffset.UTC;
  }

  @Value.Check
  default void check() {
    positive("outreachLeadTime", outreachLeadTime());
    positive("criticalWithin", criticalWithin());
    positive("highWithin", highWithin());
    positive("mediumWithin", mediumWithin());
    positive("freshFor", freshFor());
    if (criticalWithin().compareTo(highWithin()) > 0
        || highWithin().compareTo(mediumWithin()) > 0) {
      throw new ValidationException(
          "criticalWithin <= highWithin <= mediumWithin must hold, was "
              + criticalWithin()
              + ", "
              + highWithin()
              + ", "
              + mediumWithin());
    }
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(name + " must be positive, was " + d);
    }
  }

  static TemporalPolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableTemporalPolicy.Builder {}
}
