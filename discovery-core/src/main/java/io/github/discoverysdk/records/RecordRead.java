package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import java.util.Objects;

/**
 * One page asked of a {@link RecordSource}: the rows after {@code after} in (timestamp, key) order,
 * at most {@code limit}. Immutable and thread-safe.
 */
public record RecordRead(RecordCursor after, int limit) {
  public RecordRead {
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
  }
}
