package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.ACCOUNT_READ;
import static io.github.discoverysdk.access.Permission.ANALYTICS_READ;
import static io.github.discoverysdk.access.Permission.FEED_READ;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.model.Page;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The read models of account monitoring as one principal sees them ({@link
 * SecuredEngine#insight()}): an account's health, the inbox figures and the filtered inbox over the
 * cards of the accounts in the principal's scope, and the tenant dashboard for those who read the
 * whole tenant. The scope is applied inside each query; a refusal throws {@link
 * AccessDeniedException} and is audited. Immutable and thread-safe.
 */
public final class SecuredInsight {
  private final CardInsights insights;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;

  SecuredInsight(EngineParts parts, Principal principal, Actor actor) {
    this.insights = parts.cardInsights();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
  }

  /**
   * The health of an account over the last {@value CardInsights#WEEKS} weeks: signals per week and
   * their trend, risk flags with the cards that raised them, top open cards, last touch. Needs
   * {@code ACCOUNT_READ} over the account.
   *
   * @throws NotFoundException if the tenant has no such account
   */
  public AccountHealth accountHealth(String accountId) {
    guard.account(principal, actor, ACCOUNT_READ, accountId);
    return insights
        .accountHealth(
            principal.tenant(),
            guard.listing(principal, actor, ACCOUNT_READ, principal.tenant()),
            accountId)
        .orElseThrow(() -> new NotFoundException("no account " + accountId));
  }

  /**
   * Figures of the cards in the principal's scope created at {@code from <= t < to}: counts by
   * review state, score band and urgency, new in the last seven days, approval rate, median time to
   * review. Needs {@code ANALYTICS_READ}.
   */
  public InboxStats inboxStats(Instant from, Instant to) {
    return insights.inboxStats(
        principal.tenant(),
        guard.listing(principal, actor, ANALYTICS_READ, principal.tenant()),
        from,
        to);
  }

  /**
   * The tenant's figures over the cards created at {@code from <= t < to}: coverage, acceptance and
   * conversion rates, P50/P95 signal-to-card latency, shares with evidence and breakdown. Needs
   * {@code ANALYTICS_READ} over the whole tenant.
   */
  public Dashboard dashboard(Instant from, Instant to) {
    guard.requireTenantWide(
        principal, actor, ANALYTICS_READ, principal.tenant(), "tenant", principal.tenant());
    return insights.dashboard(principal.tenant(), from, to);
  }

  /**
   * The cards in the principal's scope that pass {@code query}, a page of at most {@code limit} (1
   * to 500) after {@code cursor} (empty for the first). Needs {@code FEED_READ}.
   */
  public Page<CardSummary> inbox(InboxQuery query, Optional<String> cursor, int limit) {
    Objects.requireNonNull(query, "query");
    return insights.inbox(
        principal.tenant(),
        guard.listing(principal, actor, FEED_READ, principal.tenant()),
        query,
        cursor,
        limit);
  }
}
