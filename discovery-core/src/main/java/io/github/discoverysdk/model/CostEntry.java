package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/**
 * One line of the cost ledger: a call to a source (or a cache hit that saved one) made for a
 * tenant, with the profiles that asked for it. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface CostEntry {
  String tenant();

  String sourceId();

  String queryKey();

  Instant at();

  /** Whether the answer came from a cache (no call, no cost). */
  boolean cacheHit();

  /** Estimated cost of the call; 0 for a cache hit. */
  double cost();

  /** Ids (within the tenant) of the profiles that asked the query; the cost is split among them. */
  List<String> profileIds();

  @Value.Check
  default void check() {
    Tenants.check("costEntry.tenant", tenant());
    Checks.notBlank("costEntry.sourceId", sourceId());
    Checks.notBlank("costEntry.queryKey", queryKey());
    if (!(cost() >= 0)) {
      throw new io.github.discoverysdk.ValidationException(
          "costEntry.cost must not be negative, was " + cost());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableCostEntry.Builder {}
}
