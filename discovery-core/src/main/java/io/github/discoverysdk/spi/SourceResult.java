package io.github.discoverysdk.spi;

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

  /** Whether the answer came from a cache rather than the source. */
  @Value.Default
  default boolean cacheHit() {
    return false;
  }

  static SourceResult of(List<Signal> signals, Optional<String> nextCursor) {
    return builder().signals(signals).nextCursor(nextCursor).build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableSourceResult.Builder {}
}
