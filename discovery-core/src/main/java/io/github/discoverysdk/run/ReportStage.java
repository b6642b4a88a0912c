package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.spi.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run report, assembled from the stages' own counters once the run's work is done, stored, and
 * logged as the run's one INFO summary. Used by the run's calling thread.
 */
final class ReportStage {
  private final RunContext ctx;
  private final FetchStage fetch;
  private final SignalStage signals;
  private final MatchStage match;
  private final OpportunityStage opportunities;
  private final DeliverStage deliver;
  private final EnrichStage enrich;

  ReportStage(
      RunContext ctx,
      FetchStage fetch,
      SignalStage signals,
      MatchStage match,
      OpportunityStage opportunities,
      DeliverStage deliver,
      EnrichStage enrich) {
    this.ctx = ctx;
    this.fetch = fetch;
    this.signals = signals;
    this.match = match;
    this.opportunities = opportunities;
    this.deliver = deliver;
    this.enrich = enrich;
  }

  /**
   * Builds, stores and logs the report. {@code executed} counts the distinct queries (or refreshes)
   * the run set out to make; {@code planned} the queries the profiles asked for.
   */
  RunReport finish(RunKind kind, int executed, int planned, int backfilled) {
    RunReport report = report(kind, executed, planned, backfilled);
    try {
      ctx.storage().runs().save(report);
    } catch (RuntimeException e) {
      RunContext.log.warn("run {}: could not store the run report: {}", ctx.runId, e.toString());
    }
    RunContext.log.info(
        "{} run {} for tenant {}: {}, {} queries, {} signals fetched, {} new, {} updated and {}"
            + " archived opportunities, {} errors",
        report.kind().name().toLowerCase(Locale.ROOT),
        ctx.runId,
        ctx.tenant,
        report.status(),
        report.queriesExecuted(),
        report.signalsFetched(),
        report.opportunitiesNew(),
        report.opportunitiesUpdated(),
        report.opportunitiesArchived(),
        report.errors().size());
    for (RunListener listener : ctx.config.runListeners()) {
      try {
        listener.onRunFinished(report);
      } catch (RuntimeException e) {
        RunContext.log.warn("run {}: a run listener failed: {}", ctx.runId, e.toString());
      }
    }
    return report;
  }

  private RunReport report(RunKind kind, int executed, int planned, int backfilled) {
    int failed = fetch.queriesFailed();
    RunStatus status;
    if (failed == 0 && !ctx.hasErrors()) {
      status = RunStatus.SUCCEEDED;
    } else if (kind == RunKind.WARM_START) {
      // A warm start is one step: it failed or it did not.
      status = RunStatus.FAILED;
    } else if (executed > 0 && failed >= executed) {
      status = RunStatus.FAILED;
    } else {
      status = RunStatus.PARTIAL;
    }
    List<SourceStats> stats = new ArrayList<>(fetch.stats());
    ctx.config.output().enricher().ifPresent(e -> stats.add(enrich.stats(e.id())));
    return RunReport.builder()
        .runId(ctx.runId)
        .kind(kind)
        .tenant(ctx.tenant)
        .profiles(ctx.scope.stream().map(Profile::id).toList())
        .startedAt(ctx.startedAt)
        .finishedAt(ctx.now())
        .status(status)
        .queriesPlanned(planned)
        .queriesExecuted(executed)
        .signalsFetched(fetch.signalsFetched())
        .signalsNew(signals.signalsNew())
        .signalsChanged(signals.signalsChanged())
        .signalsUnchanged(signals.signalsUnchanged())
        .recordsRejected(fetch.recordsRejected())
        .signalsBackfilled(backfilled)
        .matches(match.matches())
        .opportunitiesNew(opportunities.opportunitiesNew())
        .opportunitiesUpdated(opportunities.opportunitiesUpdated())
        .opportunitiesUnchanged(opportunities.opportunitiesUnchanged())
        .opportunitiesArchived(opportunities.opportunitiesArchived())
        .expiredOnArrival(opportunities.expiredOnArrival())
        .lifecycleEvents(signals.lifecycleEvents())
        .alertsSent(deliver.alertsSent())
        .companiesEnriched(enrich.companiesEnriched())
        .enrichmentSkipped(enrich.skipped())
        .redactions(fetch.process().counts())
        .stageTimes(ctx.times.snapshot())
        .sources(stats)
        .errors(List.copyOf(ctx.errors()))
        .build();
  }
}
