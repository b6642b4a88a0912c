package io.github.discoverysdk.run;

import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Daily budgets of one run's tenant: what the cost ledger says was spent today, read once per
 * source, plus what this run spends. Thread-safe (every method is synchronized).
 */
final class DailyBudgets {
  private final RunContext ctx;
  private final Map<String, double[]> spent = new HashMap<>();

  DailyBudgets(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Reserves one call of the source, atomically with the check: why the budget is exhausted, or
   * empty when the call may be made (and is now counted).
   */
  synchronized Optional<String> reserve(SignalSource source, Instant now) {
    SourceBudget budget = ctx.config.fetching().budgets().get(source.id());
    if (budget == null) {
      return Optional.empty();
    }
    double[] day = today(source, now);
    if (budget.maxCallsPerDay().isPresent() && day[0] >= budget.maxCallsPerDay().getAsInt()) {
      return Optional.of((long) day[0] + " calls of " + budget.maxCallsPerDay().getAsInt());
    }
    double next = day[1] + source.capabilities().costPerCall();
    if (budget.maxCostPerDay().isPresent() && next > budget.maxCostPerDay().getAsDouble()) {
      return Optional.of(
          String.format(
              Locale.ROOT, "cost %.2f of %.2f", day[1], budget.maxCostPerDay().getAsDouble()));
    }
    day[0]++;
    day[1] = next;
    return Optional.empty();
  }

  /** Gives back a reserved call that a cache answered. */
  synchronized void release(SignalSource source) {
    double[] day = spent.get(source.id());
    if (day != null) {
      day[0]--;
      day[1] -= source.capabilities().costPerCall();
    }
  }

  private double[] today(SignalSource source, Instant now) {
    return spent.computeIfAbsent(
        source.id(),
        id -> {
          Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
          double[] day = new double[2];
          for (CostEntry e :
              ctx.storage()
                  .sourceState()
                  .listCosts(ctx.tenant, dayStart, dayStart.plus(Duration.ofDays(1)))) {
            if (e.sourceId().equals(id) && !e.cacheHit()) {
              day[0]++;
              day[1] += e.cost();
            }
          }
          return day;
        });
  }
}
