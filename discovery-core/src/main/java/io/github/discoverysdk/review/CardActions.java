package io.github.discoverysdk.review;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.IllegalTransitionException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One review action on one card, in one transaction: read the card (a card never saved is NEW at
 * version 0), check the caller's version and the state machine, save the new card, bring the
 * opportunity's status in line, run the action's own work (the push of an activation), and append
 * the audit entry. Thread-safe: it holds no state of its own.
 */
final class CardActions {
  /** The audit entity type of a card: its history is the opportunity's. */
  static final String ENTITY = "opportunity";

  /** Attempts at the opportunity's status when a run updates it at the same time. */
  private static final int STATUS_ATTEMPTS = 3;

  /** What an action changes on the card, beyond its state. */
  interface Edit {
    void apply(ReviewCard current, ReviewCard.Builder next);
  }

  /** Work of the action inside its transaction, after the card is saved. */
  interface Work {
    void run(Storage tx, Opportunity opportunity, ReviewCard saved);
  }

  private final Storage storage;
  private final Clock clock;
  private final AuditLog audit;
  private final BiFunction<Storage, Opportunity, Optional<String>> accountOf;
  private final java.util.function.BiConsumer<Storage, OpportunityId> written;

  CardActions(
      Storage storage,
      Clock clock,
      AuditLog audit,
      BiFunction<Storage, Opportunity, Optional<String>> accountOf,
      java.util.function.BiConsumer<Storage, OpportunityId> written) {
    this.written = written;
    this.storage = storage;
    this.clock = clock;
    this.audit = audit;
    this.accountOf = accountOf;
  }

  ReviewCard act(
      Actor actor,
      OpportunityId id,
      long version,
      ReviewAction action,
      Optional<String> reason,
      List<FieldChange> extra,
      Edit edit,
      Work work) {
    return storage.inTransaction(
        tx -> {
          Instant now = clock.instant();
          Opportunity o =
              tx.opportunities()
                  .find(id)
                  .orElseThrow(() -> new NotFoundException("no opportunity " + id));
          ReviewCard current =
              tx.reviews()
                  .find(id)
                  .orElseGet(
                      () ->
                          ReviewCard.builder()
                              .from(fresh(id, now))
                              .accountId(accountOf.apply(tx, o))
                              .build());
          if (current.version() != version) {
            throw new ConcurrentUpdateException(
                "review card "
                    + id
                    + " is at version "
                    + current.version()
                    + ", not "
                    + version
                    + ": read it again");
          }
          if (!action.allowedFrom(current.state())) {
            throw new IllegalTransitionException(current.state(), action, id);
          }
          ReviewCard.Builder next =
              ReviewCard.builder().from(current).state(action.to()).updatedAt(now);
          if (action.to() == ReviewState.PENDING_REVIEW) {
            next.submittedAt(now)
                .escalatedAt(Optional.empty())
                .decidedAt(Optional.empty())
                .decidedBy(Optional.empty());
          } else if (action == ReviewAction.APPROVE || action == ReviewAction.REJECT) {
            next.decidedAt(now).decidedBy(actor.id());
          }
          edit.apply(current, next);
          ReviewCard saved = tx.reviews().save(next.build());
          Opportunity synced = syncStatus(tx, o, status(saved.state()));
          work.run(tx, synced, saved);
          written.accept(tx, id);
          List<FieldChange> changes =
              new ArrayList<>(AuditLog.diff(fields(current), fields(saved)));
          changes.addAll(extra);
          audit.record(
              tx.audit(),
              actor,
              id.tenant(),
              ENTITY,
              id.value(),
              AuditAction.valueOf(action.name()),
              changes,
              reason);
          return saved;
        });
  }

  /** A card never saved: NEW, version 0. */
  static ReviewCard fresh(OpportunityId id, Instant now) {
    return ReviewCard.builder().opportunityId(id).createdAt(now).updatedAt(now).build();
  }

  /**
   * Sets the opportunity's status in {@code tx}; a run may update it at the same time, so a stale
   * version is read again and retried, a bounded number of times.
   */
  static Opportunity syncStatus(Storage tx, Opportunity o, OpportunityStatus status) {
    Opportunity current = o;
    for (int attempt = 1; ; attempt++) {
      if (current.status() == status) {
        return current;
      }
      try {
        return tx.opportunities().save(Opportunity.builder().from(current).status(status).build());
      } catch (ConcurrentUpdateException e) {
        if (attempt >= STATUS_ATTEMPTS) {
          throw e;
        }
        current =
            tx.opportunities()
                .find(o.id())
                .orElseThrow(() -> new NotFoundException("no opportunity " + o.id()));
      }
    }
  }

  /** The opportunity status that mirrors a card state. */
  static OpportunityStatus status(ReviewState state) {
    switch (state) {
      case APPROVED:
        return OpportunityStatus.APPROVED;
      case REJECTED:
        return OpportunityStatus.REJECTED;
      case ACTIVATED:
        return OpportunityStatus.ACTIONED;
      case PENDING_REVIEW:
        return OpportunityStatus.PENDING_REVIEW;
      default:
        return OpportunityStatus.NEW;
    }
  }

  /** The audited fields of a card, as text. */
  static Map<String, String> fields(ReviewCard c) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("state", c.state().name());
    c.narrative().ifPresent(v -> f.put("narrative", v));
    if (c.scoreOverride().isPresent()) {
      f.put("scoreOverride", Double.toString(c.scoreOverride().getAsDouble()));
    }
    c.scoreReason().ifPresent(v -> f.put("scoreReason", v));
    c.accountId().ifPresent(v -> f.put("accountId", v));
    c.decidedBy().ifPresent(v -> f.put("decidedBy", v));
    c.escalatedAt().ifPresent(v -> f.put("escalatedAt", v.toString()));
    return f;
  }
}
