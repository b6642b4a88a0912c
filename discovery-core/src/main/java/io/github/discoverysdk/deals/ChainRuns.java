package io.github.discoverysdk.deals;

import io.github.discoverysdk.deals.IcpRefresh.StepName;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run reports of the closed-deal chain's steps: one per step run, of the step's {@link
 * RunKind}, with its counts and none of a discovery's figures. Stateless.
 */
final class ChainRuns {
  private ChainRuns() {}

  /** The run kind a step is recorded as. */
  static RunKind kind(StepName step) {
    return switch (step) {
      case QUEUED_DEALS -> RunKind.ICP_QUEUED_DEALS;
      case ENRICH -> RunKind.ICP_ENRICH;
      case DERIVE_ICP -> RunKind.ICP_DERIVE;
      case UPDATE_PROFILES -> RunKind.ICP_UPDATE_PROFILES;
      case RESCORE -> RunKind.ICP_RESCORE;
    };
  }

  /** What an enrichment step counted; zeros when it enriched nothing (or was skipped). */
  static Map<String, Integer> counts(ClosedDealRun r) {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("deals", r == null ? 0 : r.deals());
    c.put("contacts", r == null ? 0 : r.contacts());
    c.put("accounts", r == null ? 0 : r.accounts());
    c.put("cacheHits", r == null ? 0 : r.cacheHits());
    c.put("enriched", r == null ? 0 : r.enriched());
    c.put("calls", r == null ? 0 : r.calls());
    c.put("knownMisses", r == null ? 0 : r.knownMisses());
    c.put("failed", r == null ? 0 : r.failed().size());
    return c;
  }

  /** The report of a step that finished. */
  static RunReport succeeded(
      String runId,
      String tenant,
      StepName step,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Integer> counts) {
    return base(runId, tenant, step, startedAt, finishedAt)
        .status(RunStatus.SUCCEEDED)
        .counts(counts)
        .build();
  }

  /** The report of a step that failed; {@code failure} names the step and the error. */
  static RunReport failed(
      String runId,
      String tenant,
      StepName step,
      Instant startedAt,
      Instant finishedAt,
      String failure) {
    return base(runId, tenant, step, startedAt, finishedAt)
        .status(RunStatus.FAILED)
        .errors(List.of(failure))
        .build();
  }

  private static RunReport.Builder base(
      String runId, String tenant, StepName step, Instant startedAt, Instant finishedAt) {
    return RunReport.builder()
        .runId(runId)
        .tenant(tenant)
        .kind(kind(step))
        .startedAt(startedAt)
        .finishedAt(finishedAt.isBefore(startedAt) ? startedAt : finishedAt)
        .queriesPlanned(0)
        .queriesExecuted(0)
        .signalsFetched(0)
        .signalsNew(0)
        .signalsChanged(0)
        .signalsUnchanged(0)
        .recordsRejected(0)
        .signalsBackfilled(0)
        .matches(0)
        .opportunitiesNew(0)
        .opportunitiesUpdated(0)
        .opportunitiesUnchanged(0)
        .alertsSent(0);
  }
}
