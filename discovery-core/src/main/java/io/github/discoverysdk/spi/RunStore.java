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

  /** Appends one lifecycle event to its signal's history. */
  void addLifecycleEvent(LifecycleEvent event);

  /**
   * Appends a batch of lifecycle events as {@link #addLifecycleEvent} does each, in order: the
   * events of one signal are listed in the order given. Call it in the transaction of the run's
   * batch. Implementations write a batch atomically in a fixed number of statements; the default
   * adds one by one, so it is atomic only inside {@link Storage#inTransaction}.
   *
   * @throws io.github.discoverysdk.ValidationException as {@link #addLifecycleEvent} does, before
   *     anything is written
   */
  default void addLifecycleEvents(List<LifecycleEvent> events) {
    for (LifecycleEvent e : List.copyOf(events)) {
      addLifecycleEvent(e);
    }
  }

  /** The changes recorded for one signal, oldest first. */
  List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey);
}
