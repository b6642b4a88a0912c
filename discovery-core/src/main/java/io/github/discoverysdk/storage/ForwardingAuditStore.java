package io.github.discoverysdk.storage;

import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AuditStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingAuditStore implements AuditStore {
  private final AuditStore delegate;

  protected ForwardingAuditStore(AuditStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected AuditStore delegate() {
    return delegate;
  }

  @Override
  public List<AuditEntry> append(List<AuditEntry> entries) {
    return delegate.append(entries);
  }

  @Override
  public List<AuditEntry> byEntity(
      String tenant, String entityType, String entityId, long afterSequence, int limit) {
    return delegate.byEntity(tenant, entityType, entityId, afterSequence, limit);
  }

  @Override
  public List<AuditEntry> byActor(String tenant, String actor, long afterSequence, int limit) {
    return delegate.byActor(tenant, actor, afterSequence, limit);
  }

  @Override
  public List<AuditEntry> byTime(
      String tenant, Instant from, Instant to, long afterSequence, int limit) {
    return delegate.byTime(tenant, from, to, afterSequence, limit);
  }
}
