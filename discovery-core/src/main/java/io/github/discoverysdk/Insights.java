package io.github.discoverysdk;

import io.github.discoverysdk.model.CostSummary;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.HealthStatus;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What the engine tells about its own work, read from storage: run reports, health, analytics,
 * costs, and the shared cache's upkeep. Documented on the {@link DiscoveryEngine} methods of the
 * same names. Thread-safe: it keeps no state.
 */
final class Insights {
  /** How many recent runs {@link #health} looks at. */
  private static final int HEALTH_RUNS = 50;

  private final Storage storage;
  private final Clock clock;
  private final Function<String, List<RecordJobHealth>> recordJobs;

  Insights(Storage storage, Clock clock, Function<String, List<RecordJobHealth>> recordJobs) {
    this.storage = storage;
    this.clock = clock;
    this.recordJobs = recordJobs;
  }

  List<RunReport> runs(String tenant, int limit) {
    Checks.limit(limit);
    return storage.runs().list(tenant, limit);
  }

  CostSummary costs(String tenant, Instant from, Instant to) {
    Checks.tenant(tenant);
    Checks.period(from, to);
    return CostSummary.of(tenant, from, to, storage.sourceState().listCosts(tenant, from, to));
  }

  int cleanCache() {
    return storage.sourceState().deleteExpiredResults(clock.instant());
  }

  /**
   * Judged from the tenant's recent runs of the discovery pipeline only: the closed-deal chain's
   * steps are listed by {@link #runs} but neither make a tenant failing nor hide failing discovery.
   */
  HealthSnapshot health(String tenant) {
    Checks.tenant(tenant);
    List<RunReport> recent =
        storage.runs().list(tenant, HEALTH_RUNS).stream().filter(r -> r.kind().pipeline()).toList();
    HealthSnapshot.Builder b =
        HealthSnapshot.builder().tenant(tenant).addAllRecordJobs(recordJobs.apply(tenant));
    if (recent.isEmpty()) {
      return b.status(HealthStatus.IDLE).consecutiveFailures(0).build();
    }
    RunReport last = recent.get(0);
    int failures = 0;
    for (RunReport r : recent) {
      if (r.status() == RunStatus.SUCCEEDED) {
        b.lastSuccessAt(r.finishedAt());
        break;
      }
      failures++;
    }
    HealthStatus status =
        switch (last.status()) {
          case SUCCEEDED -> HealthStatus.HEALTHY;
          case PARTIAL -> failures >= 3 ? HealthStatus.FAILING : HealthStatus.DEGRADED;
          case FAILED -> HealthStatus.FAILING;
        };
    return b.status(status)
        .lastRun(last)
        .consecutiveFailures(failures)
        .failingSources(
            last.sources().stream().filter(x -> x.errors() > 0).map(x -> x.sourceId()).toList())
        .build();
  }

  RunAnalytics analytics(String tenant, Instant from, Instant to) {
    Checks.tenant(tenant);
    Checks.period(from, to);
    return RunAnalytics.of(tenant, from, to, storage.runs().list(tenant, from, to));
  }
}
