package io.github.discoverysdk.deals;

import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * What an enricher spent today for a tenant, from the cost ledger, against its budget (UTC days):
 * each call is a ledger entry, written with the answers it paid for. Not thread-safe: one per
 * batch.
 */
final class EnrichmentSpend {
  private final String sourceId;
  private final String queryKey;
  private final SourceBudget budget;
  private final String tenant;
  private final Instant now;
  private int calls;
  private double cost;

  /** Reads today's spending from the ledger when there is a budget ({@code null}: none). */
  EnrichmentSpend(
      Storage storage,
      String sourceId,
      String queryKey,
      SourceBudget budget,
      String tenant,
      Instant now) {
    this.sourceId = sourceId;
    this.queryKey = queryKey;
    this.budget = budget;
    this.tenant = tenant;
    this.now = now;
    if (budget != null) {
      Instant day = now.truncatedTo(ChronoUnit.DAYS);
      for (CostEntry e :
          storage.sourceState().listCosts(tenant, day, day.plus(Duration.ofDays(1)))) {
        if (e.sourceId().equals(sourceId) && !e.cacheHit()) {
          calls++;
          cost += e.cost();
        }
      }
    }
  }

  /** Why no further call may be made today, or empty. */
  Optional<String> exhausted() {
    if (budget == null) {
      return Optional.empty();
    }
    if (budget.maxCallsPerDay().isPresent() && calls >= budget.maxCallsPerDay().getAsInt()) {
      return Optional.of(calls + " calls of " + budget.maxCallsPerDay().getAsInt());
    }
    if (budget.maxCostPerDay().isPresent() && cost >= budget.maxCostPerDay().getAsDouble()) {
      return Optional.of(
          String.format(
              Locale.ROOT, "cost %.2f of %.2f", cost, budget.maxCostPerDay().getAsDouble()));
    }
    return Optional.empty();
  }

  /** Writes one ledger entry per call of {@code result} through {@code tx}. */
  void record(Storage tx, EnrichmentResult result) {
    int n = Math.max(result.calls(), 0);
    for (int i = 0; i < n; i++) {
      tx.sourceState()
          .addCost(
              CostEntry.builder()
                  .tenant(tenant)
                  .sourceId(sourceId)
                  .queryKey(queryKey)
                  .at(now)
                  .cacheHit(false)
                  .cost(result.estimatedCost() / n)
                  .build());
    }
    calls += n;
    cost += result.estimatedCost();
  }
}
