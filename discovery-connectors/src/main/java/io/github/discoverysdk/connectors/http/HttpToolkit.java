package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.HttpCallListener;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.support.Require;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The HTTP client of the connectors: build one per engine (it owns one OkHttp client and its
 * connection pool) and hand it to every source, enricher and sink.
 *
 * <pre>{@code
 * HttpToolkit http = HttpToolkit.builder()
 *     .userAgent("AcmeCRM/2.1 (ops@acme.example)")
 *     .clock(clock)
 *     .build();
 * HttpResult r = http.execute(HttpCall.get("greenhouse.acme", uri).cacheTtl(Duration.ofMinutes(5)).build(), context);
 * }</pre>
 *
 * <p>Each call goes through, in order: the in-process cache (identical concurrent calls share one
 * request), the source's circuit breaker, its rate limit, the SSRF guard, the request (with {@code
 * If-None-Match}/{@code If-Modified-Since} when an earlier answer had validators), and retries of
 * 429, 502, 503, 504 and I/O errors with exponential backoff and jitter, honouring {@code
 * Retry-After} given in seconds or as an HTTP date, up to {@code maxRetryAfter}. Bodies are read
 * after decompression and refused past {@code maxBodyBytes}. Redirects are followed by the toolkit
 * (at most 5, each checked by the guard), never by OkHttp. Failures are {@link ConnectorException}s
 * of a {@link ConnectorException.Kind}. Every call is reported to the {@link CallListener}.
 *
 * <p>Why not Resilience4j: its rate limiter reads {@code System.nanoTime()} and parks the thread,
 * and its retry sleeps on the wall clock, so neither can run on an injected clock and sleeper,
 * which the SDK's tests require; the three mechanisms needed here are small and tested on fake
 * time.
 *
 * <p>Thread-safe; close it to release the connection pool.
 */
public final class HttpToolkit implements AutoCloseable {
  // The coordinator: each step of a call is one package-private collaborator. ResponseCache
  // shares identical calls, CallLedger reports them, RetryingSender applies the breaker, the rate
  // limit and the retries, Exchange sends one attempt and follows its redirects, ResponseHandler
  // reads and classifies the answer.

  private final Clock clock;
  private final Sleeper sleeper;
  private final String userAgent;
  private final long maxBodyBytes;
  private final UrlGuard guard;
  private final CallLedger ledger;
  private final ResponseCache responses;
  private final Exchange exchange;
  private final RetryingSender sender;

  private HttpToolkit(Builder b) {
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.userAgent = b.userAgent;
    this.maxBodyBytes = b.maxBodyBytes;
    this.guard = b.guard;
    this.ledger = new CallLedger(b.clock, b.listener, b.telemetry);
    this.exchange =
        new Exchange(
            b.userAgent,
            b.guard,
            b.proxy,
            b.connectTimeout,
            b.readTimeout,
            b.callTimeout,
            new ResponseHandler(b.maxBodyBytes, b.clock));
    this.sender =
        new RetryingSender(
            b.clock,
            b.sleeper,
            b.maxAttempts,
            b.baseDelay,
            b.maxDelay,
            b.maxRetryAfter,
            b.jitter,
            b.breakerThreshold,
            b.breakerOpenFor,
            b.telemetry,
            exchange);
    this.responses = new ResponseCache(b.cacheBytes, b.clock, ledger);
  }

