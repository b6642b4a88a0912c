package io.github.discoverysdk;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.internal.Conflicts;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The feed and what users say about its opportunities: reading the feed and one opportunity,
 * recording feedback (with its status change, tracking and {@link OutcomeListener}s in one
 * transaction), and reading feedback back. Documented on the {@link DiscoveryEngine} methods of the
 * same names. Not gated: it keeps working after the engine is closed. Thread-safe.
 */
final class Opportunities {
  /** The audit entity type of opportunities (and their review cards). */
  static final String ENTITY = "opportunity";

  private final Storage storage;
  private final Clock clock;
  private final boolean collectTracking;
  private final List<OutcomeListener> outcomeListeners;
  private final AuditLog audit;

  Opportunities(
      Storage storage,
      Clock clock,
      boolean collectTracking,
      List<OutcomeListener> outcomeListeners,
      AuditLog audit) {
    this.audit = audit;
    this.storage = storage;
    this.clock = clock;
    this.collectTracking = collectTracking;
    this.outcomeListeners = outcomeListeners;
  }

  Page<Opportunity> feed(FeedQuery query) {
    return storage.opportunities().feed(Objects.requireNonNull(query, "query"));
  }

  Optional<Opportunity> find(OpportunityId id) {
    return storage.opportunities().find(Objects.requireNonNull(id, "id"));
  }

  Opportunity feedback(Actor actor, OpportunityId id, Feedback feedback) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(feedback, "feedback");
    Feedback stamped = Feedback.builder().from(feedback).at(clock.instant()).build();
    // Feedback applies to the opportunity as it is when stored: a transaction that lost a version
    // race to another writer is run again on what that writer left, so no user sees the conflict.
    return Conflicts.retry(() -> record(actor, id, stamped));
  }

  private Opportunity record(Actor actor, OpportunityId id, Feedback stamped) {
    return storage.inTransaction(
        tx -> {
          Opportunity current =
              tx.opportunities()
                  .find(id)
                  .orElseThrow(() -> new NotFoundException("no opportunity " + id));
          // The row is written before the feedback that refers to it: on MariaDB and PostgreSQL
          // the feedback's foreign key share-locks the row, and two writers holding that lock
          // while both waiting to update the row deadlock instead of one losing the version race.
          Opportunity updated =
              tx.opportunities()
                  .save(
                      Opportunity.builder()
                          .from(current)
                          .status(
                              underReview(tx, id)
                                  ? current.status()
                                  : stamped.type().resultingStatus())
                          .updatedAt(stamped.at().orElseThrow())
                          .build());
          tx.opportunities().addFeedback(id, stamped);
          tx.insight().refresh(List.of(id));
          audit.record(
              tx.audit(),
              actor,
              id.tenant(),
              ENTITY,
              id.value(),
              AuditAction.FEEDBACK,
              AuditLog.diff(
                  Map.of("status", current.status().name()), feedbackFields(updated, stamped)),
              stamped.note());
          if (collectTracking) {
            Tracking.feedback(tx, updated, stamped.type(), stamped.at().orElseThrow());
          }
          for (OutcomeListener listener : outcomeListeners) {
            listener.onFeedback(updated, stamped, tx);
          }
          return updated;
        });
  }

  /**
   * Whether the opportunity's card is in review or approved: its status then mirrors the card, and
   * feedback is recorded (and learned from) without changing it.
   */
  private static boolean underReview(Storage tx, OpportunityId id) {
    return tx.reviews()
        .find(id)
        .filter(c -> c.state() == ReviewState.PENDING_REVIEW || c.state() == ReviewState.APPROVED)
        .isPresent();
  }

  private static Map<String, String> feedbackFields(Opportunity updated, Feedback feedback) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("status", updated.status().name());
    m.put("feedback", feedback.type().name());
    feedback.dismissReason().ifPresent(r -> m.put("dismissReason", r.name()));
    feedback.value().ifPresent(v -> m.put("value", v.toPlainString()));
    return m;
  }

  List<Feedback> feedbackOf(OpportunityId id) {
    return storage.opportunities().listFeedback(Objects.requireNonNull(id, "id"));
  }
}
