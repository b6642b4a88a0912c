package io.github.discoverysdk.model;

import org.immutables.value.Value;

/** What one source did during a run. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface SourceStats {
  String sourceId();

  /**
   * Queries answered, by the source or a cache, after grouping identical queries of several
   * profiles.
   */
  int calls();

  /** Of {@link #calls()}, those answered from a cache (the source's own or the shared one). */
  int cacheHits();

  /** Well-formed records received. */
  int recordsFetched();

  /** Malformed records skipped. */
  int recordsRejected();

  /** Failed calls, and batches whose storage failed. */
  int errors();

  /** Estimated spend of the calls, in the currency of the source's price list. */
  double estimatedCost();

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableSourceStats.Builder {}
}
