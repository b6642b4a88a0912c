/**
 * The HTTP toolkit every connector of the SDK uses, and that connector authors may use too: one
 * OkHttp client per {@link io.github.discoverysdk.connectors.http.HttpToolkit}, per-source rate
 * limits, retries with backoff honouring {@code Retry-After}, a circuit breaker per source, a
 * response-size cap applied after decompression, conditional GET, an in-process response cache that
 * coalesces identical concurrent calls, an SSRF guard and a call ledger.
 */
package io.github.discoverysdk.connectors.http;
