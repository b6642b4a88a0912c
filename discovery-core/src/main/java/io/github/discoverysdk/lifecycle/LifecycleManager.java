package io.github.discoverysdk.lifecycle;

import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalKey;
import java.util.List;

/**
 * Keeps tracked signals and their opportunities current. Obtained from {@code
 * DiscoveryEngine.lifecycle()}; thread-safe.
 */
public interface LifecycleManager {
  /**
   * Refreshes the tenant's tracked signals through their sources, in batches of at most {@link
   * LifecyclePolicy#maxRefreshesPerRun()}: changes are recorded as {@link LifecycleEvent}s and
   * shown on the opportunities, cancelled, removed and long-ended ones are archived.
   */
  RunReport refresh(String tenant);

  /** The recorded changes of one signal, oldest first. */
  List<LifecycleEvent> events(String tenant, SignalKey signal);

  /**
   * How stale the stored version of a signal is, 0 (just seen) to 1, from the time since it was
   * last observed by a fetch or a refresh ({@link Staleness}, half-life {@link
   * LifecyclePolicy#staleHalfLife()}); 1 for a signal that is not stored.
   */
  double staleness(String tenant, SignalKey signal);

  LifecyclePolicy policy();
}
