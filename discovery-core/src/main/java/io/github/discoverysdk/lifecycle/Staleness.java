package io.github.discoverysdk.lifecycle;

import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How stale a stored signal is: 0 just refreshed, rising towards 1 as time since the last refresh
 * passes, 0.5 after one half-life ({@code 1 - 0.5^(age / halfLife)}). Stateless and thread-safe.
 */
public final class Staleness {
  private Staleness() {}

  /** The staleness 0..1 of something last refreshed at {@code refreshedAt}, as of {@code now}. */
  public static double of(Instant refreshedAt, Instant now, Duration halfLife) {
    Objects.requireNonNull(refreshedAt, "refreshedAt");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(halfLife, "halfLife");
    Require.positive("halfLife", halfLife);
    long age = Math.max(0, Duration.between(refreshedAt, now).toSeconds());
    return 1 - Math.pow(0.5, age / (double) halfLife.toSeconds());
  }
}
