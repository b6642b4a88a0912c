package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * What a tenant's discovery cost in a period: calls, cache hits and estimated cost, in total, per
 * source and per profile (a call's cost is split evenly among the profiles that asked for it).
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface CostSummary {
  String tenant();

  Instant from();

  Instant to();

  /** Calls actually sent to sources. */
  int calls();

  /** Queries answered from the shared cache instead. */
  int cacheHits();

  double totalCost();

  /** Estimated cost per source id. */
  Map<String, Double> costBySource();

  /** Estimated cost per profile id (within the tenant). */
  Map<String, Double> costByProfile();

  /** Sums ledger lines. */
  static CostSummary of(String tenant, Instant from, Instant to, Iterable<CostEntry> entries) {
    int calls = 0;
    int hits = 0;
    double total = 0;
    Map<String, Double> bySource = new TreeMap<>();
    Map<String, Double> byProfile = new TreeMap<>();
    for (CostEntry e : entries) {
      if (e.cacheHit()) {
        hits++;
      } else {
        calls++;
      }
      total += e.cost();
      bySource.merge(e.sourceId(), e.cost(), Double::sum);
      if (!e.profileIds().isEmpty()) {
        double share = e.cost() / e.profileIds().size();
        for (String p : e.profileIds()) {
          byProfile.merge(p, share, Double::sum);
        }
      }
    }
    return builder()
        .tenant(tenant)
        .from(from)
        .to(to)
        .calls(calls)
        .cacheHits(hits)
        .totalCost(total)
        .costBySource(bySource)
        .costByProfile(byProfile)
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableCostSummary.Builder {}
}
