package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SignalWrite;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SignalStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingSignalStore implements SignalStore {
  private final SignalStore delegate;

  protected ForwardingSignalStore(SignalStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected SignalStore delegate() {
    return delegate;
  }

  @Override
  public SignalWrite upsert(String tenant, Signal signal) {
    return delegate.upsert(tenant, signal);
  }

  @Override
  public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
    return delegate.upsertAll(tenant, signals);
  }

  @Override
  public Optional<Signal> find(String tenant, SignalKey key) {
    return delegate.find(tenant, key);
  }

  @Override
  public Map<SignalKey, Signal> findAll(String tenant, Collection<SignalKey> keys) {
    return delegate.findAll(tenant, keys);
  }

  @Override
  public List<Signal> list(String tenant, Instant since, int limit) {
    return delegate.list(tenant, since, limit);
  }
}
