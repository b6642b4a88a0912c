package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SourceStateStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SourceStateStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingSourceStateStore implements SourceStateStore {
  private final SourceStateStore delegate;

  protected ForwardingSourceStateStore(SourceStateStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected SourceStateStore delegate() {
    return delegate;
  }

  @Override
  public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
    return delegate.findWatermark(tenant, sourceId, queryKey);
  }

  @Override
  public Map<String, Watermark> findWatermarks(
      String tenant, String sourceId, Collection<String> queryKeys) {
    return delegate.findWatermarks(tenant, sourceId, queryKeys);
  }

  @Override
  public void saveWatermark(Watermark watermark) {
    delegate.saveWatermark(watermark);
  }

  @Override
  public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
    return delegate.tryLease(tenant, name, owner, now, until);
  }

  @Override
  public Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now) {
    return delegate.findCachedResult(sourceId, queryKey, cursor, now);
  }

  @Override
  public void saveCachedResult(CachedResult result) {
    delegate.saveCachedResult(result);
  }

  @Override
  public int deleteExpiredResults(Instant now) {
    return delegate.deleteExpiredResults(now);
  }

  @Override
  public void addCost(CostEntry entry) {
    delegate.addCost(entry);
  }

  @Override
  public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
    return delegate.listCosts(tenant, from, to);
  }
}
