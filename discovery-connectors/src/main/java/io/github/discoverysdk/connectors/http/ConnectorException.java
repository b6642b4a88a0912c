package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.SourceException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to an external service failed, typed by {@link #kind()} so that a caller can tell "rate
 * limited" from "unavailable", "not found" and "parse error" without reading messages. Names the
 * source and, for a parse error of one record, that record. Messages never contain credentials, a
 * URL's query string or a path that may be secret (a webhook's, a private calendar's). A URL that
 * is not http(s) is {@link Kind#UNSAFE_URL}.
 */
public class ConnectorException extends SourceException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The service answered 429 (or its own rate-limit reply) and retrying did not help. */
    RATE_LIMITED,
    /** 5xx, a reset connection or a timeout, after the retries. */
    UNAVAILABLE,
    /** 404 or 410: the thing asked for does not exist (any more). */
    NOT_FOUND,
    /** 401 or 403: the credentials are missing, wrong or not allowed. */
    UNAUTHORIZED,
    /** Another 4xx: the request was wrong. */
    CLIENT_ERROR,
    /** The body could not be parsed, or a record in it was malformed. */
    PARSE_ERROR,
    /**
     * The body, after decompression, is larger than the toolkit's cap, or a listing holds more
     * records than a source reads from one (10,000).
     */
    RESPONSE_TOO_LARGE,
    /** The source's circuit breaker is open: no request was sent. */
    CIRCUIT_OPEN,
    /**
     * The URL points at a private, loopback, link-local or metadata address, or is not an http(s)
     * URL the toolkit can send ({@code file:}, {@code ftp:}, an IPv6 zone id...): no request sent.
     */
    UNSAFE_URL,
    /** The tenant has no credentials for the service in the credential store: no request sent. */
    MISSING_CREDENTIALS;

    /**
     * Whether repeating the same call later cannot help (bad credentials, a rejected request, a
     * refused URL), as opposed to a rate limit, an outage or an open circuit. Delivery retries only
     * what is not permanent.
     */
    public boolean permanent() {
      return switch (this) {
        case RATE_LIMITED, UNAVAILABLE, CIRCUIT_OPEN -> false;
        default -> true;
      };
    }
  }

  private final Kind kind;
  private final int status;
  private final transient Duration retryAfter;
  private final String responseSnippet;

  public ConnectorException(Kind kind, String sourceId, String message) {
    this(kind, sourceId, null, message, 0, null, null);
  }

  public ConnectorException(
      Kind kind,
      String sourceId,
      String recordId,
      String message,
      int status,
      Duration retryAfter,
      Throwable cause) {
    this(kind, sourceId, recordId, message, status, retryAfter, cause, null);
  }

  /**
   * Like the constructor without it, plus the start of the error response's body ({@code null} when
   * there was none), which callers may read to classify a service's own error codes.
   */
  public ConnectorException(
      Kind kind,
      String sourceId,
      String recordId,
      String message,
      int status,
      Duration retryAfter,
      Throwable cause,
      String responseSnippet) {
    super(sourceId, recordId, kindLabel(kind) + ": " + message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.retryAfter = retryAfter;
    this.responseSnippet = responseSnippet;
  }

  /** A parse error of one record (or of the whole response when {@code recordId} names it). */
  public static ConnectorException parseError(
      String sourceId, String recordId, String message, Throwable cause) {
    return new ConnectorException(Kind.PARSE_ERROR, sourceId, recordId, message, 0, null, cause);
  }

  private static String kindLabel(Kind kind) {
    return kind == null ? "?" : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the last response, or 0 when there was none. */
  public int status() {
    return status;
  }

  /** Whether retrying cannot help: see {@link Kind#permanent()}. */
  public boolean permanent() {
    return kind.permanent();
  }

  /**
   * The first bytes (at most 1 KiB, as text) of the error response's body, when the service sent
   * one: for example Slack's {@code channel_not_found} or HubSpot's {@code "Existing ID: 123"}. Not
   * part of the message, since a body may echo what was sent.
   */
  public Optional<String> responseSnippet() {
    return Optional.ofNullable(responseSnippet);
  }

  /** How long the service asked to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
