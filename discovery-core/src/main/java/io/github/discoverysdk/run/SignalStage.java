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
 * Reads only the batch's own keys (one {@code findAll}, one {@code upsertAll}). Counts only
 * committed batches. Thread-safe.
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
  }

  private final RunContext ctx;
  private int signalsNew;
  private int signalsChanged;
  private int signalsUnchanged;
  private int lifecycleEvents;

  SignalStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /** Stores a batch of signals (one per key) and says which are new or changed, and how. */
  Stored store(Storage tx, List<Signal> batch) {
    Stored out = new Stored();
    if (batch.isEmpty()) {
      return out;
    }
    List<SignalKey> keys = batch.stream().map(Signal::key).toList();
    // The versions being replaced, read once for the whole batch: the diff needs them.
    Map<SignalKey, Signal> before = tx.signals().findAll(ctx.tenant, keys);
    List<SignalWrite> writes = tx.signals().upsertAll(ctx.tenant, batch);
    List<LifecycleEvent> events = new ArrayList<>();
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
    // One write per changed signal that changed in a way worth an event: RunStore has no batch
    // method yet (it would need a tenant isolation probe in the storage contract).
    for (LifecycleEvent e : events) {
      tx.runs().addLifecycleEvent(e);
    }
    out.lifecycleEvents += events.size();
    return out;
  }

  /** Records that a source no longer has a stored signal; returns the change. */
  List<LifecycleChange> removed(Storage tx, Signal stored, Stored out) {
    List<LifecycleChange> changes = List.of(ChangeDetector.removed(stored));
    tx.runs().addLifecycleEvent(event(stored.key(), changes));
    out.lifecycleEvents++;
    return changes;
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
