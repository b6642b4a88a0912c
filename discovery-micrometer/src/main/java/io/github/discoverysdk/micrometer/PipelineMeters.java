package io.github.discoverysdk.micrometer;

import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.reconcile.Finding;
import io.github.discoverysdk.reconcile.ReconcileReport;
import io.github.discoverysdk.spi.DeliveryEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of {@link DiscoveryMetrics} fed by events rather than by run reports' counts: the time
 * of each pipeline stage (from the runs' progress, on the engine's clock, and the time spent
 * processing, matching, scoring and storing that the finished report carries), delivery attempts
 * and dead letters per sink, and the reconciliation job's findings. Thread-safe.
 */
final class PipelineMeters {
  /** Open runs beyond this many are forgotten: a run that never finished must not leak. */
  private static final int MAX_OPEN_RUNS = 10_000;

  private record Started(RunProgress.Stage stage, Instant at) {}

  private final List<MeterRegistry> registries;
  private final Map<String, Started> open = new ConcurrentHashMap<>();

  PipelineMeters(List<MeterRegistry> registries) {
    this.registries = registries;
  }

  /** A stage starts when its first progress (nothing done, no source) arrives; the last ends. */
  void onProgress(RunProgress p) {
    if (p.done() != 0 || p.source().isPresent()) {
      return;
    }
    if (open.size() >= MAX_OPEN_RUNS) {
      open.clear();
    }
    Started previous = open.put(p.runId(), new Started(p.stage(), p.at()));
    if (previous != null && previous.stage() != p.stage()) {
      stage(
          previous.stage().name().toLowerCase(Locale.ROOT),
          Duration.between(previous.at(), p.at()));
    }
  }

  /**
   * Ends the run's last stage, and records the time the run spent processing, matching, scoring and
   * storing ({@link RunReport#stageTimes()}); only those four keys become tags.
   */
  void onRunFinished(RunReport report) {
    Started last = open.remove(report.runId());
    if (last != null) {
      stage(
          last.stage().name().toLowerCase(Locale.ROOT),
          Duration.between(last.at(), report.finishedAt()));
    }
    for (String key : RunReport.STAGE_ORDER) {
      Duration d = report.stageTimes().get(key);
      if (d != null) {
        stage(key, d);
      }
    }
  }

  private void stage(String stage, Duration d) {
    for (MeterRegistry r : registries) {
      Timer.builder("discovery.run.stage.duration")
          .description(
              "How long runs spent in each pipeline stage: backfill, fetch, refresh, archive and"
                  + " deliver by the engine's clock; process, match, score and store inside them,"
                  + " summed over the run's threads")
          .tags("stage", stage)
          .register(r)
          .record(d.isNegative() ? Duration.ZERO : d);
    }
  }

  void onDelivery(DeliveryEvent e) {
    Tags tags =
        Tags.of(
            "sink", e.sinkId(),
            "kind", e.kind().name().toLowerCase(Locale.ROOT),
            "outcome", e.outcome().name().toLowerCase(Locale.ROOT));
    for (MeterRegistry r : registries) {
      Counter.builder("discovery.delivery.attempts")
          .description("Attempts to deliver outbox entries, by sink and outcome")
          .tags(tags)
          .register(r)
          .increment();
      if (e.outcome() == DeliveryEvent.Outcome.DEAD) {
        Counter.builder("discovery.delivery.dead.letters")
            .description("Outbox entries given up, by sink")
            .tags("sink", e.sinkId())
            .register(r)
            .increment();
      }
    }
  }

  void onFinding(Finding f) {
    for (MeterRegistry r : registries) {
      Counter.builder("discovery.reconcile.findings")
          .description("Drift the reconciliation job found, by kind and whether it was repaired")
          .tags("kind", f.kind().tag(), "repaired", Boolean.toString(f.repaired()))
          .register(r)
          .increment();
    }
  }

  void onReconciled(ReconcileReport report) {
    for (MeterRegistry r : registries) {
      Counter.builder("discovery.reconcile.runs")
          .description("Reconciliations of a tenant, run or skipped (lease held elsewhere)")
          .tags("outcome", report.ran() ? "ran" : "skipped")
          .register(r)
          .increment();
    }
  }
}
