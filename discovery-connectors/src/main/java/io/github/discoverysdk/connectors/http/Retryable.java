package io.github.discoverysdk.connectors.http;

import java.time.Duration;

/**
 * A failed attempt of {@link HttpToolkit}: the {@link ConnectorException} it came to, whether to
 * retry it, whether it counts against the source's circuit breaker, what the service asked to wait,
 * and how many requests it sent. Carries no stack trace: it is control flow between the exchange
 * and the retry loop, never thrown to a caller.
 */
final class Retryable extends Exception {
  private static final long serialVersionUID = 1L;
  final transient ConnectorException exception;
  final boolean retry;
  final boolean countsAsFailure;

  /** What the service asked to wait (Retry-After, or the call's documented backoff). */
  final transient Duration serverWait;

  final int sent;

  Retryable(
      ConnectorException e, boolean retry, boolean countsAsFailure, Duration delay, int sent) {
    super(null, null, false, false);
    this.exception = e;
    this.retry = retry;
    this.countsAsFailure = countsAsFailure;
    this.serverWait = delay;
    this.sent = sent;
  }
}
