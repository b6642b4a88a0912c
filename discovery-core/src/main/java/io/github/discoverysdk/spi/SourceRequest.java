package io.github.discoverysdk.spi;

import java.util.Optional;
import org.immutables.value.Value;

/** One fetch: a query, the cursor to continue from, and a size hint. Immutable and thread-safe. */
@Value.Immutable
public interface SourceRequest {
  SourceQuery query();

  /** The cursor the previous successful fetch of this query returned; empty the first time. */
  Optional<String> cursor();

  /** How many records the engine wants at most; a source may return fewer. Default 500. */
  @Value.Default
  default int limit() {
    return 500;
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableSourceRequest.Builder {}
}
