package io.github.discoverysdk.spi;

import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalKey;
import java.time.Instant;
import java.util.List;

/**
 * Run reports and the lifecycle events runs detect: {@link Storage#runs()}. Reports and events
 * carry their tenant; listings take it first. Thread-safe, as every store is.
 */
public interface RunStore {
  /** Inserts or replaces the report of (tenant, run id). */
  void save(RunReport report);

  /** The tenant's most recent runs, newest first. */
  List<RunReport> list(String tenant, int limit);

  /** The tenant's runs that started in {@code [from, to)}, newest first. */
  List<RunReport> list(String tenant, Instant from, Instant to);

  void addLifecycleEvent(LifecycleEvent event);

  /** The changes recorded for one signal, oldest first. */
  List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey);
}
