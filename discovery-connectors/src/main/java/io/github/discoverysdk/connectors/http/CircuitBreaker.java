package io.github.discoverysdk.connectors.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker of one source: after {@code threshold} consecutive failed calls it opens and
 * refuses calls (no request is sent) for {@code openFor}; then it lets one probe through (half
 * open), which closes it on success and opens it again on failure. Time comes from the injected
 * clock. Thread-safe.
 */
final class CircuitBreaker {
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;

  // guarded by this
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt = Instant.MIN;
  private boolean probing;

  CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a request may be sent now; a true answer in HALF_OPEN claims the single probe. */
  synchronized boolean tryAcquire() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
      state = State.HALF_OPEN;
      probing = false;
    }
    switch (state) {
      case CLOSED:
        return true;
      case HALF_OPEN:
        if (probing) {
          return false;
        }
        probing = true;
        return true;
      default:
        return false;
    }
  }

  synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    probing = false;
  }

  synchronized void onFailure() {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.instant();
      probing = false;
    }
  }

  /** {@link #state()} as the core SPI names it. */
  io.github.discoverysdk.spi.CircuitState circuitState() {
    return switch (state()) {
      case CLOSED -> io.github.discoverysdk.spi.CircuitState.CLOSED;
      case OPEN -> io.github.discoverysdk.spi.CircuitState.OPEN;
      case HALF_OPEN -> io.github.discoverysdk.spi.CircuitState.HALF_OPEN;
    };
  }

  synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
