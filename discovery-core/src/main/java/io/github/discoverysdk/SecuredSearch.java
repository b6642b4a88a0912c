package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.FEED_READ;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchSync;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Full-text search as one principal sees it ({@link SecuredEngine#search()}): the opportunities,
 * signals and drafts of the accounts in its {@code FEED_READ} scope, as its review inbox shows
 * them; documents without an account only to readers of the whole tenant. The scope is resolved to
 * account ids at each call and applied inside the index's query, so a reassigned account moves at
 * once. Immutable and thread-safe.
 */
public final class SecuredSearch {
  private final Optional<SearchSync> search;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;

  SecuredSearch(EngineParts parts, Principal principal, Actor actor) {
    this.search = parts.search();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
  }

  /**
   * One page of the documents matching {@code text} (plain words, never query syntax), best first,
   * with highlighted passages. Needs {@code FEED_READ}.
   *
   * @param kinds the kinds to return; empty for all
   * @param cursor the previous page's {@code nextCursor()}; empty for the first page
   * @param limit page size, 1..{@value SearchQuery#MAX_LIMIT}
   * @throws ValidationException if the text is blank or longer than {@value SearchQuery#MAX_TEXT}
   *     characters, the limit is out of range, or the cursor is not one the index issued
   * @throws IllegalStateException if the engine has no search index
   */
  public Page<SearchHit> search(
      String text, Set<SearchKind> kinds, Optional<String> cursor, int limit) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kinds, "kinds");
    Objects.requireNonNull(cursor, "cursor");
    AccessScope scope = guard.listing(principal, actor, FEED_READ, principal.tenant());
    SearchQuery query =
        SearchQuery.builder()
            .tenant(principal.tenant())
            .text(text)
            .kinds(kinds)
            .cursor(cursor)
            .limit(limit)
            .build();
    return search.orElseThrow(SecuredSearch::noIndex).search(query, scope);
  }

  static IllegalStateException noIndex() {
    return new IllegalStateException(
        "no search index: register one with DiscoveryEngine.builder().searchIndex(...)");
  }
}
