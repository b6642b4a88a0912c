package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a system of record as a {@link RecordSource} read it. Immutable and thread-safe.
 *
 * @param key the row's key, as text
 * @param updatedAt the value of the job's timestamp column
 * @param state the declared state columns and their values as text; a SQL {@code NULL} is absent
 * @param owner the value of the declared owner column, if any
 * @param activityAt the value of the declared activity column (for example the last call), if any
 */
public record SourceRow(
    String key,
    Instant updatedAt,
    Map<String, String> state,
    Optional<String> owner,
    Optional<Instant> activityAt) {
  public SourceRow {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new ValidationException("row key must not be empty");
    }
    Objects.requireNonNull(updatedAt, "updatedAt");
    state = Map.copyOf(state);
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(activityAt, "activityAt");
  }

  /** A row with state only. */
  public static SourceRow of(String key, Instant updatedAt, Map<String, String> state) {
    return new SourceRow(key, updatedAt, state, Optional.empty(), Optional.empty());
  }

  /** The position of this row in its source's keyset order. */
  public RecordCursor cursor() {
    return RecordCursor.after(updatedAt, key);
  }
}
