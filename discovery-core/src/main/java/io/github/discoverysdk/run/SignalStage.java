package io.github.discoverysdk.run;

import io.github.discoverysdk.lifecycle.ChangeDetector;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 3, store signals: upserts a batch of normalized signals, diffs each changed one against the
 * version it replaced, and records what changed as lifecycle events, in the caller's transaction.
 * Reads only the batch's own keys (one {@code findAll}, one {@code upsertAll}) and writes the
 * batch's lifecycle events, removals included, with one {@code addLifecycleEvents} ({@link
 * #writeEvents}). Counts only committed batches. Thread-safe.
 */
final class SignalStage {
  /** A new or changed signal, the version it replaced, and what changed (empty when new). */
  record Arrival(Signal signal, Optional<Signal> previous, List<LifecycleChange> changes) {}

  /** What storing one batch did; counted once its transaction committed. */
  static final class Stored {
    final List<Arrival> arrivals = new ArrayList<>();
    int signalsNew;
    int signalsChanged;
    int signalsUnchanged;
    int lifecycleEvents;

    /** The batch's lifecycle events not yet written, in the order they were detected. */
    final List<LifecycleEvent> unwritten = new ArrayList<>();
  }

  private final RunContext ctx;
  private int signalsNew;
  private int signalsChanged;
  private int signalsUnchanged;
  private int lifecycleEvents;

  SignalStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Stores a batch of signals (one per key) and says which are new or changed, and how. The
   * lifecycle events wait in {@link Stored#unwritten} for {@link #writeEvents}.
   */
  Stored store(Storage tx, List<Signal> batch) {
    Stored out = new Stored();
    if (batch.isEmpty()) {
      return out;
    }
    List<SignalKey> keys = batch.stream().map(Signal::key).toList();
    // The versions being replaced, read once for the whole batch: the diff needs them.
    Map<SignalKey, Signal> before = tx.signals().findAll(ctx.tenant, keys);
    List<SignalWrite> writes = tx.signals().upsertAll(ctx.tenant, batch);
    List<LifecycleEvent> events = out.unwritten;
    for (int i = 0; i < batch.size(); i++) {
      Signal signal = batch.get(i);
      switch (writes.get(i)) {
        case NEW -> out.signalsNew++;
        case CHANGED -> out.signalsChanged++;
        case UNCHANGED -> {
          out.signalsUnchanged++;
          continue;
        }
      }
      Optional<Signal> previous = Optional.ofNullable(before.get(signal.key()));
      List<LifecycleChange> changes =
          previous.map(p -> ChangeDetector.diff(p, signal)).orElse(List.of());
      if (!changes.isEmpty()) {
        events.add(event(signal.key(), changes));
      }
      out.arrivals.add(new Arrival(signal, previous, changes));
    }
    return out;
  }

  /**
   * Notes that a source no longer has a stored signal, as an event for {@link #writeEvents};
   * returns the change.
   */
  List<LifecycleChange> removed(Signal stored, Stored out) {
    List<LifecycleChange> changes = List.of(ChangeDetector.removed(stored));
    out.unwritten.add(event(stored.key(), changes));
    return changes;
  }

  /** Writes the batch's lifecycle events with one call, in {@code tx}: none per signal. */
  void writeEvents(Storage tx, Stored out) {
    if (out.unwritten.isEmpty()) {
      return;
    }
    tx.runs().addLifecycleEvents(List.copyOf(out.unwritten));
    out.lifecycleEvents += out.unwritten.size();
    out.unwritten.clear();
  }

  private LifecycleEvent event(SignalKey key, List<LifecycleChange> changes) {
    return LifecycleEvent.builder()
        .tenant(ctx.tenant)
        .signalKey(key)
        .detectedAt(ctx.now())
        .runId(ctx.runId)
        .changes(changes)
        .build();
  }

  synchronized void committed(Stored s) {
    signalsNew += s.signalsNew;
    signalsChanged += s.signalsChanged;
    signalsUnchanged += s.signalsUnchanged;
    lifecycleEvents += s.lifecycleEvents;
  }

  synchronized int signalsNew() {
    return signalsNew;
  }

  synchronized int signalsChanged() {
    return signalsChanged;
  }

  synchronized int signalsUnchanged() {
    return signalsUnchanged;
  }

  synchronized int lifecycleEvents() {
    return lifecycleEvents;
  }
}
