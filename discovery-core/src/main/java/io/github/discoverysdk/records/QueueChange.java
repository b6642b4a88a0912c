package io.github.discoverysdk.records;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record moved between queues (or into or out of every queue), and why. Immutable and
 * thread-safe.
 *
 * @param tenant the owner of the record
 * @param type the record's type
 * @param key the record's key
 * @param from the queue before, empty if none
 * @param to the queue after, empty if none
 * @param reason why: {@code "new record"}, {@code "state changed"}, {@code "aged out"}
 * @param at when the engine moved it
 * @param sequence the store's insertion number; 0 before it is stored
 */
public record QueueChange(
    String tenant,
    String type,
    String key,
    Optional<String> from,
    Optional<String> to,
    String reason,
    Instant at,
    long sequence) {
  public QueueChange {
    RecordChecks.tenant(tenant);
    RecordChecks.name("record type", type);
    RecordChecks.key("record key", key);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    RecordChecks.name("reason", reason);
    Objects.requireNonNull(at, "at");
  }

  /** This change with the sequence the store gave it. */
  public QueueChange withSequence(long newSequence) {
    return new QueueChange(tenant, type, key, from, to, reason, at, newSequence);
  }
}
