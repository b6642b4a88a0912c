package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record of the system of record as the engine last saw it, with its queue. Stored in {@link
 * RecordStore}, one per (tenant, type, key). Immutable and thread-safe.
 *
 * @param tenant the owner of the row
 * @param type the kind of record (a table: {@code users}, {@code claim_requirements})
 * @param key the record's key in its table, as text
 * @param state its state columns as text, a SQL {@code NULL} absent
 * @param queue the queue its state puts it in, if any
 * @param owner who works it (the owner column), if declared
 * @param score its priority in its queue; new records enter with 0
 * @param activityAt its last activity (for example a call), if declared
 * @param queuedAt when it entered its current queue
 * @param sourceUpdatedAt the timestamp of the row version this state comes from
 * @param firstSeenAt when the engine first saw it
 * @param changedAt when the engine last changed it
 * @param version 0 for a record never stored; incremented by storage on every write, so that each
 *     change of a record has its own number (part of a conversion's identity)
 */
public record TrackedRecord(
    String tenant,
    String type,
    String key,
    Map<String, String> state,
    Optional<String> queue,
    Optional<String> owner,
    double score,
    Optional<Instant> activityAt,
    Optional<Instant> queuedAt,
    Instant sourceUpdatedAt,
    Instant firstSeenAt,
    Instant changedAt,
    long version) {
  public TrackedRecord {
    RecordChecks.tenant(tenant);
    RecordChecks.name("record type", type);
    RecordChecks.key("record key", key);
    state = Map.copyOf(state);
    Objects.requireNonNull(queue, "queue");
    queue.ifPresent(q -> RecordChecks.name("queue", q));
    Objects.requireNonNull(owner, "owner");
    owner.ifPresent(o -> RecordChecks.key("owner", o));
    if (!Double.isFinite(score)) {
      throw new ValidationException("score must be finite, was " + score);
    }
    Objects.requireNonNull(activityAt, "activityAt");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(sourceUpdatedAt, "sourceUpdatedAt");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(changedAt, "changedAt");
    if (version < 0) {
      throw new ValidationException("version must not be negative, was " + version);
    }
  }

  /** This record with another version (storage sets it). */
  public TrackedRecord withVersion(long newVersion) {
    return new TrackedRecord(
        tenant,
        type,
        key,
        state,
        queue,
        owner,
        score,
        activityAt,
        queuedAt,
        sourceUpdatedAt,
        firstSeenAt,
        changedAt,
        newVersion);
  }
}
