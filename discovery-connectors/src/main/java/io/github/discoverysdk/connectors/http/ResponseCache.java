package io.github.discoverysdk.connectors.http;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The in-process cache of {@link HttpToolkit}: answers kept for the TTL of the call that fetched
 * them, bounded in bytes, on the toolkit's clock. Identical concurrent calls share one request: the
 * first one sends it, the others join its answer or its failure.
 */
final class ResponseCache {
  private final AsyncCache<String, Cached> responses;
  private final CallLedger ledger;

  /**
   * What a cached call came to: a result, kept for {@code ttl}, or the failure that the callers who
   * joined it rethrow. A failure is a value rather than an exceptionally completed future because
   * Caffeine logs every failed asynchronous load through java.util.logging with its stack trace,
   * outside SLF4J, and a 404 or a refused URL is an expected outcome, not an error to print (#19).
   * A failure is removed from the cache before it is published, so it is never served to a later
   * call.
   */
  private record Cached(HttpResult result, Duration ttl, Exception failure) {
    static Cached of(HttpResult result, Duration ttl) {
      return new Cached(result, ttl, null);
    }

    static Cached failed(Exception failure) {
      return new Cached(null, Duration.ZERO, failure);
    }

    int weight() {
      return result == null ? 0 : result.length();
    }
  }

  ResponseCache(long cacheBytes, Clock clock, CallLedger ledger) {
    this.ledger = ledger;
    Clock c = clock;
    this.responses =
        Caffeine.newBuilder()
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(c.millis()))
            .maximumWeight(cacheBytes)
            .<String, Cached>weigher((k, v) -> v.weight() + k.length())
            .expireAfter(new TtlExpiry())
            .buildAsync();
  }

  /**
   * The cached answer of {@code call}, or the one of an identical call under way, or the result of
   * {@code attempt} (recorded in the ledger), cached for the call's TTL.
   */
  HttpResult get(HttpCall call, String tenant, Instant start, CallLedger.Attempt attempt)
      throws ConnectorException, InterruptedException {
    CompletableFuture<Cached> mine = new CompletableFuture<>();
    CompletableFuture<Cached> shared = responses.get(call.cacheKey(), (k, e) -> mine);
    if (shared != mine) {
      Cached joined;
      try {
        joined = shared.get();
      } catch (ExecutionException | CancellationException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof CompletionException && cause.getCause() != null) {
          cause = cause.getCause();
        }
        if (cause instanceof ConnectorException ce) {
          throw ce; // the identical call we joined failed: same answer, no second request
        }
        throw new ConnectorException(
            Kind.UNAVAILABLE, call.sourceId(), null, "shared call failed", 0, null, cause);
      }
      if (joined.failure() instanceof ConnectorException ce) {
        throw ce; // the identical call we joined failed: same answer, no second request
      }
      if (joined.failure() != null) {
        throw new ConnectorException(
            Kind.UNAVAILABLE,
            call.sourceId(),
            null,
            "shared call failed",
            0,
            null,
            joined.failure());
      }
      HttpResult hit = joined.result().asCacheHit();
      ledger.record(call, tenant, start, true, 0, hit.status(), "ok");
      return hit;
    }
    try {
      HttpResult r = ledger.recorded(call, tenant, start, attempt);
      mine.complete(Cached.of(r, call.cacheTtl()));
      return r;
    } catch (InterruptedException | RuntimeException e) {
      // Out of the cache first, so that no later call is answered with this failure; then the
      // callers who joined it hear it as a value (see Cached).
      responses.asMap().remove(call.cacheKey(), mine);
      mine.complete(Cached.failed(e));
      throw e;
    }
  }

  /** Expires each cached answer after the TTL of the call that fetched it. */
  private static final class TtlExpiry implements Expiry<String, Cached> {
    @Override
    public long expireAfterCreate(String key, Cached value, long currentTime) {
      return value.ttl().toNanos();
    }

    @Override
    public long expireAfterUpdate(
        String key, Cached value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(String key, Cached value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
