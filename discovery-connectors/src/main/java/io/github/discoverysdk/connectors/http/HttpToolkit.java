package io.github.discoverysdk.connectors.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.spi.HttpCallListener;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.support.Require;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(HttpToolkit.class);
  private static final int MAX_REDIRECTS = 5;
  private static final long SNIPPET_BYTES = 1024;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String userAgent;
  private final long maxBodyBytes;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;
  private final double jitter;
  private final int breakerThreshold;
  private final Duration breakerOpenFor;
  private final UrlGuard guard;
  private final EgressProxy proxy;
  private final HttpCallListener telemetry;
  private final CallLedger ledger;
  private final ResponseCache responses;
  private final Cache<String, Validators> validators;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  /** The validators of an earlier answer, and its body to serve on 304. */
  private record Validators(String etag, String lastModified, HttpResult result) {}

  private HttpToolkit(Builder b) {
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.userAgent = b.userAgent;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.maxRetryAfter = b.maxRetryAfter;
    this.jitter = b.jitter;
    this.breakerThreshold = b.breakerThreshold;
    this.breakerOpenFor = b.breakerOpenFor;
    this.guard = b.guard;
    this.telemetry = b.telemetry;
    this.ledger = new CallLedger(b.clock, b.listener, b.telemetry);
    UrlGuard g = b.guard;
    EgressProxy egress = b.proxy;
    this.proxy = egress;
    Dns dns =
        hostname -> {
          List<InetAddress> all = Dns.SYSTEM.lookup(hostname);
          // With a proxy, OkHttp only resolves the proxy, which the host allowed explicitly;
          // targets are checked in sendFollowingRedirects instead.
          return egress != null && egress.isProxyHost(hostname) ? all : g.filter(hostname, all);
        };
    OkHttpClient.Builder client =
        new OkHttpClient.Builder()
            .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .followRedirects(false)
            .followSslRedirects(false)
            // The toolkit retries what is safe to retry itself; OkHttp would silently re-send.
            .retryOnConnectionFailure(false)
            .proxy(
                egress == null
                    ? Proxy.NO_PROXY
                    : new Proxy(
                        Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(egress.host(), egress.port())))
            .dns(dns);
    if (egress != null && egress.password().isPresent()) {
      String credentials =
          Credentials.basic(egress.user().orElseThrow(), egress.password().get().reveal());
      client.proxyAuthenticator(
          (route, response) ->
              response.request().header("Proxy-Authorization") != null
                  ? null // the proxy refused these credentials: do not loop
                  : response
                      .request()
                      .newBuilder()
                      .header("Proxy-Authorization", credentials)
                      .build());
    }
    this.client = client.build();
    this.responses = new ResponseCache(b.cacheBytes, b.clock, ledger);
    this.validators = Caffeine.newBuilder().maximumSize(2_000).build();
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
    limiters.putIfAbsent(sourceId, new RateLimiter(limit, clock, sleeper));
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
    CircuitBreaker b = breakers.get(sourceId);
    return b != null && b.state() == CircuitBreaker.State.OPEN;
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
      return ledger.recorded(call, tenant, start, () -> send(call));
    }
    return responses.get(call, tenant, start, () -> send(call));
  }

  private CallLedger.Outcome send(HttpCall call) throws ConnectorException, InterruptedException {
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
        HttpResult r = sendFollowingRedirects(call, sent);
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

  private HttpResult sendFollowingRedirects(HttpCall call, int[] sent)
      throws Retryable, InterruptedException {
    String source = call.sourceId();
    // HttpCall checked the URL when it was built; a null here would be a bug, not a request.
    HttpUrl url = Objects.requireNonNull(HttpUrl.parse(call.url().toString()), "http url");
    for (int hop = 0; ; hop++) {
      String refusal = guard.refusal(url.scheme(), url.username() + url.password(), url.host());
      if (refusal != null) {
        throw new Retryable(
            new ConnectorException(
                Kind.UNSAFE_URL, source, null, refusal + ": " + redact(call, url), 0, null, null),
            false,
            false,
            null,
            0);
      }
      Request request = request(call, url);
      sent[0]++;
      try (Response response = checkedTarget(url).newCall(request).execute()) {
        int status = response.code();
        if (status >= 300 && status < 400 && status != 304) {
          String location = response.header("Location");
          HttpUrl next = location == null ? null : url.resolve(location);
          if (location != null && next == null && call.followsRedirects()) {
            // A redirect to file:, ftp:, gopher:... is an SSRF attempt, not a client error.
            throw new Retryable(
                new ConnectorException(
                    Kind.UNSAFE_URL,
                    source,
                    null,
                    "redirect "
                        + status
                        + " from "
                        + redact(call, url)
                        + " to a URL that is not http(s) refused",
                    status,
                    null,
                    null),
                false,
                false,
                null,
                sent[0]);
          }
          if (next == null
              || !call.followsRedirects()
              || hop >= MAX_REDIRECTS
              || !sameOrUpgradedScheme(url, next)) {
            throw new Retryable(
                new ConnectorException(
                    Kind.CLIENT_ERROR,
                    source,
                    null,
                    "redirect " + status + " from " + redact(call, url) + " not followed",
                    status,
                    null,
                    null),
                false,
                false,
                null,
                sent[0]);
          }
          url = next;
          continue;
        }
        return handle(call, url, response, sent[0]);
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted during " + call);
        }
        throw unavailable(call, url, "timed out", e, sent[0]);
      } catch (UnknownHostException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("refused:")) {
          throw new Retryable(
              new ConnectorException(Kind.UNSAFE_URL, source, null, e.getMessage(), 0, null, null),
              false,
              false,
              null,
              sent[0]);
        }
        throw unavailable(call, url, "unknown host", e, sent[0]);
      } catch (IOException e) {
        throw unavailable(call, url, "I/O error " + e.getClass().getSimpleName(), e, sent[0]);
      }
    }
  }

  /**
   * The client, once the target host is known to be public. Without a proxy OkHttp's resolver
   * checks each connection; with one, OkHttp never resolves the target, so it is resolved and
   * checked here ({@code refused:} failures become UNSAFE_URL like the resolver's).
   */
  private OkHttpClient checkedTarget(HttpUrl url) throws UnknownHostException {
    if (proxy != null && !guard.isAllowedHost(url.host()) && !UrlGuard.isIpLiteral(url.host())) {
      guard.filter(url.host(), Dns.SYSTEM.lookup(url.host()));
    }
    return client;
  }

  private Retryable unavailable(
      HttpCall call, HttpUrl url, String what, Exception cause, int sent) {
    return new Retryable(
        new ConnectorException(
            Kind.UNAVAILABLE,
            call.sourceId(),
            null,
            what + " on " + call.method() + " " + redact(call, url),
            0,
            null,
            cause),
        true,
        true,
        null,
        sent);
  }

  private HttpResult handle(HttpCall call, HttpUrl url, Response response, int sent)
      throws Retryable, IOException {
    String source = call.sourceId();
    int status = response.code();
    String where = call.method() + " " + redact(call, url);
    String validatorKey = call.cacheKey();
    if (status == 304) {
      Validators v = validators.getIfPresent(validatorKey);
      if (v == null) {
        throw new Retryable(
            new ConnectorException(
                Kind.CLIENT_ERROR,
                source,
                null,
                "304 without a stored answer on " + where,
                status,
                null,
                null),
            false,
            false,
            null,
            sent);
      }
      HttpResult stored = v.result();
      return new HttpResult(status, headersOf(response, stored), stored.body(), false, true);
    }
    if (status >= 200 && status < 300) {
      byte[] body = readCapped(call, response, where, sent);
      HttpResult result = new HttpResult(status, headersOf(response, null), body, false, false);
      if (call.isRateLimitReply(result)) {
        Duration wait = call.rateLimitBackoff().orElse(null);
        throw new Retryable(
            new ConnectorException(
                Kind.RATE_LIMITED,
                source,
                null,
                status + " with the service's rate-limit reply on " + where,
                status,
                wait,
                null),
            true,
            false,
            wait,
            sent);
      }
      String etag = response.header("ETag");
      String lastModified = response.header("Last-Modified");
      if ("GET".equals(call.method()) && (etag != null || lastModified != null)) {
        validators.put(validatorKey, new Validators(etag, lastModified, result));
      }
      return result;
    }
    Optional<Duration> retryAfter = retryAfter(response.header("Retry-After"));
    String snippet = snippet(response);
    switch (status) {
      case 429 -> {
        Duration wait = retryAfter.orElse(call.rateLimitBackoff().orElse(null));
        throw new Retryable(
            new ConnectorException(
                Kind.RATE_LIMITED, source, null, "429 on " + where, status, wait, null, snippet),
            true,
            false,
            wait,
            sent);
      }
      case 502, 503, 504 -> {
        Duration wait = retryAfter.orElse(null);
        throw new Retryable(
            new ConnectorException(
                Kind.UNAVAILABLE,
                source,
                null,
                status + " on " + where,
                status,
                retryAfter.orElse(null),
                null,
                snippet),
            true,
            true,
            wait,
            sent);
      }
      case 404, 410 ->
          throw new Retryable(
              new ConnectorException(
                  Kind.NOT_FOUND,
                  source,
                  null,
                  status + " on " + where,
                  status,
                  null,
                  null,
                  snippet),
              false,
              false,
              null,
              sent);
      case 401, 403 ->
          throw new Retryable(
              new ConnectorException(
                  Kind.UNAUTHORIZED,
                  source,
                  null,
                  status + " on " + where,
                  status,
                  null,
                  null,
                  snippet),
              false,
              false,
              null,
              sent);
      default -> {
        boolean server = status >= 500;
        boolean retry = server && call.retriesAllServerErrors();
        throw new Retryable(
            new ConnectorException(
                server ? Kind.UNAVAILABLE : Kind.CLIENT_ERROR,
                source,
                null,
                status + " on " + where,
                status,
                retry ? retryAfter.orElse(null) : null,
                null,
                snippet),
            retry,
            server,
            retry ? retryAfter.orElse(null) : null,
            sent);
      }
    }
  }

  /** The start of an error body as text, for callers that classify a service's error codes. */
  private static String snippet(Response response) {
    try {
      ResponseBody body = response.body();
      BufferedSource source = body.source();
      source.request(SNIPPET_BYTES);
      Buffer buffer = source.getBuffer();
      long n = Math.min(buffer.size(), SNIPPET_BYTES);
      if (n == 0) {
        return null;
      }
      return buffer.clone().readString(n, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null; // the status alone classifies the failure
    }
  }

  private byte[] readCapped(HttpCall call, Response response, String where, int sent)
      throws Retryable, IOException {
    String encoding = response.header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
      // OkHttp asked for gzip only and removed the header after inflating; anything else left here
      // was not asked for and would bypass the size cap.
      throw new Retryable(
          new ConnectorException(
              Kind.CLIENT_ERROR,
              call.sourceId(),
              null,
              "unsupported Content-Encoding '" + encoding + "' on " + where,
              response.code(),
              null,
              null),
          false,
          false,
          null,
          sent);
    }
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > maxBodyBytes) {
      throw tooLarge(call, where, sent);
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    long total = 0;
    while (true) {
      long n = source.read(buffer, 8192);
      if (n == -1) {
        break;
      }
      total += n;
      if (total > maxBodyBytes) {
        throw tooLarge(call, where, sent);
      }
    }
    return buffer.readByteArray();
  }

  private Retryable tooLarge(HttpCall call, String where, int sent) {
    return new Retryable(
        new ConnectorException(
            Kind.RESPONSE_TOO_LARGE,
            call.sourceId(),
            null,
            "body of " + where + " exceeds " + maxBodyBytes + " bytes after decompression",
            200,
            null,
            null),
        false,
        true,
        null,
        sent);
  }

  private Request request(HttpCall call, HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", userAgent);
    call.headers().forEach(b::header);
    call.secretHeaders().forEach((n, v) -> b.header(n, v.reveal()));
    if ("GET".equals(call.method())) {
      Validators v = validators.getIfPresent(call.cacheKey());
      if (v != null) {
        if (v.etag() != null) {
          b.header("If-None-Match", v.etag());
        }
        if (v.lastModified() != null) {
          b.header("If-Modified-Since", v.lastModified());
        }
      }
      b.get();
    } else {
      byte[] body = call.body().orElse(new byte[0]);
      b.method(call.method(), RequestBody.create(body, JSON));
    }
    return b.build();
  }

  private static Map<String, String> headersOf(Response response, HttpResult stored) {
    Map<String, String> h = new HashMap<>();
    for (String name : List.of("content-type", "etag", "last-modified", "date", "link")) {
      String v = response.header(name);
      if (v == null && stored != null) {
        v = stored.header(name).orElse(null);
      }
      if (v != null) {
        h.put(name, v);
      }
    }
    return h;
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date, relative to the toolkit's clock. */
  Optional<Duration> retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException e) {
      // not seconds: an HTTP date
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean sameOrUpgradedScheme(HttpUrl from, HttpUrl to) {
    return from.scheme().equals(to.scheme()) || to.scheme().equals("https");
  }

  private static String redact(HttpCall call, HttpUrl url) {
    return call.redactFor(url.uri());
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
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
