package io.github.discoverysdk.model;

import org.immutables.value.Value;

/** What one source did during a run. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface SourceStats {
  String sourceId();

  /** Queries sent to the source (after grouping identical queries of several profiles). */
  int calls();

  /** Queries answered from a cache instead of the source. */
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
