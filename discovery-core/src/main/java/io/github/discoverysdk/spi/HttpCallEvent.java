package io.github.discoverysdk.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP call a connector made, as reported to an {@link HttpCallListener}: no URL, header or
 * body, so that nothing secret or personal reaches metrics. Immutable and thread-safe.
 *
 * @param at when the call finished, by the connector's clock
 * @param sourceId the source, enricher or sink the call was for
 * @param tenant the tenant it was for
 * @param method HTTP method
 * @param status the last HTTP status, or 0 when no response came (refused, I/O error)
 * @param outcome {@code "ok"}, {@code "not modified"}, or the failure's kind in lower case
 * @param cacheHit whether a cache or an identical concurrent call answered it (no request sent)
 * @param requests requests sent, retries and redirects included (0 for a cache hit)
 * @param latency how long the call took, retries and waits included, by the connector's clock
 * @param estimatedCost the call's estimated cost, 0 for a cache hit
 */
public record HttpCallEvent(
    Instant at,
    String sourceId,
    String tenant,
    String method,
    int status,
    String outcome,
    boolean cacheHit,
    int requests,
    Duration latency,
    double estimatedCost) {
  public HttpCallEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      latency = Duration.ZERO; // a clock set back during the call
    }
  }
}
