package io.github.discoverysdk.deals;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deals read from the tenants' CRMs: {@code Storage.deals()}. A deal is identified by (tenant,
 * source, id); deals carry their tenant, lookups take it first. Thread-safe, as every store is.
 */
public interface DealStore {
  /** Most deals per {@link #saveAll} call. */
  int MAX_BATCH = 1_000;

  /**
   * Inserts or updates each deal by (tenant, source, id), in a number of statements that does not
   * grow with the batch (one JDBC batch of inserts, one of updates, and one read per few hundred
   * keys). A deal replaces the stored one only when its {@link Deal#updatedAt()} is later, so that
   * re-reading a page or reading pages out of order changes nothing; it is then stored with the
   * stored version plus one (1 for a new deal). The version of the arguments is ignored: the
   * source, not the SDK, is the authority on a deal. Atomic.
   *
   * @return the stored deals, in the order of the arguments
   * @throws io.github.discoverysdk.ValidationException if two deals of the batch share a key or the
   *     batch holds more than {@link #MAX_BATCH} deals
   * @throws io.github.discoverysdk.ConcurrentUpdateException if another writer saved one of the
   *     deals at the same time; read nothing into it but "retry"
   */
  List<Deal> saveAll(List<Deal> deals);

  Optional<Deal> find(String tenant, String source, String id);

  /**
   * The tenant's closed deals (won or lost) that closed at or after {@code since}, ordered by
   * (closedAt, source, id), after {@code after} (empty for the first page), at most {@code limit}.
   */
  List<Deal> listClosed(String tenant, Instant since, Optional<DealCursor> after, int limit);

  /**
   * The cached enrichments of the tenant's contacts or accounts among {@code keys}, by key, fresh
   * or not: the caller judges their age against the tenant's {@code cacheDays}. One query per few
   * hundred keys.
   */
  Map<String, CachedEnrichment> findEnrichments(
      String tenant, CachedEnrichment.Kind kind, Collection<String> keys);

  /**
   * Inserts or replaces each entry by (tenant, kind, key), in a number of statements that does not
   * grow with the batch. Atomic.
   *
   * @throws io.github.discoverysdk.ValidationException if two entries share a key or the batch
   *     holds more than {@link #MAX_BATCH}
   */
  void saveEnrichments(List<CachedEnrichment> entries);

  /**
   * The statuses of the tenant's subjects of one kind among {@code keys}, by key. One query per few
   * hundred keys.
   */
  Map<String, EnrichmentStatus> findStatuses(
      String tenant, EnrichmentStatus.Subject subject, Collection<String> keys);

  /**
   * Up to {@code limit} of the tenant's statuses of one kind with one outcome, ordered by key: the
   * deals {@link EnrichmentStatus.Outcome#QUEUED queued} by a close, or the contacts a source
   * failed for.
   */
  List<EnrichmentStatus> listStatuses(
      String tenant, EnrichmentStatus.Subject subject, EnrichmentStatus.Outcome outcome, int limit);

  /**
   * Inserts or replaces each status by (tenant, subject, key), in a number of statements that does
   * not grow with the batch. Atomic.
   *
   * @throws io.github.discoverysdk.ValidationException if two statuses share a key or the batch
   *     holds more than {@link #MAX_BATCH}
   */
  void saveStatuses(List<EnrichmentStatus> statuses);

  /**
   * Stores {@code icp} as its tenant's current ideal customer, replacing the one stored before: the
   * ICP the monthly chain derived last, which the engine's runs score new and changed opportunities
   * against. Keeps the counts, every trait with its evidence and lift, and {@link Icp#derivedAt()}.
   */
  void saveIcp(Icp icp);

  /** The tenant's current ideal customer ({@link #saveIcp}); empty before the first one. */
  Optional<Icp> findIcp(String tenant);
}
