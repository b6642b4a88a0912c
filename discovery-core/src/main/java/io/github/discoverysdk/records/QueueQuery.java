package io.github.discoverysdk.records;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a queue, in key order: the records of {@code type} in {@code queue}, optionally of
 * one owner and active at or after {@code activeSince}, after the key {@code afterKey}. Immutable
 * and thread-safe.
 */
public record QueueQuery(
    String type,
    String queue,
    Optional<String> owner,
    Optional<Instant> activeSince,
    Optional<String> afterKey,
    int limit) {
  public QueueQuery {
    RecordChecks.name("record type", type);
    RecordChecks.name("queue", queue);
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(activeSince, "activeSince");
    Objects.requireNonNull(afterKey, "afterKey");
    RecordChecks.limit(limit);
  }

  /** The first page of a queue, of every owner and any activity. */
  public static QueueQuery of(String type, String queue, int limit) {
    return new QueueQuery(type, queue, Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  public QueueQuery owner(String newOwner) {
    return new QueueQuery(type, queue, Optional.of(newOwner), activeSince, afterKey, limit);
  }

  public QueueQuery activeSince(Instant since) {
    return new QueueQuery(type, queue, owner, Optional.of(since), afterKey, limit);
  }

  public QueueQuery after(String key) {
    return new QueueQuery(type, queue, owner, activeSince, Optional.of(key), limit);
  }
}
