package io.github.discoverysdk.storage;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.model.OpportunityId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link InsightStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingInsightStore implements InsightStore {
  private final InsightStore delegate;

  protected ForwardingInsightStore(InsightStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected InsightStore delegate() {
    return delegate;
  }

  @Override
  public void recordAll(List<CardInsight> records) {
    delegate.recordAll(records);
  }

  @Override
  public void refresh(java.util.Collection<OpportunityId> ids) {
    delegate.refresh(ids);
  }

  @Override
  public Optional<CardInsight> find(OpportunityId id) {
    return delegate.find(id);
  }

  @Override
  public Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed) {
    return delegate.accountHealth(tenant, scope, accountId, now, weeks, listed);
  }

  @Override
  public InboxStats inboxStats(
      String tenant, AccessScope scope, Instant from, Instant to, Instant weekStart) {
    return delegate.inboxStats(tenant, scope, from, to, weekStart);
  }

  @Override
  public Dashboard dashboard(String tenant, Instant from, Instant to) {
    return delegate.dashboard(tenant, from, to);
  }

  @Override
  public List<CardSummary> inbox(
      String tenant, AccessScope scope, InboxQuery query, Optional<InboxCursor> after, int limit) {
    return delegate.inbox(tenant, scope, query, after, limit);
  }
}
