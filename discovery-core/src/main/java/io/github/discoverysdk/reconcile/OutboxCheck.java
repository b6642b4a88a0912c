package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import java.time.Instant;

/**
 * Outbox entries stuck (PENDING, due for longer than the threshold) are requeued: their next
 * attempt is set to now, the same entry with the same dedupe key, so that a dispatch sends it once
 * and the sink's deduplication still holds. DEAD entries given up longer ago than the threshold are
 * reported: whether to retry them is a person's call ({@code engine.outbox}).
 */
final class OutboxCheck {
  private OutboxCheck() {}

  static void run(Pass pass) {
    Reconciliation.Settings s = pass.settings;
    Instant dueBefore = pass.now.minus(s.outboxStuckAfter());
    for (OutboxEntry e : s.storage().outbox().listDue(pass.tenant, dueBefore, s.scanLimit())) {
      boolean repaired = requeue(pass, e, "due since " + e.nextAttemptAt());
      pass.found(
          new Finding(
              FindingKind.OUTBOX_STUCK,
              pass.tenant,
              e.id(),
              e.nextAttemptAt(),
              "delivery to " + e.sinkId() + " pending since " + e.nextAttemptAt(),
              repaired),
          !isFinding(e));
    }
    Instant deadBefore = pass.now.minus(s.outboxDeadAfter());
    for (OutboxEntry e : s.storage().outbox().list(pass.tenant, s.scanLimit())) {
      if (e.status() == OutboxStatus.DEAD && !e.updatedAt().isAfter(deadBefore)) {
        pass.found(
            new Finding(
                FindingKind.OUTBOX_DEAD,
                pass.tenant,
                e.id(),
                e.updatedAt(),
                "delivery to "
                    + e.sinkId()
                    + " given up after "
                    + e.attempts()
                    + " attempts: "
                    + clip(e.lastError().orElse("no reason recorded")),
                false),
            !isFinding(e));
      }
    }
  }

  /**
   * Makes {@code entry} PENDING and due now; false when a dispatcher changed it meanwhile (its word
   * stands).
   */
  static boolean requeue(Pass pass, OutboxEntry entry, String why) {
    try {
      pass.settings
          .storage()
          .outbox()
          .save(
              OutboxEntry.builder()
                  .from(entry)
                  .status(OutboxStatus.PENDING)
                  .nextAttemptAt(pass.now)
                  .updatedAt(pass.now)
                  .lastError("requeued by reconciliation: " + why)
                  .build());
      return true;
    } catch (ConcurrentUpdateException e) {
      return false;
    }
  }

  /** Whether the entry is itself a finding's alert: its drift is reported, not alerted. */
  private static boolean isFinding(OutboxEntry e) {
    return e.kind() == DeliveryKind.RECONCILE_FINDING;
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
