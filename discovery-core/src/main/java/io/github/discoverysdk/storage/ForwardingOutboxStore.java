package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.spi.OutboxStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link OutboxStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingOutboxStore implements OutboxStore {
  private final OutboxStore delegate;

  protected ForwardingOutboxStore(OutboxStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected OutboxStore delegate() {
    return delegate;
  }

  @Override
  public boolean enqueue(OutboxEntry entry) {
    return delegate.enqueue(entry);
  }

  @Override
  public List<Boolean> enqueueAll(List<OutboxEntry> entries) {
    return delegate.enqueueAll(entries);
  }

  @Override
  public List<String> tenantsWithDue(Instant now) {
    return delegate.tenantsWithDue(now);
  }

  @Override
  public List<OutboxEntry> listDue(String tenant, Instant now, int limit) {
    return delegate.listDue(tenant, now, limit);
  }

  @Override
  public OutboxEntry save(OutboxEntry entry) {
    return delegate.save(entry);
  }

  @Override
  public Optional<OutboxEntry> find(String tenant, String id) {
    return delegate.find(tenant, id);
  }

  @Override
  public OutboxDepth depth(String tenant) {
    return delegate.depth(tenant);
  }

  @Override
  public List<OutboxEntry> list(String tenant, int limit) {
    return delegate.list(tenant, limit);
  }
}
