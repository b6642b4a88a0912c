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
 * The meters of {@link DiscoveryMetrics} fed by events rather than by run reports: the time of each
 * pipeline stage (from the runs' progress, on the engine's clock), delivery attempts and dead
 * letters per sink, and the reconciliation job's findings. Thread-safe.
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
      stage(previous, p.at());
    }
  }

  void onRunFinished(RunReport report) {
    Started last = open.remove(report.runId());
    if (last != null) {
      stage(last, report.finishedAt());
    }
  }

  private void stage(Started s, Instant end) {
    Duration d = Duration.between(s.at(), end);
    for (MeterRegistry r : registries) {
      Timer.builder("discovery.run.stage.duration")
          .description("How long runs spent in each pipeline stage, by the engine's clock")
          .tags("stage", s.stage().name().toLowerCase(Locale.ROOT))
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
