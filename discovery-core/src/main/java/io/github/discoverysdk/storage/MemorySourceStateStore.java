package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.storage.MemoryState.CacheKey;
import io.github.discoverysdk.storage.MemoryState.Lease;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import io.github.discoverysdk.storage.MemoryState.WatermarkKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The watermarks, leases, shared query cache and cost ledger of an {@link InMemoryStorage}.
 * Thread-safe: every method runs under the state's lock.
 */
final class MemorySourceStateStore implements SourceStateStore {
  private final MemoryState state;

  MemorySourceStateStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    return state.write(
        () -> {
          TenantData t = state.writable(tenant);
          Lease held = t.leases.get(name);
          if (held != null && held.until().isAfter(now) && !held.owner().equals(owner)) {
            return false;
          }
          state.put(t.leases, name, new Lease(owner, until));
          return true;
        });
  }

  // ---- shared query cache and cost ledger

  @Override
  public Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(queryKey, "queryKey");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(now, "now");
    return state.read(
        () ->
            Optional.ofNullable(state.cache.get(new CacheKey(sourceId, queryKey, cursor)))
                .filter(r -> r.expiresAt().isAfter(now)));
  }

  @Override
  public void saveCachedResult(CachedResult result) {
    Objects.requireNonNull(result, "result");
    state.write(
        () ->
            state.put(
                state.cache,
                new CacheKey(result.sourceId(), result.queryKey(), result.cursor()),
                result));
  }

  @Override
  public int deleteExpiredResults(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.write(
        () -> {
          List<CacheKey> expired =
              state.cache.entrySet().stream()
                  .filter(e -> !e.getValue().expiresAt().isAfter(now))
                  .map(Map.Entry::getKey)
                  .toList();
          expired.forEach(k -> state.remove(state.cache, k));
          return expired.size();
        });
  }

  @Override
  public void addCost(CostEntry entry) {
    Objects.requireNonNull(entry, "entry");
    state.write(
        () -> {
          List<CostEntry> costs = state.writable(entry.tenant()).costs;
          costs.add(entry);
          state.onRollback(() -> costs.remove(costs.size() - 1));
          return null;
        });
  }

  @Override
  public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return state.read(
        () ->
            state.readable(tenant).costs.stream()
                .filter(c -> !c.at().isBefore(from) && c.at().isBefore(to))
                .sorted(Comparator.comparing(CostEntry::at))
                .toList());
  }

  // ---- watermarks

  @Override
  public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(queryKey, "queryKey");
    return state.read(
        () ->
            Optional.ofNullable(
                state.readable(tenant).watermarks.get(new WatermarkKey(sourceId, queryKey))));
  }

  @Override
  public Map<String, Watermark> findWatermarks(
      String tenant, String sourceId, Collection<String> queryKeys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(queryKeys, "queryKeys");
    return state.read(
        () -> {
          Map<String, Watermark> out = new LinkedHashMap<>();
          Map<WatermarkKey, Watermark> marks = state.readable(tenant).watermarks;
          for (String key : queryKeys) {
            Watermark w = marks.get(new WatermarkKey(sourceId, Objects.requireNonNull(key, "key")));
            if (w != null) {
              out.put(key, w);
            }
          }
          return Collections.unmodifiableMap(out);
        });
  }

  @Override
  public void saveWatermark(Watermark watermark) {
    Objects.requireNonNull(watermark, "watermark");
    state.write(
        () ->
            state.put(
                state.writable(watermark.tenant()).watermarks,
                new WatermarkKey(watermark.sourceId(), watermark.queryKey()),
                watermark));
  }
}
