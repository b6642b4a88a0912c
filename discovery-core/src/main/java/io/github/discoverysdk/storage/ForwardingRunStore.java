package io.github.discoverysdk.storage;

import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.RunStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RunStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingRunStore implements RunStore {
  private final RunStore delegate;

  protected ForwardingRunStore(RunStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected RunStore delegate() {
    return delegate;
  }

  @Override
  public void save(RunReport report) {
    delegate.save(report);
  }

  @Override
  public List<RunReport> list(String tenant, int limit) {
    return delegate.list(tenant, limit);
  }

  @Override
  public List<RunReport> list(String tenant, Instant from, Instant to) {
    return delegate.list(tenant, from, to);
  }

  @Override
  public void addLifecycleEvent(LifecycleEvent event) {
    delegate.addLifecycleEvent(event);
  }

  @Override
  public void addLifecycleEvents(List<LifecycleEvent> events) {
    delegate.addLifecycleEvents(events);
  }

  @Override
  public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
    return delegate.listLifecycleEvents(tenant, signalKey);
  }
}
