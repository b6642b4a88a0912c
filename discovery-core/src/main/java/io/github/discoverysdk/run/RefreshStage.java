package io.github.discoverysdk.run;

import io.github.discoverysdk.internal.Text;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lifecycle refresh: asks the sources for the current version of every tracked signal (one with a
 * live opportunity, within {@code LifecyclePolicy.trackFor()}, whose event has not ended), then
 * writes what changed and what was removed in batches, as a discovery page is written. Which
 * signals are tracked is read in batches of keys, not signal by signal. Used by the run's calling
 * thread; the refreshes run on the engine's executor.
 */
final class RefreshStage {
  private static final int KEYS_PER_READ = 500;

  /** One refreshed signal: the stored version and what the source has now (empty: removed). */
  private record Refreshed(SignalSource source, Signal stored, Optional<Signal> fresh) {}

  private final RunContext ctx;
  private final FetchStage fetch;
  private final BatchWriter writer;
  private final Tasks tasks;

  RefreshStage(RunContext ctx, FetchStage fetch, BatchWriter writer, Tasks tasks) {
    this.ctx = ctx;
    this.fetch = fetch;
    this.writer = writer;
    this.tasks = tasks;
  }

  /** Refreshes the tracked signals; returns how many it asked for. */
  int run() {
    Map<String, SignalSource> refreshable = new HashMap<>();
    for (SignalSource source : ctx.config.fetching().sources()) {
      if (source.capabilities().supportsRefresh()) {
        refreshable.put(source.id(), source);
      }
    }
    if (refreshable.isEmpty()) {
      return 0;
    }
    List<Signal> tracked = tracked(refreshable);
    List<Refreshed> results =
        tasks.map(tracked, s -> refreshOne(refreshable.get(s.key().sourceId()), s));
    int batch = ctx.config.fetching().fetchLimit();
    List<Refreshed> answered = results.stream().filter(r -> r != null).toList();
    for (int from = 0; from < answered.size(); from += batch) {
      store(answered.subList(from, Math.min(answered.size(), from + batch)));
    }
    return tracked.size();
  }

  /**
   * Up to {@code maxRefreshesPerRun} stored signals of refreshable sources with a live opportunity.
   */
  private List<Signal> tracked(Map<String, SignalSource> refreshable) {
    Instant now = ctx.startedAt;
    int max = ctx.config.lifecycle().maxRefreshesPerRun();
    List<Signal> candidates = new ArrayList<>();
    for (Signal s :
        ctx.storage()
            .signals()
            .list(ctx.tenant, now.minus(ctx.config.lifecycle().trackFor()), 10_000)) {
      if (refreshable.containsKey(s.key().sourceId()) && !ended(s, now)) {
        candidates.add(s);
      }
    }
    List<Signal> out = new ArrayList<>();
    for (int from = 0; from < candidates.size() && out.size() < max; from += KEYS_PER_READ) {
      List<Signal> chunk =
          candidates.subList(from, Math.min(candidates.size(), from + KEYS_PER_READ));
      Set<SignalKey> live = new HashSet<>();
      for (Opportunity o :
          ctx.storage()
              .opportunities()
              .listBySignals(ctx.tenant, chunk.stream().map(Signal::key).toList())) {
        if (o.status() != OpportunityStatus.ARCHIVED) {
          live.add(o.signalKey());
        }
      }
      for (Signal s : chunk) {
        if (live.contains(s.key()) && out.size() < max) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean ended(Signal signal, Instant now) {
    return signal.event().map(e -> e.end().orElse(e.start()).isBefore(now)).orElse(false);
  }

  /** Asks the source; null when it failed (counted and reported here). */
  private Refreshed refreshOne(SignalSource source, Signal stored) {
    SourceCounters counter = fetch.counters(source);
    SignalKey key = stored.key();
    try (RunContext.MdcScope m = ctx.mdc(source.id())) {
      Optional<Signal> fresh;
      try {
        counter.calls.incrementAndGet();
        fresh = source.refresh(key, SourceContext.of(ctx.config.clock(), ctx.tenant, ctx.runId));
        if (fresh == null) {
          throw new IllegalStateException("refresh returned null");
        }
        if (fresh.isPresent() && !fresh.get().key().equals(key)) {
          throw new IllegalStateException("refresh returned another signal, " + fresh.get().key());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fetch.queryFailed(source);
        ctx.addError("source " + source.id() + " refresh of " + key + ": interrupted");
        return null;
      } catch (Exception e) {
        fetch.queryFailed(source);
        ctx.sourceFailed(source, "refresh of " + key.externalId() + " failed", e);
        return null;
      }
      if (fresh.isPresent()) {
        Optional<Signal> processed = fetch.process().process(fresh.get());
        if (processed.isEmpty()) {
          fetch.queryFailed(source);
          return null;
        }
        fresh = processed;
        fetch.refreshed(source);
      }
      return new Refreshed(source, stored, fresh);
    }
  }

  /** Writes a batch of refreshes in one transaction; a failure fails each of them. */
  private void store(List<Refreshed> batch) {
    List<Signal> fresh = new ArrayList<>();
    List<Signal> removed = new ArrayList<>();
    for (Refreshed r : batch) {
      if (r.fresh().isPresent()) {
        fresh.add(r.fresh().get());
      } else {
        removed.add(r.stored());
      }
    }
    try {
      writer.fetched(fresh, removed, Optional.empty());
    } catch (RuntimeException e) {
      batch.forEach(r -> fetch.queryFailed(r.source()));
      String first = Text.oneLine(batch.get(0).stored().key().toString());
      ctx.addError(
          "storing the refresh of "
              + first
              + (batch.size() > 1 ? " and " + (batch.size() - 1) + " more" : "")
              + " failed: "
              + e.getMessage());
      RunContext.log.warn(
          "run {}: storing the refresh of {} signal(s) failed: {}",
          ctx.runId,
          batch.size(),
          e.toString());
    }
  }
}
