package io.github.discoverysdk.storage;

import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of {@link MemoryInsightStore} over the rows it selected, computed as the SQL stores
 * aggregate them (percentiles as {@code PERCENTILE_CONT}). Stateless.
 */
final class MemoryInsightFigures {
  private static final Set<ReviewState> DECIDED =
      Set.of(ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.ACTIVATED);

  private MemoryInsightFigures() {}

  static InboxStats inboxStats(List<MemoryInsightRow> rows, Instant weekStart) {
    Map<ReviewState, Long> byState = new EnumMap<>(ReviewState.class);
    Map<SignalStrength, Long> byStrength = new EnumMap<>(SignalStrength.class);
    Map<Urgency, Long> byUrgency = new EnumMap<>(Urgency.class);
    List<Long> review = new ArrayList<>();
    long fresh = 0;
    for (MemoryInsightRow r : rows) {
      r.card().ifPresent(c -> byState.merge(c.state(), 1L, Long::sum));
      byStrength.merge(r.o().score().strength(), 1L, Long::sum);
      byUrgency.merge(r.o().temporal().urgency(), 1L, Long::sum);
      if (!r.insight().cardedAt().isBefore(weekStart)) {
        fresh++;
      }
      r.card()
          .filter(c -> DECIDED.contains(c.state()) && c.submittedAt().isPresent())
          .flatMap(c -> c.decidedAt().map(d -> micros(c.submittedAt().get(), d)))
          .ifPresent(review::add);
    }
    var median = InsightSupport.percentile(review, 0.5);
    return new InboxStats(
        rows.size(),
        byState,
        byStrength,
        byUrgency,
        fresh,
        median.isPresent()
            ? Optional.of(InsightSupport.micros(median.getAsDouble()))
            : Optional.empty());
  }

  private static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1_000;
  }

  static Dashboard dashboard(
      Instant from, Instant to, long accountsOfTenant, List<MemoryInsightRow> rows) {
    long accountCards = 0, accepted = 0, decided = 0, converted = 0, evidence = 0, breakdown = 0;
    List<Long> latencies = new ArrayList<>();
    for (MemoryInsightRow r : rows) {
      accountCards += r.insight().accountId().isPresent() ? 1 : 0;
      Optional<ReviewState> s = r.card().map(ReviewCard::state);
      accepted +=
          s.filter(x -> x == ReviewState.APPROVED || x == ReviewState.ACTIVATED).isPresent()
              ? 1
              : 0;
      decided += s.filter(DECIDED::contains).isPresent() ? 1 : 0;
      converted += r.o().status() == OpportunityStatus.CONVERTED ? 1 : 0;
      evidence += r.insight().evidence() ? 1 : 0;
      breakdown += r.insight().breakdown() ? 1 : 0;
      latencies.add(r.insight().latencyMillis());
    }
    var p50 = InsightSupport.percentile(latencies, 0.5);
    var p95 = InsightSupport.percentile(latencies, 0.95);
    return new Dashboard(
        from,
        to,
        accountsOfTenant,
        rows.size(),
        accountCards,
        accepted,
        decided,
        converted,
        evidence,
        breakdown,
        p50.isPresent() ? Optional.of(InsightSupport.millis(p50.getAsDouble())) : Optional.empty(),
        p95.isPresent() ? Optional.of(InsightSupport.millis(p95.getAsDouble())) : Optional.empty());
  }
}
