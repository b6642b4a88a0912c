package io.github.discoverysdk.model;

import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * Figures over a tenant's runs of the discovery pipeline in a period ({@link RunKind#pipeline()}):
 * the closed-deal chain's steps have no signals, sources or opportunities of their own, so they are
 * counted apart, in {@link #chainSteps()} and {@link #chainStepsFailed()}. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface RunAnalytics {
  String tenant();

  Instant from();

  Instant to();

  int runs();

  int succeeded();

  int partial();

  int failed();

  /** Source calls, cache hits included. */
  int sourceCalls();

  int cacheHits();

  double estimatedCost();

  int signalsFetched();

  int opportunitiesNew();

  Duration totalDuration();

  /** Steps of the closed-deal chain run in the period; in none of the figures above. */
  @Value.Default
  default int chainSteps() {
    return 0;
  }

  /** Of {@link #chainSteps()}, those that failed. */
  @Value.Default
  default int chainStepsFailed() {
    return 0;
  }

  /** Share of runs that fully succeeded, 0..1; 0 without runs. */
  default double successRate() {
    return runs() == 0 ? 0 : succeeded() / (double) runs();
  }

  /** Share of source calls answered from a cache, 0..1; 0 without calls. */
  default double cacheHitRate() {
    return sourceCalls() == 0 ? 0 : cacheHits() / (double) sourceCalls();
  }

  /** Mean duration of a run; zero without runs. */
  default Duration averageDuration() {
    return runs() == 0 ? Duration.ZERO : totalDuration().dividedBy(runs());
  }

  /** Sums a list of runs: the pipeline's into the figures, the chain's steps apart. */
  static RunAnalytics of(String tenant, Instant from, Instant to, Iterable<RunReport> runs) {
    int count = 0;
    int ok = 0;
    int partial = 0;
    int failed = 0;
    int calls = 0;
    int hits = 0;
    double cost = 0;
    int fetched = 0;
    int created = 0;
    Duration total = Duration.ZERO;
    int steps = 0;
    int stepsFailed = 0;
    for (RunReport r : runs) {
      if (!r.kind().pipeline()) {
        steps++;
        stepsFailed += r.status() == RunStatus.FAILED ? 1 : 0;
        continue;
      }
      count++;
      switch (r.status()) {
        case SUCCEEDED -> ok++;
        case PARTIAL -> partial++;
        case FAILED -> failed++;
      }
      for (SourceStats s : r.sources()) {
        calls += s.calls();
        hits += s.cacheHits();
        cost += s.estimatedCost();
      }
      fetched += r.signalsFetched();
      created += r.opportunitiesNew();
      total = total.plus(r.duration());
    }
    return builder()
        .tenant(tenant)
        .from(from)
        .to(to)
        .runs(count)
        .succeeded(ok)
        .partial(partial)
        .failed(failed)
        .sourceCalls(calls)
        .cacheHits(hits)
        .estimatedCost(cost)
        .signalsFetched(fetched)
        .opportunitiesNew(created)
        .totalDuration(total)
        .chainSteps(steps)
        .chainStepsFailed(stepsFailed)
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableRunAnalytics.Builder {}
}
