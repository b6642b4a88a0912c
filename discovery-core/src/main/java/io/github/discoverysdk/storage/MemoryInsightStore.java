package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The card records of an {@link InMemoryStorage}, one map per tenant, read together with the
 * tenant's opportunities, review cards, feedback and accounts as the SQL store joins them. A record
 * whose opportunity is gone is invisible, as the SQL cascade deletes it. Thread-safe: every method
 * runs under the state's lock, every write through {@link MemoryState#put}.
 */
final class MemoryInsightStore implements InsightStore {
  private static final Set<ReviewState> DECIDED =
      Set.of(ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.ACTIVATED);

  private final MemoryState state;
  private final MemoryAccountStore accounts;
  private final Map<String, Map<String, CardInsight>> byTenant = new HashMap<>();

  MemoryInsightStore(MemoryState state, MemoryAccountStore accounts) {
    this.state = state;
    this.accounts = accounts;
  }

  /** A record with what the read models join to it. */
  private record Row(CardInsight insight, Opportunity o, Optional<ReviewCard> card) {
    CardSummary summary() {
      return new CardSummary(
          o.id(),
          insight.accountId(),
          insight.sourceId(),
          o.title(),
          o.signalType(),
          o.score().total(),
          o.score().strength(),
          o.status(),
          card.map(ReviewCard::state),
          insight.publishedAt(),
          insight.cardedAt(),
          insight.riskFlags());
    }
  }

  @Override
  public void recordAll(List<CardInsight> records) {
    List<CardInsight> copy = InsightSupport.firsts(records);
    state.write(
        () -> {
          for (CardInsight r : copy) {
            if (!state.readable(r.tenant()).opportunities.containsKey(r.opportunityId().value())) {
              throw new ValidationException("no opportunity " + r.opportunityId() + " to record");
            }
            Map<String, CardInsight> mine =
                byTenant.computeIfAbsent(r.tenant(), t -> new HashMap<>());
            CardInsight stored = mine.get(r.opportunityId().value());
            if (stored == null || !live(stored)) {
              state.put(mine, r.opportunityId().value(), r);
            } else if (stored.accountId().isEmpty() && r.accountId().isPresent()) {
              state.put(mine, r.opportunityId().value(), withAccount(stored, r.accountId()));
            }
          }
          return null;
        });
  }

  private static CardInsight withAccount(CardInsight r, Optional<String> accountId) {
    return new CardInsight(
        r.opportunityId(),
        accountId,
        r.sourceId(),
        r.publishedAt(),
        r.fetchedAt(),
        r.cardedAt(),
        r.riskFlags(),
        r.evidence(),
        r.breakdown());
  }

  @Override
  public Optional<CardInsight> find(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return state.read(
        () ->
            Optional.ofNullable(byTenant.getOrDefault(id.tenant(), Map.of()).get(id.value()))
                .filter(this::live));
  }

  private boolean live(CardInsight r) {
    return state.readable(r.tenant()).opportunities.containsKey(r.opportunityId().value());
  }

