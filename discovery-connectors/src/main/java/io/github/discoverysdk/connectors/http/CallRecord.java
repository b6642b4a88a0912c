package io.github.discoverysdk.connectors.http;

import java.time.Instant;

/**
 * One entry of the call ledger: a call a connector made through the toolkit, whether the cache
 * answered it, and what it cost. Immutable and thread-safe.
 *
 * @param at when the call finished, by the toolkit's clock
 * @param sourceId the source (or enricher) the call was for
 * @param tenant the tenant it was for
 * @param method HTTP method
 * @param url the URL without user info, query or fragment, and only {@code scheme://host/…} when
 *     the call's path may be a secret (every sink, and sources reading a user-supplied URL)
 * @param cacheHit whether the in-process cache or an identical concurrent call answered it
 * @param requests requests sent, retries and redirects included (0 for a cache hit)
 * @param status the last HTTP status, or 0 when no response came
 * @param outcome {@code "ok"}, {@code "not modified"}, or the failure's kind in lower case
 * @param estimatedCost the call's cost, 0 for a cache hit
 */
public record CallRecord(
    Instant at,
    String sourceId,
    String tenant,
    String method,
    String url,
    boolean cacheHit,
    int requests,
    int status,
    String outcome,
    double estimatedCost) {}
