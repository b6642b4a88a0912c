package io.github.discoverysdk.spi;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Signal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What one fetch returned. Immutable and thread-safe. */
@Value.Immutable
public interface SourceResult {
  List<Signal> signals();

  /** Malformed records that were skipped; the rest of the fetch still counts. */
  List<RejectedRecord> rejected();

  /**
   * Where the next fetch continues. Empty keeps the previous cursor. The engine commits it only
   * together with the signals of this result.
   */
  Optional<String> nextCursor();

  /**
   * Whether the source holds more records for this query after this page: the engine then fetches
   * again from {@link #nextCursor()} within the same run, committing each page with its watermark,
   * until a page reports no more or the run's per-query bound is reached. A source sets it when it
   * stopped at {@code SourceRequest.limit()} (or a page of its own API) with records left; a source
   * that always returns everything it has leaves it false. A result with more records must carry a
   * next cursor.
   */
  @Value.Default
  default boolean more() {
    return false;
  }

  /** Whether the answer came from a cache rather than the source. */
  @Value.Default
  default boolean cacheHit() {
    return false;
  }

  @Value.Check
  default void checkMore() {
    if (more() && nextCursor().isEmpty()) {
      throw new ValidationException(
          "a SourceResult with more records must carry a nextCursor to continue from");
    }
  }

  static SourceResult of(List<Signal> signals, Optional<String> nextCursor) {
    return builder().signals(signals).nextCursor(nextCursor).build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableSourceResult.Builder {}
}
