package io.github.discoverysdk.storage;

import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealCursor;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.Icp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DealStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingDealStore implements DealStore {
  private final DealStore delegate;

  protected ForwardingDealStore(DealStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected DealStore delegate() {
    return delegate;
  }

  @Override
  public List<Deal> saveAll(List<Deal> deals) {
    return delegate.saveAll(deals);
  }

  @Override
  public Optional<Deal> find(String tenant, String source, String id) {
    return delegate.find(tenant, source, id);
  }

  @Override
  public List<Deal> listClosed(
      String tenant, Instant since, Optional<DealCursor> after, int limit) {
    return delegate.listClosed(tenant, since, after, limit);
  }

  @Override
  public Map<String, CachedEnrichment> findEnrichments(
      String tenant, CachedEnrichment.Kind kind, Collection<String> keys) {
    return delegate.findEnrichments(tenant, kind, keys);
  }

  @Override
  public void saveEnrichments(List<CachedEnrichment> entries) {
    delegate.saveEnrichments(entries);
  }

  @Override
  public Map<String, EnrichmentStatus> findStatuses(
      String tenant, EnrichmentStatus.Subject subject, Collection<String> keys) {
    return delegate.findStatuses(tenant, subject, keys);
  }

  @Override
  public List<EnrichmentStatus> listStatuses(
      String tenant,
      EnrichmentStatus.Subject subject,
      EnrichmentStatus.Outcome outcome,
      int limit) {
    return delegate.listStatuses(tenant, subject, outcome, limit);
  }

  @Override
  public void saveStatuses(List<EnrichmentStatus> statuses) {
    delegate.saveStatuses(statuses);
  }

  @Override
  public void saveIcp(Icp icp) {
    delegate.saveIcp(icp);
  }

  @Override
  public Optional<Icp> findIcp(String tenant) {
    return delegate.findIcp(tenant);
  }
}
