package io.github.discoverysdk;

import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.lifecycle.LifecycleManager;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.lifecycle.Staleness;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The engine's {@link LifecycleManager} facet ({@link DiscoveryEngine#lifecycle()}): reads events
 * and staleness from storage, and refreshes through the engine's {@link OnDemandRuns}, so that a
 * refresh is refused once the engine is closed. Thread-safe.
 */
final class EngineLifecycle implements LifecycleManager {
  private final Storage storage;
  private final Clock clock;
  private final LifecyclePolicy policy;
  private final OnDemandRuns runs;

  EngineLifecycle(Storage storage, Clock clock, LifecyclePolicy policy, OnDemandRuns runs) {
    this.storage = storage;
    this.clock = clock;
    this.policy = policy;
    this.runs = runs;
  }

  @Override
  public RunReport refresh(String tenant) {
    return runs.refresh(tenant);
  }

  @Override
  public List<LifecycleEvent> events(String tenant, SignalKey signal) {
    Checks.tenant(tenant);
    return storage.runs().listLifecycleEvents(tenant, Objects.requireNonNull(signal, "signal"));
  }

  @Override
  public double staleness(String tenant, SignalKey signal) {
    Checks.tenant(tenant);
    return storage
        .signals()
        .find(tenant, Objects.requireNonNull(signal, "signal"))
        .map(x -> Staleness.of(x.observedAt(), clock.instant(), policy.staleHalfLife()))
        .orElse(1.0);
  }

  @Override
  public LifecyclePolicy policy() {
    return policy;
  }
}
