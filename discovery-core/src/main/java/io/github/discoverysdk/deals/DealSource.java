package io.github.discoverysdk.deals;

import io.github.discoverysdk.spi.SourceContext;

/**
 * Reads a tenant's closed deals, with their account and contacts, from a CRM or an import: the
 * deals changed at or after a watermark, one page per call. Connectors ship HubSpot and CSV; hosts
 * implement it for their own CRM tables.
 *
 * <p>A caller starts with {@link DealRequest#first} at its watermark, follows {@link
 * DealPage#nextCursor()} until it is empty, saves each page with {@link DealStore#saveAll}, and
 * then moves its watermark to the latest {@link Deal#updatedAt()} it saw. A page may repeat deals
 * of an earlier one (a source that re-reads the boundary instant does): {@code saveAll} makes that
 * harmless. A malformed record is left out of {@link DealPage#deals()} and listed in {@link
 * DealPage#rejected()} with its reason; it never fails the page.
 *
 * <p>Implementations must be thread-safe: {@code fetch} may run for several tenants at once.
 */
public interface DealSource {
  /** The source's id, stored as {@link Deal#source()} on every deal it returns. */
  String id();

  /**
   * One page of the closed deals of {@code context.tenant()} changed at or after {@code
   * request.since()}.
   *
   * @throws Exception when the page cannot be read at all (credentials refused, rate limit
   *     exhausted, a body that is not the API's shape); the engine wraps it once with the id
   */
  DealPage fetch(DealRequest request, SourceContext context) throws Exception;
}
