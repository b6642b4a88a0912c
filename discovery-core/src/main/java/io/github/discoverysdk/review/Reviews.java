package io.github.discoverysdk.review;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.support.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The review workflow of opportunity cards: submit, approve, reject, refine and activate, each
 * checked against the state machine of {@link ReviewState} ({@link ReviewAction} lists it),
 * carrying the card's version, and written with its audit entry and the opportunity's status in one
 * transaction; the card's history; the inbox and queue listings and their figures; escalation of
 * cards left in review; and the manual retry of a dead delivery.
 *
 * <p>Reached through {@code DiscoveryEngine.reviews()} for trusted system calls, and through {@code
 * SecuredEngine} for principals, which checks permissions and account scope and then calls this
 * class with the principal's {@link Actor}. This class checks no permission: it does the business
 * rules and the audit.
 *
 * <p>A card is the review state of one opportunity (its id is the opportunity's). An opportunity
 * never carded is a NEW card at version 0: its first action creates the card, attached to the
 * account its company identifies, as a run would attach it. A stale version throws {@link
 * io.github.discoverysdk.ConcurrentUpdateException}; an action the card's state does not allow
 * throws {@link io.github.discoverysdk.IllegalTransitionException}; of two concurrent actions on
 * one version, exactly one wins. The opportunity's status follows the card: PENDING_REVIEW,
 * APPROVED, REJECTED, and ACTIONED once activated.
 *
 * <p>Thread-safe: all state lives in storage.
 */
public final class Reviews {
  /** Most cards a listing returns per page. */
  public static final int MAX_LIMIT = 500;

  private static final int HISTORY_PAGE = 500;

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Set<String> opportunitySinks;
  private final ToIntFunction<String> dispatch;
  private final CardActions actions;
  private final Optional<Escalations> escalations;
  private final DeliveryRetry retry;

  /**
   * For the engine, which builds one per engine; hosts use {@code DiscoveryEngine.reviews()}.
   *
   * @param review the host's review settings; empty when review is off (no escalation)
   * @param alertSinks ids of the registered alert sinks, for escalations
   * @param opportunitySinks ids of the registered opportunity sinks, for activation
   * @param dispatch delivers a tenant's due outbox entries after a commit
   * @param accountOf the account an opportunity attaches to, read through the transaction given:
   *     the account of a card created by its first action
   * @param written what each card action runs in its transaction once the card and its opportunity
   *     are written (the engine refreshes the card's insight record)
   */
  public Reviews(
      Storage storage,
      Clock clock,
      Supplier<String> ids,
      AuditLog audit,
      Optional<ReviewSettings> review,
      List<String> alertSinks,
      Set<String> opportunitySinks,
      ToIntFunction<String> dispatch,
      BiFunction<Storage, Opportunity, Optional<String>> accountOf,
      java.util.function.BiConsumer<Storage, OpportunityId> written) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.opportunitySinks = Set.copyOf(opportunitySinks);
    this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    this.actions =
        new CardActions(
            storage,
            clock,
            audit,
            Objects.requireNonNull(accountOf, "accountOf"),
            Objects.requireNonNull(written, "written"));
    this.escalations =
        review.map(r -> new Escalations(storage, clock, ids, audit, r, List.copyOf(alertSinks)));
    this.retry = new DeliveryRetry(storage, clock, audit);
  }

  /** The card of an opportunity, or empty if it was never carded. */
  public Optional<ReviewCard> find(OpportunityId id) {
    return storage.reviews().find(Objects.requireNonNull(id, "id"));
  }

  /** Sends a NEW card to review (PENDING_REVIEW). */
  public ReviewCard submit(Actor actor, OpportunityId id, long version) {
    check(actor, id);
    return actions.act(
        actor, id, version, ReviewAction.SUBMIT, Optional.empty(), List.of(), none(), noWork());
  }

  /** Approves a card in review; {@code reason} is optional. */
  public ReviewCard approve(Actor actor, OpportunityId id, long version, Optional<String> reason) {
    check(actor, id);
    Objects.requireNonNull(reason, "reason").ifPresent(r -> reason("reason", r));
    return actions.act(
        actor, id, version, ReviewAction.APPROVE, reason, List.of(), none(), noWork());
  }

  /**
   * Rejects a card in review.
   *
   * @throws ValidationException if {@code reason} is blank, longer than {@link
   *     AuditEntry#MAX_REASON} or holds control characters other than line breaks and tabs
   */
  public ReviewCard reject(Actor actor, OpportunityId id, long version, String reason) {
    check(actor, id);
    reason("reason", reason);
    return actions.act(
        actor, id, version, ReviewAction.REJECT, Optional.of(reason), List.of(), none(), noWork());
  }

  /**
   * Refines a card (NEW, PENDING_REVIEW, APPROVED or REJECTED) and returns it to PENDING_REVIEW: a
   * new narrative, a score override with its reason (kept as the audit entry's reason), a note.
   */
  public ReviewCard refine(Actor actor, OpportunityId id, long version, Refinement refinement) {
    check(actor, id);
    Objects.requireNonNull(refinement, "refinement");
    List<FieldChange> note =
        refinement.note().map(n -> List.of(FieldChange.of("note", null, n))).orElse(List.of());
    return actions.act(
        actor,
        id,
        version,
        ReviewAction.REFINE,
        refinement.scoreReason(),
        note,
        (current, next) -> {
          refinement.narrative().ifPresent(next::narrative);
          if (refinement.scoreOverride().isPresent()) {
            next.scoreOverride(refinement.scoreOverride().getAsDouble())
                .scoreReason(refinement.scoreReason());
          }
          refinement.note().ifPresent(next::addNotes);
        },
        noWork());
  }

  /**
   * Activates an APPROVED card: enqueues the push of its opportunity to the opportunity sink {@code
   * sinkId} through the outbox in the same transaction (deduplicated as {@code
   * DiscoveryEngine.push} is), then delivers the tenant's due entries.
   *
   * @throws ValidationException if no opportunity sink has that id
   */
  public ReviewCard activate(Actor actor, OpportunityId id, long version, String sinkId) {
    check(actor, id);
    Objects.requireNonNull(sinkId, "sinkId");
    if (!opportunitySinks.contains(sinkId)) {
      throw new ValidationException("sinkId names no opportunity sink: '" + sinkId + "'");
    }
    ReviewCard card =
        actions.act(
            actor,
            id,
            version,
            ReviewAction.ACTIVATE,
            Optional.empty(),
            List.of(FieldChange.of("pushedTo", null, sinkId)),
            none(),
            (tx, o, saved) -> tx.outbox().enqueue(push(o, sinkId)));
    dispatch.applyAsInt(id.tenant());
    return card;
  }

  private OutboxEntry push(Opportunity o, String sinkId) {
    Instant now = clock.instant();
    return OutboxEntry.builder()
        .id(ids.get())
        .tenant(o.tenant())
        .sinkId(sinkId)
        .kind(DeliveryKind.PUSH)
        .opportunityId(o.id())
        // The key of DiscoveryEngine.push: a version of the signal is pushed once per sink.
        .dedupeKey(
            o.tenant()
                + "|"
                + o.profileId().value()
                + "|"
                + o.signalKey()
                + "|push|"
                + o.signalHash())
        .nextAttemptAt(now)
        .createdAt(now)
        .updatedAt(now)
        .build();
  }

  /**
   * The card's history: its audit entries (entity type {@code "opportunity"}, the opportunity id's
   * value), oldest first.
   */
  public List<AuditEntry> history(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    List<AuditEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<AuditEntry> page =
          storage
              .audit()
              .byEntity(id.tenant(), CardActions.ENTITY, id.value(), after, HISTORY_PAGE);
      all.addAll(page);
      if (page.size() < HISTORY_PAGE) {
        return List.copyOf(all);
      }
      after = page.get(page.size() - 1).sequence();
    }
  }

  /**
   * A page of the tenant's cards in {@code states} and {@code scope}, oldest queued first: an
   * account manager's inbox with their own scope and {@code PENDING_REVIEW}, a manager's queue with
   * their teams'. Pass the page's {@link Page#nextCursor()} for the next one.
   *
   * @throws ValidationException if the cursor is not one this class issued, or {@code limit} is not
   *     in 1..{@link #MAX_LIMIT}
   */
  public Page<ReviewCard> list(
      String tenant,
      AccessScope scope,
      Set<ReviewState> states,
      Optional<String> cursor,
      int limit) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    Optional<ReviewCursor> after = cursor.map(CardCursors::decode);
    if (states.isEmpty()) {
      return Page.of(List.of(), Optional.empty());
    }
    List<ReviewCard> cards =
        storage.reviews().list(tenant, scope, EnumSet.copyOf(states), after, limit + 1);
    if (cards.size() <= limit) {
      return Page.of(cards, Optional.empty());
    }
    List<ReviewCard> page = cards.subList(0, limit);
    return Page.of(
        List.copyOf(page),
        Optional.of(CardCursors.encode(ReviewCursor.after(page.get(limit - 1)))));
  }

  /**
   * How many of the tenant's cards in {@code scope} are in each state, and the median time to
   * review of those decided in {@code [from, to)}.
   */
  public ReviewStats stats(String tenant, AccessScope scope, Instant from, Instant to) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new ValidationException("to must not be before from, was " + from + " .. " + to);
    }
    return new ReviewStats(
        storage.reviews().counts(tenant, scope),
        storage.reviews().medianTimeToReview(tenant, scope, from, to));
  }

  /**
   * Raises one escalation alert (through the outbox, to the account's manager, else its owner) for
   * every card of every tenant left in PENDING_REVIEW longer than {@link
   * ReviewSettings#escalateAfter()}, once per stay in review even with several engines on one
   * store; audited as {@code ESCALATE} by {@code system:escalation}. The engine's scheduling tick
   * ({@code runDue}) calls it; a host may too. Does nothing when review is off.
   *
   * @return how many cards this call escalated
   */
  public int escalateOverdue() {
    return escalations.map(e -> e.run(dispatch)).orElse(0);
  }

  /**
   * Sets a DEAD outbox entry back to PENDING, its attempts reset and due now, audited as {@code
   * RETRY} of entity type {@code "delivery"}; then delivers the tenant's due entries.
   *
   * @throws io.github.discoverysdk.NotFoundException if the tenant has no such entry
   * @throws ValidationException if the entry is not DEAD
   * @throws io.github.discoverysdk.ConcurrentUpdateException if it changed meanwhile
   */
  public OutboxEntry retryDelivery(Actor actor, String tenant, String outboxEntryId) {
    Objects.requireNonNull(actor, "actor");
    Tenants.check("tenant", tenant);
    Fields.identifier("outboxEntryId", outboxEntryId, 200);
    OutboxEntry retried = retry.retry(actor, tenant, outboxEntryId, Optional.empty());
    dispatch.applyAsInt(tenant);
    return retried;
  }

  private static void check(Actor actor, OpportunityId id) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
  }

  private static void reason(String field, String reason) {
    Fields.notBlank(field, reason);
    Fields.text(field, reason, AuditEntry.MAX_REASON);
  }

  private static CardActions.Edit none() {
    return (current, next) -> {};
  }

  private static CardActions.Work noWork() {
    return (tx, o, saved) -> {};
  }
}
