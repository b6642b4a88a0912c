package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SignalSource;
import java.util.List;
import java.util.Optional;

/**
 * Runs one planned query of a run page by page: fetch a page, write it with the watermark that
 * covers it in one transaction, enrich what it wrote, and go on from the new cursor while the
 * source reports more records, up to the run's bound of records per query. A failure stops the
 * query with every page before it committed, so the next run resumes at the first page not
 * committed. Paging also stops when the engine starts closing. Thread-safe: each call pages one
 * query.
 */
final class QueryPager {
  private final RunContext ctx;
  private final FetchStage fetch;
  private final BatchWriter writer;
  private final EnrichStage enrich;

  QueryPager(RunContext ctx, FetchStage fetch, BatchWriter writer, EnrichStage enrich) {
    this.ctx = ctx;
    this.fetch = fetch;
    this.writer = writer;
    this.enrich = enrich;
  }

  void run(PlanStage.Scheduled scheduled) {
    SignalSource source = scheduled.planned().source();
    String queryKey = scheduled.planned().query().key();
    int bound = ctx.config.fetching().maxRecordsPerQuery();
    try (RunContext.MdcScope m = ctx.mdc(source.id())) {
      Optional<String> cursor = scheduled.watermark().map(Watermark::cursor);
      Optional<String> denied = scheduled.denied();
      int records = 0;
      for (int page = 1; ; page++) {
        Optional<FetchStage.Page> fetched = fetch.fetch(scheduled.planned(), cursor, denied);
        if (fetched.isEmpty()) {
          return;
        }
        FetchStage.Page p = fetched.get();
        Optional<String> next = p.nextCursor().isPresent() ? p.nextCursor() : cursor;
        Optional<Watermark> watermark =
            next.map(
                c ->
                    Watermark.builder()
                        .tenant(ctx.tenant)
                        .sourceId(source.id())
                        .queryKey(queryKey)
                        .cursor(c)
                        .updatedAt(ctx.now())
                        .build());
        BatchWriter.Committed committed;
        try {
          committed = writer.fetched(p.signals(), List.of(), watermark);
        } catch (RuntimeException e) {
          storeFailed(source, queryKey, page, e);
          return;
        }
        enrich.enrich(committed);
        records += p.signals().size();
        if (!p.more()) {
          return;
        }
        if (records >= bound) {
          RunContext.log.debug(
              "run {}: query {} of {} reached {} records this run; the next run continues",
              ctx.runId,
              queryKey,
              source.id(),
              records);
          return;
        }
        if (Thread.currentThread().isInterrupted() || ctx.config.closing().getAsBoolean()) {
          // Closing the engine waits for runs in progress: do not hold it for a whole backlog.
          return;
        }
        cursor = next;
        denied = fetch.reserve(source, ctx.now());
      }
    }
  }

  private void storeFailed(SignalSource source, String queryKey, int page, RuntimeException e) {
    fetch.queryFailed(source);
    ctx.addError(
        "storing source "
            + source.id()
            + " query "
            + queryKey
            + (page > 1 ? " page " + page : "")
            + " failed, watermark kept: "
            + e.getMessage());
    RunContext.log.warn(
        "run {}: storing results of source {} query {} failed; its watermark did not move: {}",
        ctx.runId,
        source.id(),
        queryKey,
        e.toString());
  }
}
