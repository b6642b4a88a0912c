package io.github.discoverysdk.model;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** When and where a profile's critical alerts go. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface AlertPreferences {
  /** Whether alerts are raised at all. Default true. */
  @Value.Default
  default boolean enabled() {
    return true;
  }

  /**
   * Ids of the alert sinks to use; empty means every sink registered on the engine. Default empty.
   */
  Set<String> channels();

  /** Smallest watchlist-match confidence that raises an alert. Default 0.8. */
  @Value.Default
  default double minConfidence() {
    return 0.8;
  }

  /** Start of the quiet hours (in {@link #zone()}); alerts due then wait until they end. */
  Optional<LocalTime> quietFrom();

  /** End of the quiet hours; required with {@link #quietFrom()}. A window may span midnight. */
  Optional<LocalTime> quietUntil();

  /** Send one digest a day at {@link #digestAt()} instead of each alert at once. Default false. */
  @Value.Default
  default boolean dailyDigest() {
    return false;
  }

  /** When the daily digest goes out, in {@link #zone()}. Default 08:00. */
  @Value.Default
  default LocalTime digestAt() {
    return LocalTime.of(8, 0);
  }

  /** The zone of quiet hours and digest time. Default UTC. */
  @Value.Default
  default ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /**
   * When an alert raised at {@code now} may go out: at once, after the quiet hours, or at the next
   * digest time.
   */
  default Instant deliverableAt(Instant now) {
    ZonedDateTime local = now.atZone(zone());
    if (dailyDigest()) {
      ZonedDateTime at = local.with(digestAt());
      return (at.isBefore(local) ? at.plusDays(1) : at).toInstant();
    }
    if (quietFrom().isPresent() && quietUntil().isPresent()) {
      LocalTime t = local.toLocalTime();
      LocalTime from = quietFrom().get();
      LocalTime until = quietUntil().get();
      boolean quiet =
          from.isBefore(until)
              ? !t.isBefore(from) && t.isBefore(until)
              : !t.isBefore(from) || t.isBefore(until);
      if (quiet) {
        ZonedDateTime end = local.with(until);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
      }
    }
    return now;
  }

  @Value.Check
  default void check() {
    Checks.unitInterval("alertPreferences.minConfidence", minConfidence());
    if (quietFrom().isPresent() != quietUntil().isPresent()) {
      throw new io.github.discoverysdk.ValidationException(
          "alertPreferences.quietFrom and quietUntil go together, got only one of them");
    }
    Checks.noBlankElements("alertPreferences.channels", channels());
  }

  /** The defaults: enabled, every sink, confidence 0.8. */
  static AlertPreferences defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableAlertPreferences.Builder {
    @Override
    public AlertPreferences build() {
      return Checks.build("AlertPreferences", super::build);
    }
  }
}
