package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.Watermark;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine keeps about its sources: watermarks, the shared query cache, the cost ledger and
 * leases: {@link Storage#sourceState()}. Thread-safe, as every store is.
 */
public interface SourceStateStore {
  Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey);

  /**
   * The watermarks of several queries of one source, by query key; queries without one are absent.
   * The default calls {@link #findWatermark} per key; implementations read them in a fixed number
   * of round trips, so a run can check every profile or query at once.
   */
  default Map<String, Watermark> findWatermarks(
      String tenant, String sourceId, Collection<String> queryKeys) {
    Map<String, Watermark> out = new LinkedHashMap<>();
    for (String key : new LinkedHashSet<>(queryKeys)) {
      findWatermark(tenant, sourceId, key).ifPresent(w -> out.put(key, w));
    }
    return out;
  }

  /** Inserts or replaces the watermark of (tenant, source, query). */
  void saveWatermark(Watermark watermark);

  /**
   * Takes the lease {@code name} of {@code tenant} for {@code owner} until {@code until}, if it is
   * free, expired at {@code now}, or already held by {@code owner}. Atomic across every process
   * sharing the store: of several callers racing for a free lease exactly one gets it.
   *
   * @return whether {@code owner} now holds the lease
   */
  boolean tryLease(String tenant, String name, String owner, Instant now, Instant until);

  /**
   * The cached answer of a public source to a query from a cursor ({@code ""} for a first fetch),
   * if one has not expired at {@code now}. The cache is shared by every tenant: only public data is
   * ever put in it.
   */
  Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now);

  /** Stores or replaces the cached answer of (source, query, cursor). */
  void saveCachedResult(CachedResult result);

  /** Deletes the cached answers expired at {@code now}; returns how many. */
  int deleteExpiredResults(Instant now);

  /** Appends a line to the tenant's cost ledger. */
  void addCost(CostEntry entry);

  /** The tenant's cost ledger lines with {@code at} in {@code [from, to)}, oldest first. */
  List<CostEntry> listCosts(String tenant, Instant from, Instant to);
}
