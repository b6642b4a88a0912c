package io.github.discoverysdk.connectors.http;

import java.time.Duration;

/**
 * Waits. The toolkit waits only through a sleeper, so that tests can replace waiting by moving a
 * fake clock and never sleep on the wall clock. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits for {@code duration}; restores the interrupt flag before throwing. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real sleeper: {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
