package io.github.discoverysdk.run;

import io.github.discoverysdk.model.SourceStats;
import java.util.concurrent.atomic.AtomicInteger;

/** What one source (or the enricher) did in one run. Thread-safe. */
final class SourceCounters {
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger cacheHits = new AtomicInteger();
  final AtomicInteger fetched = new AtomicInteger();
  final AtomicInteger rejected = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();
  final AtomicInteger budgetSkips = new AtomicInteger();
  private double cost;

  synchronized void addCost(double c) {
    cost += c;
  }

  synchronized double cost() {
    return cost;
  }

  SourceStats stats(String sourceId, int recordsFetched) {
    return SourceStats.builder()
        .sourceId(sourceId)
        .calls(calls.get())
        .cacheHits(cacheHits.get())
        .recordsFetched(recordsFetched)
        .recordsRejected(rejected.get())
        .errors(errors.get())
        .estimatedCost(cost())
        .build();
  }
}
