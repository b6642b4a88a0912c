package io.github.discoverysdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so that tests about time never sleep:
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2025-03-01T09:00:00Z"));
 * clock.advance(Duration.ofDays(3));
 * }</pre>
 *
 * <p>Thread-safe: the instant is held atomically, so a test thread may move the clock while engine
 * threads read it.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC standing at {@code instant}. */
  public static MutableClock at(Instant instant) {
    return of(instant, ZoneOffset.UTC);
  }

  /** A clock in {@code zone} standing at {@code instant}. */
  public static MutableClock of(Instant instant, ZoneId zone) {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(zone, "zone");
    return new MutableClock(new AtomicReference<>(instant), zone);
  }

  /** Moves the clock by {@code duration}; a negative duration moves it back. */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now.updateAndGet(i -> i.plus(duration));
  }

  /** Puts the clock at {@code instant}. */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    now.set(instant);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A view of this clock in another zone. It shares this clock's time: advancing either one moves
   * both, so code that calls {@code clock.withZone(...)} still follows the test's clock.
   */
  @Override
  public MutableClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "," + zone + "]";
  }
}
