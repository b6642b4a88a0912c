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
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.review.ReviewCard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
  private final MemoryState state;
  private final MemoryAccountStore accounts;
  private final Map<String, Map<String, CardInsight>> byTenant = new HashMap<>();

  MemoryInsightStore(MemoryState state, MemoryAccountStore accounts) {
    this.state = state;
    this.accounts = accounts;
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

  /** Checks the ids only: this store joins the live opportunities and cards when it reads. */
  @Override
  public void refresh(java.util.Collection<OpportunityId> ids) {
    InsightSupport.refreshed(ids);
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
  private Stream<MemoryInsightRow> rows(String tenant, AccessScope scope) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    MemoryState.TenantData data = state.readable(tenant);
    return byTenant.getOrDefault(tenant, Map.of()).values().stream()
        .filter(r -> data.opportunities.containsKey(r.opportunityId().value()))
        .filter(r -> inScope(tenant, scope, r.accountId()))
        .map(
            r ->
                new MemoryInsightRow(
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
          List<MemoryInsightRow> mine =
              rows(tenant, scope)
                  .filter(r -> r.insight().accountId().equals(Optional.of(accountId)))
                  .toList();
          List<Set<SignalKey>> signals = new ArrayList<>();
          for (int i = 0; i < weeks; i++) {
            signals.add(new HashSet<>());
          }
          List<MemoryInsightRow> window = new ArrayList<>();
          for (MemoryInsightRow r : mine) {
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
                  .map(MemoryInsightRow::summary)
                  .sorted(
                      Comparator.comparing(CardSummary::publishedAt)
                          .reversed()
                          .thenComparing(c -> c.opportunityId().value()))
                  .limit(listed)
                  .toList();
          List<CardSummary> top =
              mine.stream()
                  .map(MemoryInsightRow::summary)
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

  private Stream<Instant> feedbackTimes(String tenant, MemoryInsightRow r) {
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
          List<MemoryInsightRow> rows = period(rows(tenant, scope), from, to);
          return MemoryInsightFigures.inboxStats(rows, weekStart);
        });
  }

  private static List<MemoryInsightRow> period(
      Stream<MemoryInsightRow> rows, Instant from, Instant to) {
    return rows.filter(
            r -> !r.insight().cardedAt().isBefore(from) && r.insight().cardedAt().isBefore(to))
        .toList();
  }

  @Override
  public Dashboard dashboard(String tenant, Instant from, Instant to) {
    InsightSupport.checkPeriod(from, to);
    return state.read(
        () -> {
          List<MemoryInsightRow> rows = period(rows(tenant, AccessScope.tenant()), from, to);
          long accountsOfTenant =
              accounts.list(tenant, AccessScope.tenant(), "", Integer.MAX_VALUE).size();
          return MemoryInsightFigures.dashboard(from, to, accountsOfTenant, rows);
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
                .map(MemoryInsightRow::summary)
                .filter(c -> after.isEmpty() || InsightSupport.after(c, after.get(), query))
                .sorted(InsightSupport.order(query.groupByAccount()))
                .limit(limit)
                .toList());
  }

  private boolean passes(String tenant, MemoryInsightRow r, InboxQuery q) {
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
            || r.card().filter(c -> q.states().contains(c.state())).isPresent())
        && (q.urgencies().isEmpty() || q.urgencies().contains(r.o().temporal().urgency()));
  }
}
