package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a source may be called: at most {@code permits} requests per {@code period}, spread
 * evenly (one every {@code period / permits}). Immutable and thread-safe.
 *
 * @param permits requests allowed per period, at least 1
 * @param period the period, positive
 */
public record RateLimit(int permits, Duration period) {
  /** Validates the values. */
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw new ValidationException("permits must be at least 1, was " + permits);
    }
    Require.positive("period", period);
  }

  /** {@code permits} requests per second. */
  public static RateLimit perSecond(int permits) {
    return new RateLimit(permits, Duration.ofSeconds(1));
  }

  /** One request per {@code interval}. */
  public static RateLimit oneEvery(Duration interval) {
    return new RateLimit(1, interval);
  }

  /** The least time between two requests. */
  public Duration interval() {
    return period.dividedBy(permits);
  }
}
