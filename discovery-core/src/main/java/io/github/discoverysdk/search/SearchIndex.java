package io.github.discoverysdk.search;

import io.github.discoverysdk.model.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A full-text index of the tenants' opportunities, signals and drafts, registered with {@code
 * DiscoveryEngine.Builder.searchIndex}; {@code discovery-search} implements it on Lucene. The
 * engine feeds it after each of a run's transactions commits and reads it for {@code
 * engine.as(principal).search()}; {@link SearchSync} repairs and rebuilds it from storage, which
 * stays the source of truth.
 *
 * <p>Every call names its tenant, and {@link #search} applies the tenant and the {@link
 * SearchScope} inside the query. Semantic (vector) search is not part of this interface: nothing
 * small enough to embed fits, and full text answers the product's questions.
 *
 * <p>Implementations must be thread-safe: runs of several tenants index at once, while searches run
 * on request threads.
 */
public interface SearchIndex extends AutoCloseable {
  /**
   * Adds or replaces documents, by (tenant, kind, id), all of {@code tenant}; visible to searches
   * when this returns.
   *
   * @throws io.github.discoverysdk.ValidationException if a document belongs to another tenant
   */
  void index(String tenant, List<SearchDocument> documents);

  /** Removes these documents of one kind; ids not indexed are ignored. */
  void delete(String tenant, SearchKind kind, Collection<String> ids);

  /** Removes every document of the tenant of these kinds (all kinds if empty). */
  void deleteAll(String tenant, Set<SearchKind> kinds);

  /** The {@link SearchDocument#stamp()} of each of these documents that is indexed, by id. */
  Map<String, String> stamps(String tenant, SearchKind kind, Collection<String> ids);

  /**
   * One page of the documents of {@code query.tenant()} in {@code scope} that match its text, best
   * first, with highlights.
   *
   * @throws io.github.discoverysdk.ValidationException if the cursor is not one this index issued
   */
  Page<SearchHit> search(SearchQuery query, SearchScope scope);

  /** Releases the index's files and threads. The default does nothing. */
  @Override
  default void close() {}
}
