package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a tenant's outbox is waiting: entries still PENDING (due or retrying later), entries
 * given up (DEAD), and when the oldest pending one was created, for "outbox depth" and "oldest age"
 * metrics and alerts.
 *
 * @param pending entries in PENDING
 * @param dead entries in DEAD
 * @param oldestPending the creation time of the oldest PENDING entry, if any
 */
public record OutboxDepth(long pending, long dead, Optional<Instant> oldestPending) {
  public OutboxDepth {
    if (pending < 0 || dead < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(oldestPending, "oldestPending");
  }

  /** An empty outbox. */
  public static OutboxDepth empty() {
    return new OutboxDepth(0, 0, Optional.empty());
  }

  /** This depth plus {@code other}'s: for totals over tenants. */
  public OutboxDepth plus(OutboxDepth other) {
    Optional<Instant> oldest =
        oldestPending.isEmpty()
            ? other.oldestPending
            : other.oldestPending.isEmpty()
                ? oldestPending
                : Optional.of(
                    oldestPending.get().isBefore(other.oldestPending.get())
                        ? oldestPending.get()
                        : other.oldestPending.get());
    return new OutboxDepth(pending + other.pending, dead + other.dead, oldest);
  }
}
