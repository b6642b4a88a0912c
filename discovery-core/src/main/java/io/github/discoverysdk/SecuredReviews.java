package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStats;
import io.github.discoverysdk.review.Reviews;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The review workflow as one principal sees it ({@link SecuredEngine#reviews()}): its inbox or
 * review queue, the actions on a card, a card's history and the review statistics of its scope. A
 * card belongs to its account's owner and team. Each call needs the permission its documentation
 * names; the actions are audited by {@link Reviews}. Immutable and thread-safe.
 */
public final class SecuredReviews {
  private final Reviews reviews;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;

  SecuredReviews(EngineParts parts, Principal principal, Actor actor) {
    this.reviews = parts.reviews();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
  }

  /** The opportunity's card, if it has one. Needs {@code FEED_READ} over the opportunity. */
  public Optional<ReviewCard> find(OpportunityId id) {
    guard.opportunity(principal, actor, FEED_READ, id);
    guard.viewed(actor, id.tenant(), Guard.OPPORTUNITY, id.value());
    return reviews.find(id);
  }

  /** Sends a card to review ({@link Reviews#submit}). Needs {@code REVIEW_REFINE} over it. */
  public ReviewCard submit(OpportunityId id, long version) {
    guard.opportunity(principal, actor, REVIEW_REFINE, id);
    return reviews.submit(actor, id, version);
  }

  /** Approves a card ({@link Reviews#approve}). Needs {@code REVIEW_DECIDE} over it. */
  public ReviewCard approve(OpportunityId id, long version, Optional<String> reason) {
    guard.opportunity(principal, actor, REVIEW_DECIDE, id);
    return reviews.approve(actor, id, version, reason);
  }

  /** Rejects a card with a reason ({@link Reviews#reject}). Needs {@code REVIEW_DECIDE}. */
  public ReviewCard reject(OpportunityId id, long version, String reason) {
    guard.opportunity(principal, actor, REVIEW_DECIDE, id);
    return reviews.reject(actor, id, version, reason);
  }

  /** Refines a card ({@link Reviews#refine}). Needs {@code REVIEW_REFINE} over it. */
  public ReviewCard refine(OpportunityId id, long version, Refinement refinement) {
    guard.opportunity(principal, actor, REVIEW_REFINE, id);
    return reviews.refine(actor, id, version, refinement);
  }

  /** Activates an approved card in a CRM ({@link Reviews#activate}). Needs {@code PUSH}. */
  public ReviewCard activate(OpportunityId id, long version, String sinkId) {
    guard.opportunity(principal, actor, PUSH, id);
    return reviews.activate(actor, id, version, sinkId);
  }

  /** The card's history, oldest first ({@link Reviews#history}). Needs {@code FEED_READ}. */
  public List<AuditEntry> history(OpportunityId id) {
    guard.opportunity(principal, actor, FEED_READ, id);
    guard.viewed(actor, id.tenant(), Guard.OPPORTUNITY, id.value());
    return reviews.history(id);
  }

  /**
   * The cards in {@code states} in the principal's scope, oldest queued first: an account manager's
   * inbox, a manager's review queue. Needs {@code FEED_READ}; the scope is applied in the query.
   */
  public Page<ReviewCard> list(Set<ReviewState> states, Optional<String> cursor, int limit) {
    return reviews.list(
        principal.tenant(),
        guard.listing(principal, actor, FEED_READ, principal.tenant()),
        states,
        cursor,
        limit);
  }

  /**
   * Counts by state and the median time to review in the principal's scope. Needs {@code
   * ANALYTICS_READ}.
   */
  public ReviewStats stats(Instant from, Instant to) {
    return reviews.stats(
        principal.tenant(),
        guard.listing(principal, actor, ANALYTICS_READ, principal.tenant()),
        from,
        to);
  }

  /**
   * Sends a DEAD delivery again ({@link Reviews#retryDelivery}). Needs {@code OUTBOX_RETRY} over
   * the whole tenant.
   */
  public OutboxEntry retryDelivery(String outboxEntryId) {
    guard.requireTenantWide(
        principal,
        actor,
        OUTBOX_RETRY,
        principal.tenant(),
        "delivery",
        String.valueOf(outboxEntryId));
    return reviews.retryDelivery(actor, principal.tenant(), outboxEntryId);
  }
}
