package io.github.discoverysdk.storage;

import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.RunStore;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The run reports and lifecycle events of an {@link InMemoryStorage}. Thread-safe: every method
 * runs under the state's lock.
 */
final class MemoryRunStore implements RunStore {
  private static final Comparator<RunReport> NEWEST_RUN_FIRST =
      Comparator.comparing(RunReport::startedAt).thenComparing(RunReport::runId).reversed();

  private final MemoryState state;

  MemoryRunStore(MemoryState state) {
    this.state = state;
  }

  // ---- runs

  @Override
  public void save(RunReport report) {
    Objects.requireNonNull(report, "report");
    state.write(() -> state.put(state.writable(report.tenant()).runs, report.runId(), report));
  }

  @Override
  public List<RunReport> list(String tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).runs.values().stream()
                .sorted(NEWEST_RUN_FIRST)
                .limit(limit)
                .toList());
  }

  @Override
  public List<RunReport> list(String tenant, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return state.read(
        () ->
            state.readable(tenant).runs.values().stream()
                .filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to))
                .sorted(NEWEST_RUN_FIRST)
                .toList());
  }

  // ---- lifecycle events

  @Override
  public void addLifecycleEvent(LifecycleEvent event) {
    Objects.requireNonNull(event, "event");
    state.write(
        () -> {
          append(event);
          return null;
        });
  }

  /** Appends the batch under one write lock: a null event fails it before anything is stored. */
  @Override
  public void addLifecycleEvents(List<LifecycleEvent> events) {
    List<LifecycleEvent> batch = List.copyOf(Objects.requireNonNull(events, "events"));
    state.write(
        () -> {
          batch.forEach(this::append);
          return null;
        });
  }

  private void append(LifecycleEvent event) {
    TenantData t = state.writable(event.tenant());
    List<LifecycleEvent> list =
        new ArrayList<>(t.lifecycle.getOrDefault(event.signalKey(), List.of()));
    list.add(event);
    state.put(t.lifecycle, event.signalKey(), List.copyOf(list));
  }

  @Override
  public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signalKey, "signalKey");
    return state.read(() -> state.readable(tenant).lifecycle.getOrDefault(signalKey, List.of()));
  }
}
