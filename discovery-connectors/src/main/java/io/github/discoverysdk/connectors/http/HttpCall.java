package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.support.Require;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One request a connector asks the {@link HttpToolkit} to make: the source it is for, the method,
 * URL, headers, an optional JSON body, and how long its answer may be reused. Immutable and
 * thread-safe; {@link #toString()} shows neither secret headers nor the query string.
 */
public final class HttpCall {
  private final String sourceId;
  private final String method;
  private final URI url;
  private final Map<String, String> headers;
  private final Map<String, Secret> secretHeaders;
  private final byte[] body;
  private final Duration cacheTtl;
  private final String cachePartition;
  private final double cost;
  private final Duration rateLimitBackoff;
  private final Predicate<HttpResult> rateLimitReply;
  private final boolean secretPath;
  private final boolean followRedirects;
  private final boolean retryAllServerErrors;
  private final boolean idempotent;

  private HttpCall(Builder b) {
    this.sourceId = b.sourceId;
    this.method = b.method;
    this.url = b.url;
    this.headers = Map.copyOf(b.headers);
    this.secretHeaders = Map.copyOf(b.secretHeaders);
    this.body = b.body;
    this.cacheTtl = b.cacheTtl;
    this.cachePartition = b.cachePartition;
    this.cost = b.cost;
    this.rateLimitBackoff = b.rateLimitBackoff;
    this.rateLimitReply = b.rateLimitReply;
    this.secretPath = b.secretPath;
    this.followRedirects = b.followRedirects;
    this.retryAllServerErrors = b.retryAllServerErrors;
    this.idempotent = b.idempotent;
  }

  /**
   * A GET of {@code url} for source {@code sourceId}.
   *
   * @throws ConnectorException of kind {@code UNSAFE_URL} if {@code url} is not an http(s) URL (see
   *     {@link UrlGuard#requireHttp}); the other factories likewise
   */
  public static Builder get(String sourceId, URI url) {
    return new Builder(sourceId, "GET", url);
  }

  /** A POST of a JSON body to {@code url} for source {@code sourceId}. */
  public static Builder postJson(String sourceId, URI url, String json) {
    Builder b = new Builder(sourceId, "POST", url);
    b.body = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    return b;
  }

  /** A PATCH of a JSON body to {@code url} (an upsert, for example). */
  public static Builder patchJson(String sourceId, URI url, String json) {
    Builder b = new Builder(sourceId, "PATCH", url);
    b.body = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    return b;
  }

  /** A PUT of a JSON body to {@code url}. */
  public static Builder putJson(String sourceId, URI url, String json) {
    Builder b = new Builder(sourceId, "PUT", url);
    b.body = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    return b;
  }

  public String sourceId() {
    return sourceId;
  }

  public String method() {
    return method;
  }

  public URI url() {
    return url;
  }

  public Map<String, String> headers() {
    return headers;
  }

  Map<String, Secret> secretHeaders() {
    return secretHeaders;
  }

  Optional<byte[]> body() {
    return Optional.ofNullable(body == null ? null : body.clone());
  }

  /** How long an answer may be served from the in-process cache; zero disables caching. */
  public Duration cacheTtl() {
    return cacheTtl;
  }

  /** Estimated cost of the call when it reaches the service (not when served from cache). */
  public double cost() {
    return cost;
  }

  /** The wait after a 429 that carries no {@code Retry-After}, when the service documents one. */
  public Optional<Duration> rateLimitBackoff() {
    return Optional.ofNullable(rateLimitBackoff);
  }

  /** Whether a successful answer is in fact the service's own rate-limit reply. */
  boolean isRateLimitReply(HttpResult result) {
    return rateLimitReply != null && rateLimitReply.test(result);
  }

  /** Whether the toolkit follows redirects of this call (each hop checked by the guard). */
  boolean followsRedirects() {
    return followRedirects;
  }

  /** Whether a 500 (or another 5xx besides 502, 503, 504) is retried like a 503. */
  boolean retriesAllServerErrors() {
    return retryAllServerErrors;
  }

  /** Whether repeating the request after a failure that may have reached the service is safe. */
  boolean idempotent() {
    return idempotent;
  }

  /**
   * The key of the answer in the cache: method, URL, body and partition. Secret headers are not
   * part of it; a call that uses a tenant's key must set a partition (the tenant) so that tenants
   * do not share answers bought with each other's keys.
   */
  String cacheKey() {
    StringBuilder k = new StringBuilder(method).append(' ').append(url);
    if (body != null) {
      k.append(" #").append(java.util.Arrays.hashCode(body)).append(':').append(body.length);
      k.append(':').append(new String(body, StandardCharsets.UTF_8));
    }
    if (cachePartition != null) {
      k.append(" @").append(cachePartition);
    }
    headers.forEach((n, v) -> k.append(" ").append(n).append('=').append(v));
    return k.toString();
  }

  /**
   * The URL as messages and logs may show it: without user info, query or fragment, and without its
   * path when the path is a secret ({@link Builder#secretPath()}).
   */
  public String redactedUrl() {
    return redactFor(url);
  }

  /** {@code u} as this call may show it: without its path when the path is a secret. */
  String redactFor(URI u) {
    if (!secretPath) {
      return redact(u);
    }
    return (u.getScheme() == null ? "" : u.getScheme() + "://")
        + (u.getHost() == null ? "" : u.getHost())
        + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + "/…";
  }

  static String redact(URI u) {
    String s =
        (u.getScheme() == null ? "" : u.getScheme() + "://")
            + (u.getHost() == null ? "" : u.getHost())
            + (u.getPort() < 0 ? "" : ":" + u.getPort())
            + (u.getRawPath() == null ? "" : u.getRawPath());
    return u.getRawQuery() == null ? s : s + "?…";
  }

  @Override
  public String toString() {
    return "HttpCall[" + sourceId + " " + method + " " + redactFor(url) + "]";
  }

  /** Builds an {@link HttpCall}. Not thread-safe. */
  public static final class Builder {
    private final String sourceId;
    private final String method;
    private final URI url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Secret> secretHeaders = new LinkedHashMap<>();
    private byte[] body;
    private Duration cacheTtl = Duration.ZERO;
    private String cachePartition;
    private double cost;
    private Duration rateLimitBackoff;
    private Predicate<HttpResult> rateLimitReply;
    private boolean secretPath;
    private boolean followRedirects = true;
    private boolean retryAllServerErrors;
    private boolean idempotent = true;

    private Builder(String sourceId, String method, URI url) {
      this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
      this.method = method;
      this.url = Objects.requireNonNull(url, "url");
      if (sourceId.isBlank()) {
        throw new ValidationException("sourceId must not be blank");
      }
      if (url.getScheme() == null) {
        throw new ValidationException("url must be absolute, was '" + redact(url) + "'");
      }
      UrlGuard.requireHttp(sourceId, url);
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** A header whose value is a secret: sent, never shown, never part of a cache key. */
    public Builder secretHeader(String name, Secret value) {
      secretHeaders.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder cacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      Require.notNegative("cacheTtl", ttl);
      this.cacheTtl = ttl;
      return this;
    }

    public Builder cachePartition(String partition) {
      this.cachePartition = Objects.requireNonNull(partition, "partition");
      return this;
    }

    public Builder cost(double cost) {
      if (!(cost >= 0)) {
        throw new ValidationException("cost must not be negative, was " + cost);
      }
      this.cost = cost;
      return this;
    }

    public Builder rateLimitBackoff(Duration backoff) {
      Objects.requireNonNull(backoff, "backoff");
      Require.notNegative("rateLimitBackoff", backoff);
      this.rateLimitBackoff = backoff;
      return this;
    }

    /**
     * Recognises a 2xx answer that is really a rate-limit reply (some services answer 200 with a
     * plain-text "slow down"): such an answer is handled exactly like a 429 (retried after {@link
     * #rateLimitBackoff}, never cached, a {@code RATE_LIMITED} failure when retries run out).
     */
    public Builder rateLimitReply(Predicate<HttpResult> test) {
      this.rateLimitReply = Objects.requireNonNull(test, "test");
      return this;
    }

    /**
     * The URL's path may be a secret (a Slack, Teams, Discord or Zapier webhook, a private calendar
     * or feed, any URL a host or a user supplies): messages, logs, {@link #redactedUrl()} and the
     * call ledger show the scheme, host and port only. The query string is never shown either way.
     */
    public Builder secretPath() {
      this.secretPath = true;
      return this;
    }

    /**
     * A 3xx answer fails the call ({@code CLIENT_ERROR}) instead of being followed: for sinks that
     * post to user-supplied URLs, where a redirect is a classic SSRF bypass.
     */
    public Builder noRedirects() {
      this.followRedirects = false;
      return this;
    }

    /**
     * Retries a 500 (and any 5xx) like a 503, for services whose 500s are transient. Only for calls
     * that are safe to repeat: idempotent, or carrying an idempotency key.
     */
    public Builder retryAllServerErrors() {
      this.retryAllServerErrors = true;
      return this;
    }

    /**
     * The request must not be repeated once it may have reached the service (a create without an
     * idempotency key): the toolkit retries only a 429, which the service did not act on, and fails
     * at once on a 5xx, a reset or a timeout, so that the caller can look before it sends again.
     */
    public Builder nonIdempotent() {
      this.idempotent = false;
      return this;
    }

    public HttpCall build() {
      return new HttpCall(this);
    }
  }
}
