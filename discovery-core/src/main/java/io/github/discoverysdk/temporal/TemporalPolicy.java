package io.github.discoverysdk.temporal;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.immutables.value.Value;

/**
 * Thresholds of {@link TemporalIntelligence}. Immutable and thread-safe; every value is validated
 * when built, and an invalid one fails with a {@link ValidationException} naming it.
 *
 * <p>Signals with an event date (conferences, webinars, filing deadlines) are timed by what is left
 * until the event; signals without one (news, funding, hiring) by their age.
 */
@Value.Immutable
@DiscoveryStyle
public interface TemporalPolicy {
  /** How long before an event to reach out. Default 14 days. */
  @Value.Default
  default Duration outreachLeadTime() {
    return Duration.ofDays(14);
  }

  /** Move an outreach date that falls on a weekend to the previous Friday. Default true. */
  @Value.Default
  default boolean businessDaysOnly() {
    return true;
  }

  /** An event starting within this (inclusive) is CRITICAL. Default 7 days. */
  @Value.Default
  default Duration criticalWithin() {
    return Duration.ofDays(7);
  }

  /** An event starting within this (inclusive) is HIGH. Default 21 days. */
  @Value.Default
  default Duration highWithin() {
    return Duration.ofDays(21);
  }

  /** An event starting within this (inclusive) is MEDIUM; later ones are LOW. Default 60 days. */
  @Value.Default
  default Duration mediumWithin() {
    return Duration.ofDays(60);
  }

  /**
   * The action window of an event closes this long before its start: too late to book a meeting.
   * Default 1 day.
   */
  @Value.Default
  default Duration closesBeforeEvent() {
    return Duration.ofDays(1);
  }

  /** A signal without an event younger than this (inclusive) is HIGH. Default 3 days. */
  @Value.Default
  default Duration undatedHighWithin() {
    return Duration.ofDays(3);
  }

  /**
   * A signal without an event younger than this (inclusive) is MEDIUM, older LOW; its window is
   * OPEN until this age. Default 7 days.
   */
  @Value.Default
  default Duration undatedMediumWithin() {
    return Duration.ofDays(7);
  }

  /**
   * The window of a signal without an event is CLOSING_SOON until this age, CLOSED after. Default
   * 14 days.
   */
  @Value.Default
  default Duration undatedClosesAfter() {
    return Duration.ofDays(14);
  }

  /** Zone for dates when the event gives none. Default UTC. */
  @Value.Default
  default ZoneId defaultZone() {
    return ZoneOffset.UTC;
  }

  @Value.Check
  default void check() {
    Require.positive("outreachLeadTime", outreachLeadTime());
    Require.positive("criticalWithin", criticalWithin());
    Require.positive("highWithin", highWithin());
    Require.positive("mediumWithin", mediumWithin());
    Require.positive("undatedHighWithin", undatedHighWithin());
    Require.positive("undatedMediumWithin", undatedMediumWithin());
    Require.positive("undatedClosesAfter", undatedClosesAfter());
    Require.notNegative("closesBeforeEvent", closesBeforeEvent());
    ordered(
        "criticalWithin <= highWithin <= mediumWithin",
        criticalWithin(),
        highWithin(),
        mediumWithin());
    ordered(
        "undatedHighWithin <= undatedMediumWithin <= undatedClosesAfter",
        undatedHighWithin(),
        undatedMediumWithin(),
        undatedClosesAfter());
  }

  private static void ordered(String rule, Duration a, Duration b, Duration c) {
    if (a.compareTo(b) > 0 || b.compareTo(c) > 0) {
      throw new ValidationException(rule + " must hold, was " + a + ", " + b + ", " + c);
    }
  }

  static TemporalPolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TemporalPolicy}; {@code build()} validates every threshold. */
  final class Builder extends ImmutableTemporalPolicy.Builder {}
}
