package io.github.discoverysdk.run;

import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage 2, fetch: one page of one query from its source, through the shared cache (sources shared
 * across tenants), the source's daily budget and the cost ledger, normalized to one version per
 * natural key. Owns the per-source counters of the run. Thread-safe: pages of different queries are
 * fetched concurrently.
 */
final class FetchStage {
  /**
   * One page's signals, one per natural key, where the next page starts and whether there is one.
   */
  record Page(List<Signal> signals, Optional<String> nextCursor, boolean more) {}

  private final RunContext ctx;
  private final DailyBudgets budgets;
  private final Map<String, SourceCounters> perSource = new ConcurrentHashMap<>();
  private final AtomicInteger queriesFailed = new AtomicInteger();
  private final AtomicInteger signalsFetched = new AtomicInteger();
  private final AtomicInteger recordsRejected = new AtomicInteger();
  private final ProcessStage process;

  FetchStage(RunContext ctx) {
    this.ctx = ctx;
    this.process = new ProcessStage(ctx);
    this.budgets = new DailyBudgets(ctx);
    for (SignalSource source : ctx.config.fetching().sources()) {
      perSource.put(source.id(), new SourceCounters());
    }
  }

  /** Reserves one call of the source against its daily budget; see {@link DailyBudgets}. */
  Optional<String> reserve(SignalSource source, Instant now) {
    return budgets.reserve(source, now);
  }

  /** The run's ingestion processors, which every fetched or refreshed signal goes through. */
  ProcessStage process() {
    return process;
  }

  SourceCounters counters(SignalSource source) {
    return perSource.get(source.id());
  }

  /** A query (or a refresh, or storing its page) failed. */
  void queryFailed(SignalSource source) {
    queriesFailed.incrementAndGet();
    SourceCounters c = perSource.get(source.id());
    if (c != null) {
      c.errors.incrementAndGet();
    }
  }

  /** Something that is not a source's fault failed a query (a task, a batch of refreshes). */
  void queriesFailed(int n) {
    queriesFailed.addAndGet(n);
  }

  int queriesFailed() {
    return queriesFailed.get();
  }

  int signalsFetched() {
    return signalsFetched.get();
  }

  int recordsRejected() {
    return recordsRejected.get();
  }

  /** Counts signals a refresh returned. */
  void refreshed(SignalSource source) {
    perSource.get(source.id()).fetched.incrementAndGet();
    signalsFetched.incrementAndGet();
  }

  List<SourceStats> stats() {
    List<SourceStats> out = new ArrayList<>();
    for (SignalSource source : ctx.config.fetching().sources()) {
      SourceCounters c = perSource.get(source.id());
      out.add(c.stats(source.id(), c.fetched.get()));
    }
    return out;
  }

