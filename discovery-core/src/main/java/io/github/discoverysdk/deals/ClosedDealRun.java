package io.github.discoverysdk.deals;

import java.util.Map;
import java.util.Objects;

/**
 * What one {@link ClosedDealEnrichment#enrichClosedDeals} did. Immutable and thread-safe.
 *
 * @param deals closed deals in the window, at most the limit
 * @param contacts distinct contact emails of those deals
 * @param accounts distinct account domains of those deals (de-duplicated across deals)
 * @param cacheHits contacts and accounts answered from the cache, without a call
 * @param enriched contacts and accounts the enricher answered, now cached
 * @param calls calls the enricher reported sending
 * @param failed contacts and accounts that got nothing, by key, with the reason
 * @param knownMisses contacts and accounts not asked because a source recently knew nothing of them
 *     ({@link EnrichmentStatus#knownMissAt})
 */
public record ClosedDealRun(
    int deals,
    int contacts,
    int accounts,
    int cacheHits,
    int enriched,
    int calls,
    Map<String, String> failed,
    int knownMisses) {
  public ClosedDealRun {
    failed = Map.copyOf(Objects.requireNonNull(failed, "failed"));
  }
}
