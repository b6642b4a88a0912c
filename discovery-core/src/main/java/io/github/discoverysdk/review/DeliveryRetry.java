package io.github.discoverysdk.review;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sets a DEAD outbox entry back to PENDING by hand (attempts reset, due now), as a versioned write
 * audited as {@link AuditAction#RETRY} of entity type {@code "delivery"}, in one transaction.
 * Thread-safe: it holds no state of its own.
 */
final class DeliveryRetry {
  static final String ENTITY = "delivery";

  private final Storage storage;
  private final Clock clock;
  private final AuditLog audit;

  DeliveryRetry(Storage storage, Clock clock, AuditLog audit) {
    this.storage = storage;
    this.clock = clock;
    this.audit = audit;
  }

  OutboxEntry retry(Actor actor, String tenant, String entryId, Optional<String> reason) {
    return storage.inTransaction(
        tx -> {
          OutboxEntry dead =
              tx.outbox()
                  .find(tenant, entryId)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "no outbox entry " + entryId + " for tenant " + tenant));
          if (dead.status() != OutboxStatus.DEAD) {
            throw new ValidationException(
                "outbox entry "
                    + entryId
                    + " is "
                    + dead.status()
                    + ": only a DEAD delivery can be retried by hand");
          }
          Instant now = clock.instant();
          OutboxEntry saved;
          try {
            saved =
                tx.outbox()
                    .save(
                        OutboxEntry.builder()
                            .from(dead)
                            .status(OutboxStatus.PENDING)
                            .attempts(0)
                            .nextAttemptAt(now)
                            .lastError(Optional.empty())
                            .updatedAt(now)
                            .build());
          } catch (ConcurrentUpdateException e) {
            throw new ConcurrentUpdateException(
                "outbox entry " + entryId + " changed while it was retried: read it again", e);
          }
          audit.record(
              tx.audit(),
              actor,
              tenant,
              ENTITY,
              entryId,
              AuditAction.RETRY,
              AuditLog.diff(fields(dead), fields(saved)),
              reason);
          return saved;
        });
  }

  private static Map<String, String> fields(OutboxEntry e) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", e.status().name());
    f.put("attempts", Integer.toString(e.attempts()));
    e.lastError().ifPresent(v -> f.put("lastError", v));
    return f;
  }
}
