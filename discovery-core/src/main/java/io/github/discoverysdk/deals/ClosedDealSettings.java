package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.support.Fields;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * How the engine runs closed-deal enrichment and the monthly ICP chain ({@code
 * DiscoveryEngine.Builder.closedDeals}, reached as {@code engine.closedDeals()}). The enricher,
 * credentials and budgets are the engine's own ({@code enricher}, {@code credentials}, {@code
 * budget} of the enricher's id). Immutable and thread-safe if {@link #autoApply()} is.
 */
@Value.Immutable
@DiscoveryStyle
public interface ClosedDealSettings {
  /** The plan's schedule: the 1st of the month at 07:00. */
  String MONTHLY = "0 7 1 * *";

  /**
   * When the chain runs by itself ({@code runDue()} and the engine's scheduler), for the month
   * before the fire time; empty (the default) runs it only when called.
   */
  Optional<String> schedule();

  /** The zone of {@link #schedule()}; UTC by default. */
  @Value.Default
  default ZoneId scheduleZone() {
    return ZoneOffset.UTC;
  }

  /** Months of closed deals (won and lost) the ICP is derived from; 1..24, default 6. */
  @Value.Default
  default int lookbackMonths() {
    return ClosedDealEnrichment.DEFAULT_LOOKBACK_MONTHS;
  }

  /** Days an enrichment answer stays fresh; 1..3,650, default 90. */
  @Value.Default
  default int cacheDays() {
    return CachedEnrichment.DEFAULT_CACHE_DAYS;
  }

  /** Days a "not found" is remembered; 0..3,650, default 60. */
  @Value.Default
  default int missDays() {
    return ClosedDealEnrichment.DEFAULT_MISS_DAYS;
  }

  /**
   * Whether deals that turn closed-won in an import are enriched by the chain's queue step and by
   * {@code enrichQueued}; default true. Imports queue them either way.
   */
  @Value.Default
  default boolean autoEnrichOnClose() {
    return true;
  }

  /**
   * The profiles that opted in to having the ICP's changes applied by the chain; the others get
   * proposals only. Default: none.
   */
  @Value.Default
  @Value.Auxiliary
  default Predicate<Profile> autoApply() {
    return p -> false;
  }

  @Value.Check
  default void check() {
    schedule()
        .ifPresent(
            s -> {
              Fields.notBlank("closedDeals.schedule", s);
              CronExpression.parse(s);
            });
    if (lookbackMonths() < 1 || lookbackMonths() > ClosedDealEnrichment.MAX_LOOKBACK_MONTHS) {
      throw new ValidationException(
          "closedDeals.lookbackMonths must be between 1 and 24, was " + lookbackMonths());
    }
    if (cacheDays() < 1 || cacheDays() > 3_650) {
      throw new ValidationException(
          "closedDeals.cacheDays must be between 1 and 3650, was " + cacheDays());
    }
    if (missDays() < 0 || missDays() > 3_650) {
      throw new ValidationException(
          "closedDeals.missDays must be between 0 and 3650, was " + missDays());
    }
  }

  /** No schedule, six months, 90 days for hits, 60 for misses, no profile opted in. */
  static ClosedDealSettings defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ClosedDealSettings}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableClosedDealSettings.Builder {
    @Override
    public ClosedDealSettings build() {
      return Fields.build("ClosedDealSettings", super::build);
    }
  }
}
