package io.github.discoverysdk.deals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Status, stats and summary of a tenant's closed-deal enrichment, as {@link DealReports} reads them
 * from storage.
 *
 * @param tenant whose deals
 * @param since closed deals from this instant on were counted
 * @param closedDeals closed deals counted (at most {@link DealReports#MAX_DEALS})
 * @param enrichedDeals deals whose account and every contact are enriched
 * @param partialDeals deals with some but not all of it enriched
 * @param dealContacts distinct contacts of those deals
 * @param enrichedContacts contacts with cached attributes
 * @param rolesResolved contacts whose buying role is known
 * @param enrichedAccounts distinct account domains with cached attributes
 * @param lastEnrichedAt the newest cache entry among them, if any
 * @param coverage per enrichment source, how many cached contacts and accounts it answered for,
 *     read from the keys only that source leaves ({@code apolloId}: Apollo; {@code headquarters} or
 *     {@code category}: Serper); {@code unattributed} when none says
 * @param topIndustries account industries by number of deals, most first, at most ten
 * @param companySizes deals per head-count band
 * @param roles contacts per buying role
 * @param deals the per-deal breakdown, oldest close first
 * @param contactOutcomes distinct contacts per outcome of their last enrichment attempt (enriched,
 *     partial, not found, skipped by budget, source failed, queued); contacts never tried are not
 *     counted
 */
public record DealReport(
    String tenant,
    Instant since,
    int closedDeals,
    int enrichedDeals,
    int partialDeals,
    int dealContacts,
    int enrichedContacts,
    int rolesResolved,
    int enrichedAccounts,
    Optional<Instant> lastEnrichedAt,
    Map<String, Integer> coverage,
    Map<String, Integer> topIndustries,
    Map<String, Integer> companySizes,
    Map<BuyingRole, Integer> roles,
    List<DealBreakdown> deals,
    Map<EnrichmentStatus.Outcome, Integer> contactOutcomes) {
  public DealReport {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(lastEnrichedAt, "lastEnrichedAt");
    coverage = Map.copyOf(coverage);
    topIndustries =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topIndustries));
    companySizes = Map.copyOf(companySizes);
    roles = Map.copyOf(roles);
    deals = List.copyOf(deals);
    contactOutcomes = Map.copyOf(contactOutcomes);
  }
}
