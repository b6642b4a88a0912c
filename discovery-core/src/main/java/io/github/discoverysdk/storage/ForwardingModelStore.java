package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.spi.ModelStore;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ModelStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingModelStore implements ModelStore {
  private final ModelStore delegate;

  protected ForwardingModelStore(ModelStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected ModelStore delegate() {
    return delegate;
  }

  @Override
  public Optional<ModelState> find(String tenant, String name) {
    return delegate.find(tenant, name);
  }

  @Override
  public ModelState save(ModelState state) {
    return delegate.save(state);
  }
}
