package io.github.discoverysdk.spi;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What an enrichment found: new attribute values per subject id, and the accounting of how it got
 * them. A source that was skipped (no key for the tenant, a failure) says why in {@link
 * #skipped()}; it never fails the whole enrichment. Immutable and thread-safe.
 */
@Value.Immutable
public interface EnrichmentResult {
  /** Subject id → attribute name → value; only attributes this enrichment sets. */
  Map<String, Map<String, String>> attributes();

  /** Reasons sources were skipped, for the run report; never contains a key. */
  List<String> skipped();

  /** Calls sent to services. */
  @Value.Default
  default int calls() {
    return 0;
  }

  /** Subjects answered from a cache. */
  @Value.Default
  default int cacheHits() {
    return 0;
  }

  /** Estimated spend of the calls. */
  @Value.Default
  default double estimatedCost() {
    return 0.0;
  }

  static EnrichmentResult empty() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableEnrichmentResult.Builder {}
}