  /**
   * Fetches one page of a query from {@code cursor}; empty when the call failed or the budget
   * refused it (counted and reported here). {@code denied} is the budget's answer for this call,
   * reserved by the caller.
   */
  Optional<Page> fetch(
      PlanStage.PlannedQuery planned, Optional<String> cursor, Optional<String> denied) {
    SignalSource source = planned.source();
    SourceCounters counter = perSource.get(source.id());
    String queryKey = planned.query().key();
    boolean shared = source.capabilities().sharedAcrossTenants();
    SourceResult result;
    List<Signal> processed;
    List<ProcessStage.Failure> failed = new ArrayList<>(0);
    boolean more;
    try {
      String at = cursor.orElse("");
      Instant now = ctx.now();
      Optional<CachedResult> cached =
          shared
              ? ctx.storage().sourceState().findCachedResult(source.id(), queryKey, at, now)
              : Optional.empty();
      if (cached.isPresent()) {
        if (denied.isEmpty()) {
          budgets.release(source);
        }
        result =
            SourceResult.builder()
                .signals(cached.get().signals())
                .nextCursor(cached.get().nextCursor())
                .cacheHit(true)
                .build();
        processed = process.process(result.signals(), failed);
        // The cache keeps no "more" flag: a full page is taken to have a next one, which the
        // next call finds in the cache or asks the source for.
        more =
            cached.get().signals().size() >= ctx.config.fetching().fetchLimit()
                && cached.get().nextCursor().isPresent();
        counter.calls.incrementAndGet();
        ledger(planned, true, now);
      } else {
        if (denied.isPresent()) {
          budgetSkipped(source, queryKey, denied.get());
          return Optional.empty();
        }
        SourceRequest request =
            SourceRequest.builder()
                .query(planned.query())
                .cursor(cursor)
                .limit(ctx.config.fetching().fetchLimit())
                .build();
        counter.calls.incrementAndGet();
        try {
          result =
              source.fetch(request, SourceContext.of(ctx.config.clock(), ctx.tenant, ctx.runId));
        } catch (Exception e) {
          // A failed call may be billed too, and counts against the budget.
          ledger(planned, false, now);
          throw e;
        }
        ledger(planned, result != null && result.cacheHit(), now);
        if (result == null) {
          throw new IllegalStateException("fetch returned null");
        }
        more = result.more();
        // Processed before the cache, so that the shared cache never holds what was redacted.
        processed = process.process(result.signals(), failed);
        if (shared && !result.cacheHit()) {
          cache(source, queryKey, at, processed, result.nextCursor(), now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      queryFailed(source);
      ctx.addError("source " + source.id() + " query " + queryKey + ": interrupted");
      return Optional.empty();
    } catch (Exception e) {
      queryFailed(source);
      ctx.sourceFailed(source, "query " + queryKey + " failed", e);
      return Optional.empty();
    }
    if (result.cacheHit()) {
      counter.cacheHits.incrementAndGet();
    } else {
      counter.addCost(source.capabilities().costPerCall());
    }
    for (RejectedRecord rejected : result.rejected()) {
      reject(source, counter, rejected.recordId(), rejected.reason());
    }
    for (ProcessStage.Failure f : failed) {
      reject(source, counter, f.signal().key().externalId(), f.reason());
    }
    List<Signal> signals = normalize(source, counter, processed);
    counter.fetched.addAndGet(signals.size());
    signalsFetched.addAndGet(signals.size());
    if (more && result.nextCursor().equals(cursor)) {
      // A source that says "more" but does not move would be asked the same page forever.
      if (ctx.firstTime("stuck:" + source.id())) {
        RunContext.log.warn(
            "run {}: source {} reported more records for query {} without moving its cursor;"
                + " paging stops",
            ctx.runId,
            source.id(),
            queryKey);
      }
      more = false;
    }
    return Optional.of(new Page(signals, result.nextCursor(), more));
  }

  /**
   * One version per natural key: a page that holds one record twice keeps the version observed last
   * (the later one on a tie), as storage would. Signals naming another source are rejected.
   */
  private List<Signal> normalize(SignalSource source, SourceCounters counter, List<Signal> page) {
    Map<SignalKey, Signal> signals = new LinkedHashMap<>();
    for (Signal signal : page) {
      if (!signal.key().sourceId().equals(source.id())) {
        reject(
            source,
            counter,
            signal.key().externalId(),
            "signal key names source '" + signal.key().sourceId() + "'");
        continue;
      }
      signals.merge(
          signal.key(),
          signal,
          (kept, next) -> next.observedAt().isBefore(kept.observedAt()) ? kept : next);
    }
    return List.copyOf(signals.values());
  }

  /** Puts a public source's answer in the shared cache; a failure only costs a future call. */
  private void cache(
      SignalSource source,
      String queryKey,
      String cursor,
      List<Signal> signals,
      Optional<String> nextCursor,
      Instant now) {
    try {
      ctx.storage()
          .sourceState()
          .saveCachedResult(
              CachedResult.builder()
                  .sourceId(source.id())
                  .queryKey(queryKey)
                  .cursor(cursor)
                  .signals(signals)
                  .nextCursor(nextCursor)
                  .storedAt(now)
                  .expiresAt(now.plus(ctx.config.fetching().sharedCacheTtl()))
                  .build());
    } catch (RuntimeException e) {
      RunContext.log.warn(
          "run {}: caching the answer of {} failed: {}", ctx.runId, source.id(), e.toString());
    }
  }

  /** Writes the ledger line of one answered call; a failure is reported, not fatal. */
  private void ledger(PlanStage.PlannedQuery planned, boolean cacheHit, Instant now) {
    SignalSource source = planned.source();
    try {
      ctx.storage()
          .sourceState()
          .addCost(
              CostEntry.builder()
                  .tenant(ctx.tenant)
                  .sourceId(source.id())
                  .queryKey(planned.query().key())
                  .at(now)
                  .cacheHit(cacheHit)
                  .cost(cacheHit ? 0 : source.capabilities().costPerCall())
                  .profileIds(planned.askedBy().stream().map(ProfileId::value).toList())
                  .build());
    } catch (RuntimeException e) {
      ctx.error("recording the cost of " + source.id() + " failed", e);
    }
  }

  private void budgetSkipped(SignalSource source, String queryKey, String why) {
    perSource.get(source.id()).budgetSkips.incrementAndGet();
    String message =
        "budget of source "
            + source.id()
            + " exhausted for today ("
            + why
            + "): query "
            + queryKey
            + " skipped until tomorrow, watermark kept";
    ctx.addError(message);
    if (ctx.firstTime("budget:" + source.id())) {
      RunContext.log.warn("run {}: {}", ctx.runId, message);
    }
  }

  private void reject(SignalSource source, SourceCounters counter, String recordId, String reason) {
    counter.rejected.incrementAndGet();
    recordsRejected.incrementAndGet();
    SourceException e =
        new SourceException(source.id(), recordId, "malformed record: " + reason, null);
    if (ctx.firstTime("reject:" + source.id())) {
      RunContext.log.warn(
          "run {}: {} (further rejects of this source this run at debug)",
          ctx.runId,
          e.getMessage());
    } else {
      RunContext.log.debug("run {}: {}", ctx.runId, e.getMessage());
    }
  }
}
