package io.github.discoverysdk.review;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises one escalation per stay in review of a card left PENDING_REVIEW too long. Once across
 * every engine sharing the store: the card's {@code escalatedAt} is a versioned write, so of two
 * engines that read the same overdue card one saves it and the other gets a stale version and moves
 * on; and the outbox entry's dedupe key names the card and the start of its stay, so it is enqueued
 * once even then. Thread-safe: the state lives in storage.
 */
final class Escalations {
  private static final Logger log = LoggerFactory.getLogger(Escalations.class);
  private static final int BATCH = 200;
  static final Actor ACTOR = Actor.system("escalation");

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AuditLog audit;
  private final ReviewSettings settings;
  private final List<String> sinks;

  Escalations(
      Storage storage,
      Clock clock,
      Supplier<String> ids,
      AuditLog audit,
      ReviewSettings settings,
      List<String> alertSinks) {
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.audit = audit;
    this.settings = settings;
    this.sinks = settings.escalationSink().map(List::of).orElse(List.copyOf(alertSinks));
  }

  /** Escalates every tenant's overdue cards; dispatches the tenants that got some. */
  int run(ToIntFunction<String> dispatch) {
    int raised = 0;
    for (String tenant : storage.profiles().tenants()) {
      try {
        int n = tenant(tenant);
        if (n > 0) {
          raised += n;
          dispatch.applyAsInt(tenant);
        }
      } catch (RuntimeException e) {
        // One tenant's failure must not stop the others; the next tick tries again.
        log.warn(
            "escalating the overdue review cards of tenant {} failed: {}", tenant, e.toString());
      }
    }
    return raised;
  }

  private int tenant(String tenant) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(settings.escalateAfter());
    int raised = 0;
    while (true) {
      List<ReviewCard> overdue = storage.reviews().overdue(tenant, cutoff, BATCH);
      int progress = 0;
      for (ReviewCard card : overdue) {
        try {
          escalate(card, now);
          raised++;
          progress++;
        } catch (ConcurrentUpdateException e) {
          // Another engine escalated it, or a reviewer acted on it: either way, nothing to do.
          log.debug("review card {} changed meanwhile: {}", card.opportunityId(), e.getMessage());
        }
      }
      if (overdue.size() < BATCH || progress == 0) {
        return raised;
      }
    }
  }

  private void escalate(ReviewCard seen, Instant now) {
    OpportunityId id = seen.opportunityId();
    Instant since = seen.submittedAt().orElseThrow();
    storage.inTransaction(
        tx -> {
          ReviewCard saved =
              tx.reviews()
                  .save(ReviewCard.builder().from(seen).escalatedAt(now).updatedAt(now).build());
          Opportunity o =
              tx.opportunities()
                  .find(id)
                  .orElseThrow(() -> new NotFoundException("no opportunity " + id));
          for (String sink : sinks) {
            tx.outbox()
                .enqueue(
                    OutboxEntry.builder()
                        .id(ids.get())
                        .tenant(o.tenant())
                        .sinkId(sink)
                        .kind(DeliveryKind.REVIEW_ESCALATION)
                        .opportunityId(id)
                        .dedupeKey(dedupeKey(id, since))
                        .nextAttemptAt(now)
                        .createdAt(now)
                        .updatedAt(now)
                        .build());
          }
          audit.record(
              tx.audit(),
              ACTOR,
              id.tenant(),
              CardActions.ENTITY,
              id.value(),
              AuditAction.ESCALATE,
              List.of(FieldChange.of("escalatedAt", null, now.toString())),
              Optional.of(
                  "pending review since " + since + ", longer than " + settings.escalateAfter()));
          return saved;
        });
  }

  /** One key per card and stay in review: the time the stay began, in milliseconds. */
  static String dedupeKey(OpportunityId id, Instant pendingSince) {
    return "review-escalation|" + id.value() + "|" + pendingSince.toEpochMilli();
  }
}
