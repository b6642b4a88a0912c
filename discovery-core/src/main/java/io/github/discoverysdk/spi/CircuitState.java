package io.github.discoverysdk.spi;

/** The state of a source's circuit breaker, as an {@link HttpCallListener} sees it. */
public enum CircuitState {
  /** Calls go through. */
  CLOSED,
  /** Calls are refused without a request after repeated failures. */
  OPEN,
  /** The open period ended: the next call is a probe that closes or reopens the breaker. */
  HALF_OPEN
}
