package io.github.discoverysdk.records;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in a record source's keyset order (timestamp, then key): the rows after it are those
 * with a later timestamp, or the same timestamp and a greater key. Without a key, every row at
 * {@link #at()} or later is after it. Immutable and thread-safe.
 *
 * @param at the timestamp column's value
 * @param key the key of the last row read at {@code at}, in the source's own order; empty to start
 *     at {@code at} inclusive
 */
public record RecordCursor(Instant at, Optional<String> key) {
  public RecordCursor {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(key, "key");
  }

  /** Every row at {@code at} or later. */
  public static RecordCursor from(Instant at) {
    return new RecordCursor(at, Optional.empty());
  }

  /** The rows after the row {@code (at, key)}. */
  public static RecordCursor after(Instant at, String key) {
    return new RecordCursor(at, Optional.of(Objects.requireNonNull(key, "key")));
  }

  /** The start of a table: every row. */
  public static RecordCursor start() {
    return from(Instant.EPOCH);
  }
}
