package io.github.discoverysdk.testkit;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@link SearchIndex} in a map, for tests of code that uses one: a document matches when every
 * word of the query (letters and digits, lower-cased) is a word of its title or text; results are
 * ordered by how many query words the title holds, then by kind and id; no highlights. It passes
 * {@link SearchIndexContract}. Thread-safe (every method is synchronized); not for production.
 */
public final class MemorySearchIndex implements SearchIndex {
  private final Map<String, SearchDocument> docs = new TreeMap<>();

  private static String key(String tenant, SearchKind kind, String id) {
    return tenant + '\u0001' + kind + '\u0001' + id;
  }

  @Override
  public synchronized void index(String tenant, List<SearchDocument> documents) {
    for (SearchDocument d : documents) {
      if (!d.tenant().equals(tenant)) {
        throw new ValidationException(
            "searchDocument.tenant must be '" + tenant + "', was '" + d.tenant() + "'");
      }
    }
    documents.forEach(d -> docs.put(key(tenant, d.kind(), d.id()), d));
  }

  @Override
  public synchronized void delete(String tenant, SearchKind kind, Collection<String> ids) {
    ids.forEach(id -> docs.remove(key(tenant, kind, id)));
  }

  @Override
  public synchronized void deleteAll(String tenant, Set<SearchKind> kinds) {
    docs.values()
        .removeIf(d -> d.tenant().equals(tenant) && (kinds.isEmpty() || kinds.contains(d.kind())));
  }

  @Override
  public synchronized Map<String, String> stamps(
      String tenant, SearchKind kind, Collection<String> ids) {
    Map<String, String> out = new HashMap<>();
    for (String id : ids) {
      SearchDocument d = docs.get(key(tenant, kind, id));
      if (d != null) {
        out.put(id, d.stamp());
      }
    }
    return out;
  }

  @Override
  public synchronized Page<SearchHit> search(SearchQuery query, SearchScope scope) {
    int offset = query.cursor().map(MemorySearchIndex::offset).orElse(0);
    Set<String> words = words(query.text());
    if (words.isEmpty()) {
      return Page.of(List.of(), Optional.empty());
    }
    List<SearchHit> all = new ArrayList<>();
    for (SearchDocument d : docs.values()) {
      boolean inScope =
          scope.all() || d.accountId().filter(scope.accountIds()::contains).isPresent();
      boolean kind = query.kinds().isEmpty() || query.kinds().contains(d.kind());
      Set<String> title = words(d.title());
      Set<String> all2 = words(d.title() + " " + d.text());
      if (d.tenant().equals(query.tenant()) && inScope && kind && all2.containsAll(words)) {
        long inTitle = words.stream().filter(title::contains).count();
        all.add(hit(d, inTitle));
      }
    }
    all.sort(Comparator.comparing(SearchHit::score).reversed());
    int end = Math.min(all.size(), offset + query.limit());
    List<SearchHit> page = all.subList(Math.min(offset, all.size()), end);
    return Page.of(List.copyOf(page), end < all.size() ? Optional.of("m" + end) : Optional.empty());
  }

  private static SearchHit hit(SearchDocument d, long score) {
    return SearchHit.builder()
        .kind(d.kind())
        .id(d.id())
        .accountId(d.accountId())
        .opportunityId(d.opportunityId())
        .title(d.title())
        .time(d.time())
        .source(d.source())
        .score(score)
        .build();
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }

  private static int offset(String cursor) {
    if (cursor.matches("m[1-9][0-9]{0,6}")) {
      return Integer.parseInt(cursor.substring(1));
    }
    throw new ValidationException(
        "searchQuery.cursor must be the nextCursor of a previous page, was '" + cursor + "'");
  }
}
