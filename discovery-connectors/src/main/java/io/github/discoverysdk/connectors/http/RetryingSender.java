package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.spi.HttpCallListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience of {@link HttpToolkit}: sends a call through its source's circuit breaker and rate
 * limit, and retries what may be retried (429, 502, 503, 504, I/O errors; non-idempotent calls only
 * on a rate limit) with exponential backoff and jitter, or the wait the service asked for, up to
 * {@code maxRetryAfter}. Owns the sources' breakers and rate limiters.
 */
final class RetryingSender {
  // The toolkit's logger, so that hosts keep configuring one category for the whole toolkit.
  private static final Logger log = LoggerFactory.getLogger(HttpToolkit.class);

  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;
  private final double jitter;
  private final int breakerThreshold;
  private final Duration breakerOpenFor;
  private final HttpCallListener telemetry;
  private final Exchange exchange;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  RetryingSender(
      Clock clock,
      Sleeper sleeper,
      int maxAttempts,
      Duration baseDelay,
      Duration maxDelay,
      Duration maxRetryAfter,
      double jitter,
      int breakerThreshold,
      Duration breakerOpenFor,
      HttpCallListener telemetry,
      Exchange exchange) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.maxRetryAfter = maxRetryAfter;
    this.jitter = jitter;
    this.breakerThreshold = breakerThreshold;
    this.breakerOpenFor = breakerOpenFor;
    this.telemetry = telemetry;
    this.exchange = exchange;
  }

  /** Limits requests of {@code sourceId}; the first limit registered for a source wins. */
  void rateLimit(String sourceId, RateLimit limit) {
    limiters.putIfAbsent(sourceId, new RateLimiter(limit, clock, sleeper));
  }

  /** Whether the circuit breaker of {@code sourceId} currently refuses calls. */
  boolean isCircuitOpen(String sourceId) {
    CircuitBreaker b = breakers.get(sourceId);
    return b != null && b.state() == CircuitBreaker.State.OPEN;
  }

  /**
   * Sends {@code call} through its source's circuit breaker and rate limit, retrying what may be
   * retried; a failure comes as a {@link CountedFailure} with the requests it took.
   */
  CallLedger.Outcome send(HttpCall call) throws ConnectorException, InterruptedException {
    String source = call.sourceId();
    CircuitBreaker breaker = breaker(source);
    if (!breaker.tryAcquire()) {
      throw new CountedFailure(
          new ConnectorException(
              Kind.CIRCUIT_OPEN,
              source,
              null,
              "circuit open after repeated failures; "
                  + call.method()
                  + " "
                  + call.redactFor(call.url())
                  + " not sent",
              0,
              null,
              null),
          0);
    }
    int requests = 0;
    ConnectorException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      RateLimiter limiter = limiters.get(source);
      if (limiter != null) {
        limiter.acquire();
      }
      Duration wait;
      try {
        int[] sent = {0};
        HttpResult r = exchange.sendFollowingRedirects(call, sent);
        requests += sent[0];
        breaker.onSuccess();
        return new CallLedger.Outcome(r, requests);
      } catch (Retryable e) {
        requests += e.sent;
        last = e.exception;
        if (e.exception.kind() == Kind.UNSAFE_URL) {
          throw new CountedFailure(last, requests);
        }
        boolean mayRepeat = call.idempotent() || e.exception.kind() == Kind.RATE_LIMITED;
        if (!e.retry || !mayRepeat || attempt == maxAttempts) {
          if (e.countsAsFailure) {
            breaker.onFailure();
          } else {
            breaker.onSuccess();
          }
          throw new CountedFailure(last, requests);
        }
        final int n = attempt;
        wait = e.serverWait != null ? e.serverWait : delayFor(n);
        if (wait.compareTo(maxRetryAfter) > 0) {
          breaker.onSuccess();
          throw new CountedFailure(last, requests);
        }
      }
      log.debug(
          "{} {} {}: {}; retry {} of {} in {}",
          source,
          call.method(),
          call.redactFor(call.url()),
          last.getMessage(),
          attempt,
          maxAttempts - 1,
          wait);
      sleeper.sleep(wait);
    }
    throw new CountedFailure(last, requests);
  }

  /** The source's breaker, created on its first call and then shown to the call listener. */
  private CircuitBreaker breaker(String source) {
    CircuitBreaker b = breakers.get(source);
    if (b != null) {
      return b;
    }
    CircuitBreaker created = new CircuitBreaker(breakerThreshold, breakerOpenFor, clock);
    b = breakers.putIfAbsent(source, created);
    if (b != null) {
      return b;
    }
    if (telemetry != null) {
      try {
        telemetry.onCircuitBreaker(source, created::circuitState);
      } catch (RuntimeException e) {
        log.warn("HTTP call listener failed on a circuit breaker: {}", e.toString());
      }
    }
    return created;
  }

  /** Exponential delay of the n-th retry with jitter of ±{@code jitter}, capped. */
  Duration delayFor(int retry) {
    double exp = baseDelay.toMillis() * Math.pow(2, Math.max(0, retry - 1));
    double capped = Math.min(exp, maxDelay.toMillis());
    double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
  }
}