  /** The tenant's live records in {@code scope}, joined; requires the lock. */
  private Stream<Row> rows(String tenant, AccessScope scope) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    MemoryState.TenantData data = state.readable(tenant);
    return byTenant.getOrDefault(tenant, Map.of()).values().stream()
        .filter(r -> data.opportunities.containsKey(r.opportunityId().value()))
        .filter(r -> inScope(tenant, scope, r.accountId()))
        .map(
            r ->
                new Row(
                    r,
                    data.opportunities.get(r.opportunityId().value()),
                    Optional.ofNullable(data.reviewCards.get(r.opportunityId().value()))));
  }

  private boolean inScope(String tenant, AccessScope scope, Optional<String> accountId) {
    if (scope.all()) {
      return true;
    }
    Optional<Account> a = accountId.flatMap(id -> accounts.findLocked(tenant, id));
    return a.filter(x -> scope.covers(x.owner(), x.team())).isPresent();
  }

  @Override
  public Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed) {
    InsightSupport.checkHealth(tenant, accountId, now, weeks, listed);
    return state.read(
        () -> {
          Optional<Account> account = accounts.findLocked(tenant, accountId);
          if (account.isEmpty() || !inScope(tenant, scope, Optional.of(accountId))) {
            return Optional.empty();
          }
          long start = InsightSupport.startSecond(now, weeks);
          List<Row> mine =
              rows(tenant, scope)
                  .filter(r -> r.insight().accountId().equals(Optional.of(accountId)))
                  .toList();
          List<Set<SignalKey>> signals = new ArrayList<>();
          for (int i = 0; i < weeks; i++) {
            signals.add(new HashSet<>());
          }
          List<Row> window = new ArrayList<>();
          for (Row r : mine) {
            long sec = r.insight().publishedAt().getEpochSecond();
            if (sec >= start && sec < now.getEpochSecond()) {
              signals
                  .get((int) ((sec - start) / InsightSupport.WEEK_SECONDS))
                  .add(r.o().signalKey());
              window.add(r);
            }
          }
          long[] counts = signals.stream().mapToLong(Set::size).toArray();
          List<CardSummary> flagged =
              window.stream()
                  .filter(r -> !r.insight().riskFlags().isEmpty())
                  .map(Row::summary)
                  .sorted(
                      Comparator.comparing(CardSummary::publishedAt)
                          .reversed()
                          .thenComparing(c -> c.opportunityId().value()))
                  .limit(listed)
                  .toList();
          List<CardSummary> top =
              mine.stream()
                  .map(Row::summary)
                  .filter(CardSummary::open)
                  .sorted(
                      Comparator.comparingDouble(CardSummary::score)
                          .reversed()
                          .thenComparing(c -> c.opportunityId().value()))
                  .limit(listed)
                  .toList();
          Optional<Instant> touch =
              Stream.concat(
                      mine.stream().flatMap(r -> r.card().flatMap(ReviewCard::decidedAt).stream()),
                      mine.stream().flatMap(r -> feedbackTimes(tenant, r)))
                  .max(Comparator.naturalOrder());
          return Optional.of(
              AccountHealth.of(
                  accountId, Instant.ofEpochSecond(start), counts, flagged, top, touch));
        });
  }

  private Stream<Instant> feedbackTimes(String tenant, Row r) {
    return state.readable(tenant).feedback.getOrDefault(r.o().id().value(), List.of()).stream()
        .flatMap(f -> f.at().stream());
  }

  @Override
  public InboxStats inboxStats(
      String tenant, AccessScope scope, Instant from, Instant to, Instant weekStart) {
    InsightSupport.checkPeriod(from, to);
    Objects.requireNonNull(weekStart, "weekStart");
    return state.read(
        () -> {
          List<Row> rows = period(rows(tenant, scope), from, to);
          Map<ReviewState, Long> byState = new EnumMap<>(ReviewState.class);
          Map<SignalStrength, Long> byStrength = new EnumMap<>(SignalStrength.class);
          Map<Urgency, Long> byUrgency = new EnumMap<>(Urgency.class);
          List<Long> review = new ArrayList<>();
          long fresh = 0;
          for (Row r : rows) {
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
        });
  }

  private static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1_000;
  }

  private static List<Row> period(Stream<Row> rows, Instant from, Instant to) {
    return rows.filter(
            r -> !r.insight().cardedAt().isBefore(from) && r.insight().cardedAt().isBefore(to))
        .toList();
  }

  @Override
  public Dashboard dashboard(String tenant, Instant from, Instant to) {
    InsightSupport.checkPeriod(from, to);
    return state.read(
        () -> {
          List<Row> rows = period(rows(tenant, AccessScope.tenant()), from, to);
          long accountCards = 0,
              accepted = 0,
              decided = 0,
              converted = 0,
              evidence = 0,
              breakdown = 0;
          List<Long> latencies = new ArrayList<>();
          for (Row r : rows) {
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
          long accountsOfTenant =
              accounts.list(tenant, AccessScope.tenant(), "", Integer.MAX_VALUE).size();
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
              p50.isPresent()
                  ? Optional.of(InsightSupport.millis(p50.getAsDouble()))
                  : Optional.empty(),
              p95.isPresent()
                  ? Optional.of(InsightSupport.millis(p95.getAsDouble()))
                  : Optional.empty());
        });
  }

  @Override
  public List<CardSummary> inbox(
      String tenant, AccessScope scope, InboxQuery query, Optional<InboxCursor> after, int limit) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(after, "after");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            rows(tenant, scope)
                .filter(r -> passes(tenant, r, query))
                .map(Row::summary)
                .filter(c -> after.isEmpty() || InsightSupport.after(c, after.get(), query))
                .sorted(InsightSupport.order(query.groupByAccount()))
                .limit(limit)
                .toList());
  }

  private boolean passes(String tenant, Row r, InboxQuery q) {
    CardInsight i = r.insight();
    Instant at = i.cardedAt();
    return (q.accountId().isEmpty() || i.accountId().equals(q.accountId()))
        && (!q.groupByAccount() || i.accountId().isPresent())
        && (q.owner().isEmpty()
            || i.accountId()
                .flatMap(id -> accounts.findLocked(tenant, id))
                .filter(a -> a.owner().equals(q.owner().get()))
                .isPresent())
        && (q.from().isEmpty() || !at.isBefore(q.from().get()))
        && (q.to().isEmpty() || at.isBefore(q.to().get()))
        && (q.sources().isEmpty() || q.sources().contains(i.sourceId()))
        && (q.minScore().isEmpty() || r.o().score().total() >= q.minScore().getAsDouble())
        && (q.states().isEmpty()
            || r.card().filter(c -> q.states().contains(c.state())).isPresent());
  }
}
