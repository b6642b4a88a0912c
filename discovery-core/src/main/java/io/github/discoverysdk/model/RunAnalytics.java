package io.github.discoverysdk.model;

import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/** Figures over a tenant's runs in a period. Immutable and thread-safe. */
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

  /** Sums a list of runs. */
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
    for (RunReport r : runs) {
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
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableRunAnalytics.Builder {}
}
