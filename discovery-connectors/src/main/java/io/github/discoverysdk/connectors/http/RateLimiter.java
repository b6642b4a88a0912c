package io.github.discoverysdk.connectors.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests of one source at least {@link RateLimit#interval()} apart. A caller reserves the
 * next free slot under the lock and waits outside it, so concurrent callers queue fairly without
 * holding the lock while they wait. Thread-safe.
 */
final class RateLimiter {
  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant nextFree = Instant.MIN; // guarded by this

  RateLimiter(RateLimit limit, Clock clock, Sleeper sleeper) {
    this.interval = limit.interval();
    this.clock = clock;
    this.sleeper = sleeper;
  }

  void acquire() throws InterruptedException {
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      Instant slot = nextFree.isAfter(now) ? nextFree : now;
      nextFree = slot.plus(interval);
      wait = Duration.between(now, slot);
    }
    if (!wait.isZero() && !wait.isNegative()) {
      sleeper.sleep(wait);
    }
  }
}