  /** A toolkit with the defaults: system clock, strict SSRF guard, 10 MiB body cap. */
  public static HttpToolkit create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Limits requests of {@code sourceId}; the first limit registered for a source wins. */
  public void rateLimit(String sourceId, RateLimit limit) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(limit, "limit");
    sender.rateLimit(sourceId, limit);
  }

  /** The clock the toolkit takes its time from. */
  public Clock clock() {
    return clock;
  }

  /** The toolkit's sleeper, for connectors that must wait (a documented backoff). */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** Whether the circuit breaker of {@code sourceId} currently refuses calls. */
  public boolean isCircuitOpen(String sourceId) {
    return sender.isCircuitOpen(sourceId);
  }

  /**
   * Makes a call for the tenant of {@code context}.
   *
   * @throws ConnectorException typed by what failed
   * @throws InterruptedException if interrupted while waiting; the interrupt flag is restored
   */
  public HttpResult execute(HttpCall call, SourceContext context)
      throws ConnectorException, InterruptedException {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(context, "context");
    String tenant = context.tenant();
    Instant start = clock.instant();
    if (call.cacheTtl().isZero()) {
      return ledger.recorded(call, tenant, start, () -> sender.send(call));
    }
    return responses.get(call, tenant, start, () -> sender.send(call));
  }

  /** Exponential delay of the n-th retry with jitter, capped (see {@link RetryingSender}). */
  Duration delayFor(int retry) {
    return sender.delayFor(retry);
  }

  @Override
  public void close() {
    exchange.close();
  }

  @Override
  public String toString() {
    return "HttpToolkit[userAgent="
        + userAgent
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", "
        + guard
        + "]";
  }

  /** Builds an {@link HttpToolkit}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private String userAgent = "discovery-sdk/0.1 (+https://github.com/discoverysdk)";
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private long maxBodyBytes = 10L * 1024 * 1024;
    private long cacheBytes = 64L * 1024 * 1024;
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(120);
    private double jitter = 0.5;
    private int breakerThreshold = 5;
    private Duration breakerOpenFor = Duration.ofMinutes(1);
    private UrlGuard guard = UrlGuard.strict();
    private EgressProxy proxy;
    private CallListener listener;
    private HttpCallListener telemetry;

    private Builder() {}

    /**
     * Sends every request through this proxy; default none (direct connections, whatever the JVM's
     * proxy properties say, so no request leaves by a route the host did not choose). The SSRF
     * guard still checks every target: see {@link EgressProxy}.
     */
    public Builder proxy(EgressProxy proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The User-Agent of every request; a service may require contact details in it. */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank()) {
        throw new ValidationException("userAgent must not be blank");
      }
      this.userAgent = userAgent;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Require.positive("connectTimeout", timeout);
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Require.positive("readTimeout", timeout);
      return this;
    }

    /** The deadline of one request, connect to last byte. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Require.positive("callTimeout", timeout);
      return this;
    }

    /** The largest body accepted, counted after decompression. Default 10 MiB. */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new ValidationException("maxBodyBytes must be positive, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Bytes of answers the in-process cache holds at most. Default 64 MiB. */
    public Builder cacheBytes(long bytes) {
      if (bytes < 0) {
        throw new ValidationException("cacheBytes must not be negative, was " + bytes);
      }
      this.cacheBytes = bytes;
      return this;
    }

    /** Requests per call at most, the first included. Default 3. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new ValidationException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Backoff of the first retry; each next one doubles, up to {@code maxDelay}. */
    public Builder backoff(Duration base, Duration max) {
      this.baseDelay = Require.positive("backoff base", base);
      this.maxDelay = Require.positive("backoff max", max);
      if (max.compareTo(base) < 0) {
        throw new ValidationException("backoff max must be at least base, was " + max);
      }
      return this;
    }

    /** Jitter as a fraction of the delay, 0 to 1. Default 0.5 (±50%). */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new ValidationException("jitter must be between 0 and 1, was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** The longest {@code Retry-After} the toolkit waits; a longer one fails the call at once. */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = Require.positive("maxRetryAfter", max);
      return this;
    }

    /** Failed calls in a row that open a source's breaker, and how long it stays open. */
    public Builder circuitBreaker(int failures, Duration openFor) {
      if (failures < 1) {
        throw new ValidationException(
            "circuit breaker failures must be at least 1, was " + failures);
      }
      this.breakerThreshold = failures;
      this.breakerOpenFor = Require.positive("circuit breaker openFor", openFor);
      return this;
    }

    public Builder urlGuard(UrlGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * Reports every call (without URL, headers or body) and every source's circuit breaker to
     * {@code listener}, a core SPI that a metrics module implements; beside {@link #callListener}.
     */
    public Builder httpCallListener(HttpCallListener listener) {
      this.telemetry = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder callListener(CallListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public HttpToolkit build() {
      return new HttpToolkit(this);
    }
  }
}
