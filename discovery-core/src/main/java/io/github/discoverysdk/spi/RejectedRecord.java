package io.github.discoverysdk.spi;

import org.immutables.value.Value;

/**
 * A record a source skipped because it was malformed: which one and why. Immutable and thread-safe.
 */
@Value.Immutable
public interface RejectedRecord {
  /** The record's id, or its position ({@code "#12"}) when it has none. */
  @Value.Parameter
  String recordId();

  /** What was wrong, naming the field. */
  @Value.Parameter
  String reason();

  static RejectedRecord of(String recordId, String reason) {
    return ImmutableRejectedRecord.of(recordId, reason);
  }
}
