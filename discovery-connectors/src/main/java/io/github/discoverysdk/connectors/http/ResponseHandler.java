package io.github.discoverysdk.connectors.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads and classifies the responses of {@link HttpToolkit}: a 2xx body read after decompression
 * and refused past {@code maxBodyBytes}, a 304 answered from the stored answer, and every other
 * status turned into a {@link Retryable} of the right {@link ConnectorException.Kind}, with the
 * service's {@code Retry-After} and the start of its error body. Keeps the validators ({@code
 * ETag}, {@code Last-Modified}) of earlier GET answers for conditional requests.
 */
final class ResponseHandler {
  private static final long SNIPPET_BYTES = 1024;

  private final long maxBodyBytes;
  private final Clock clock;
  private final Cache<String, Validators> validators;

  /** The validators of an earlier answer, and its body to serve on 304. */
  record Validators(String etag, String lastModified, HttpResult result) {}

  ResponseHandler(long maxBodyBytes, Clock clock) {
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
    this.validators = Caffeine.newBuilder().maximumSize(2_000).build();
  }

  /** The validators stored for the call of {@code cacheKey}, or null. */
  Validators validators(String cacheKey) {
    return validators.getIfPresent(cacheKey);
  }

  /**
   * The result of {@code response}, its 304 served from the stored answer, or the failure it
   * classifies as; remembers the validators of a GET's answer.
   */
  HttpResult handle(HttpCall call, HttpUrl url, Response response, int sent)
      throws Retryable, IOException {
    String source = call.sourceId();
    int status = response.code();
    String where = call.method() + " " + call.redactFor(url.uri());
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
}
