package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SearchIndex} must have. An implementation proves it by extending this
 * class:
 *
 * <pre>{@code
 * class LuceneSearchIndexTest extends SearchIndexContract {
 *   @Override
 *   protected SearchIndex createIndex() {
 *     return LuceneSearchIndex.inMemory();
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks what holds for any index: words found in titles and texts, every word
 * required, tenant, kinds and account scope applied, query syntax and hostile text answered as
 * plain words or refused with a typed error and never with another tenant's or account's document,
 * paging that covers each result once, replacement, deletion and stamps. Not thread-safe itself
 * (JUnit creates one instance per test).
 */
public abstract class SearchIndexContract {
  /** The time of every document of the suite. */
  protected static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  /** The index under test, created before each test and closed after it. */
  protected SearchIndex index;

  /** A new, empty index. */
  protected abstract SearchIndex createIndex();

  @BeforeEach
  void open() {
    index = createIndex();
  }

  @AfterEach
  void closeIndex() {
    index.close();
  }

  /** A document with the given identity, account (null for none), title and text. */
  protected static SearchDocument doc(
      String tenant, SearchKind kind, String id, String account, String title, String text) {
    return SearchDocument.builder()
        .tenant(tenant)
        .kind(kind)
        .id(id)
        .accountId(Optional.ofNullable(account))
        .opportunityId(id)
        .title(title)
        .text(text)
        .time(T)
        .source("news")
        .stamp("1")
        .build();
  }

  /** A first-page query of every kind. */
  protected static SearchQuery query(String tenant, String text) {
    return SearchQuery.builder().tenant(tenant).text(text).build();
  }

  /** The ids of a page's hits, in order. */
  protected static List<String> ids(Page<SearchHit> page) {
    return page.items().stream().map(SearchHit::id).toList();
  }

  @Test
  void findsDocumentsByTheirWordsInTitleOrText() {
    index.index(
        "acme",
        List.of(
            doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe raises Series B", ""),
            doc("acme", SearchKind.SIGNAL, "s1", "a1", "Funding news", "Stripe closed a round"),
            doc("acme", SearchKind.OPPORTUNITY, "o2", "a1", "Adyen hires a CFO", "")));

    assertThat(ids(index.search(query("acme", "stripe"), SearchScope.tenant())))
        .containsExactlyInAnyOrder("o1", "s1");
    assertThat(ids(index.search(query("acme", "STRIPE series"), SearchScope.tenant())))
        .containsExactly("o1");
    SearchHit hit = index.search(query("acme", "adyen"), SearchScope.tenant()).items().get(0);
    assertThat(hit.kind()).isEqualTo(SearchKind.OPPORTUNITY);
    assertThat(hit.accountId()).contains("a1");
    assertThat(hit.opportunityId()).contains("o2");
    assertThat(hit.title()).isEqualTo("Adyen hires a CFO");
    assertThat(hit.time()).isEqualTo(T);
    assertThat(hit.source()).isEqualTo("news");
  }

  @Test
  void everyWordMustMatchAndATitleMatchRanksFirst() {
    index.index(
        "acme",
        List.of(
            doc("acme", SearchKind.OPPORTUNITY, "body", null, "Quarterly note", "cloud migration"),
            doc("acme", SearchKind.OPPORTUNITY, "title", null, "Cloud migration at Acme", ""),
            doc("acme", SearchKind.OPPORTUNITY, "half", null, "Cloud costs", "")));

    assertThat(ids(index.search(query("acme", "cloud migration"), SearchScope.tenant())))
        .containsExactly("title", "body");
  }

  @Test
  void anotherTenantsDocumentsAreNeverFound() {
    index.index("acme", List.of(doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", "")));
    index.index(
        "other", List.of(doc("other", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe Stripe", "")));

    Page<SearchHit> page = index.search(query("acme", "stripe"), SearchScope.tenant());

    assertThat(page.items()).hasSize(1);
    assertThat(page.items().get(0).title()).isEqualTo("Stripe");
  }

  @Test
  void aScopedSearchFindsOnlyItsAccountsAndNoDocumentWithoutAnAccount() {
    index.index(
        "acme",
        List.of(
            doc("acme", SearchKind.OPPORTUNITY, "mine", "a1", "Stripe", ""),
            doc("acme", SearchKind.OPPORTUNITY, "theirs", "a2", "Stripe", ""),
            doc("acme", SearchKind.OPPORTUNITY, "nobody", null, "Stripe", "")));

    assertThat(ids(index.search(query("acme", "stripe"), SearchScope.accounts(Set.of("a1")))))
        .containsExactly("mine");
    assertThat(ids(index.search(query("acme", "stripe"), SearchScope.accounts(Set.of()))))
        .isEmpty();
    assertThat(ids(index.search(query("acme", "stripe"), SearchScope.tenant())))
        .containsExactlyInAnyOrder("mine", "theirs", "nobody");
  }

  @Test
  void kindsFilterTheResults() {
    index.index(
        "acme",
        List.of(
            doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", ""),
            doc("acme", SearchKind.SIGNAL, "s1", "a1", "Stripe", ""),
            doc("acme", SearchKind.DRAFT, "d1", "a1", "Stripe", "")));

    SearchQuery drafts =
        SearchQuery.builder().tenant("acme").text("stripe").addKinds(SearchKind.DRAFT).build();

    assertThat(ids(index.search(drafts, SearchScope.tenant()))).containsExactly("d1");
  }

  @Test
  void pagesCoverEveryResultOnce() {
    List<SearchDocument> docs = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      docs.add(doc("acme", SearchKind.OPPORTUNITY, "o" + i, "a1", "Stripe " + i, ""));
    }
    index.index("acme", docs);

    List<String> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      Page<SearchHit> page =
          index.search(
              SearchQuery.builder().tenant("acme").text("stripe").limit(20).cursor(cursor).build(),
              SearchScope.tenant());
      seen.addAll(ids(page));
      cursor = page.nextCursor();
      pages++;
    } while (cursor.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(45).doesNotHaveDuplicates();
  }

  @Test
  void aForgedCursorIsRefused() {
    for (String cursor : List.of("x20", "0", "p-1", "m-1", "zzz", "p99999999999")) {
      SearchQuery q = SearchQuery.builder().tenant("acme").text("x").cursor(cursor).build();
      assertThatThrownBy(() -> index.search(q, SearchScope.tenant()))
          .as(cursor)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("searchQuery.cursor");
    }
  }

  @Test
  void indexingAgainReplacesAndDeletesRemove() {
    index.index("acme", List.of(doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", "")));
    index.index("acme", List.of(doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Adyen", "")));

    assertThat(ids(index.search(query("acme", "stripe"), SearchScope.tenant()))).isEmpty();
    assertThat(ids(index.search(query("acme", "adyen"), SearchScope.tenant())))
        .containsExactly("o1");

    index.delete("acme", SearchKind.OPPORTUNITY, List.of("o1"));
    assertThat(ids(index.search(query("acme", "adyen"), SearchScope.tenant()))).isEmpty();
  }

  @Test
  void deleteAllRemovesOnlyTheTenantsDocumentsOfTheGivenKinds() {
    index.index(
        "acme",
        List.of(
            doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", ""),
            doc("acme", SearchKind.DRAFT, "d1", "a1", "Stripe", "")));
    index.index("other", List.of(doc("other", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", "")));

    index.deleteAll("acme", Set.of(SearchKind.OPPORTUNITY));

    assertThat(ids(index.search(query("acme", "stripe"), SearchScope.tenant())))
        .containsExactly("d1");
    assertThat(ids(index.search(query("other", "stripe"), SearchScope.tenant())))
        .containsExactly("o1");
  }

  @Test
  void stampsAnswerForIndexedDocumentsOfTheTenantAndKind() {
    index.index("acme", List.of(doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", "")));
    index.index("other", List.of(doc("other", SearchKind.OPPORTUNITY, "o2", "a1", "Stripe", "")));

    assertThat(index.stamps("acme", SearchKind.OPPORTUNITY, List.of("o1", "o2", "o3")))
        .isEqualTo(Map.of("o1", "1"));
    assertThat(index.stamps("acme", SearchKind.SIGNAL, List.of("o1"))).isEmpty();
  }

  @Test
  void aDocumentOfAnotherTenantIsRefused() {
    assertThatThrownBy(
            () ->
                index.index(
                    "acme", List.of(doc("other", SearchKind.OPPORTUNITY, "o1", "a1", "X", ""))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("searchDocument.tenant");
  }

  /** Query syntax and hostile text: each is plain words or a typed error, never a leak. */
  @Test
  void hostileTextNeverReachesAnotherTenantOrAccount() {
    String words = "tenant other accountid account x a1 a2 stripe acme";
    index.index(
        "acme",
        List.of(
            doc("acme", SearchKind.OPPORTUNITY, "mine", "a1", "Stripe in scope", words),
            doc("acme", SearchKind.OPPORTUNITY, "theirs", "a2", "Stripe out of scope", words),
            doc("acme", SearchKind.OPPORTUNITY, "nobody", null, "Stripe no account", words)));
    index.index(
        "other",
        List.of(doc("other", SearchKind.OPPORTUNITY, "foreign", "a1", "Stripe foreign", words)));

    for (String text : HOSTILE) {
      Page<SearchHit> page;
      try {
        page =
            index.search(
                SearchQuery.builder().tenant("acme").text(text).build(),
                SearchScope.accounts(Set.of("a1")));
      } catch (ValidationException refused) {
        continue;
      }
      assertThat(ids(page)).as(text).isSubsetOf("mine");
    }
  }

  /** Query syntax, injection attempts and odd text a search box may receive. */
  public static final List<String> HOSTILE =
      List.of(
          "*:*",
          "*",
          "tenant:other",
          "tenant:other OR stripe",
          "accountId:x",
          "account:a2 stripe",
          "stripe OR theirs",
          "stripe || foreign",
          "\"stripe",
          "stripe\"",
          "(stripe",
          "stripe)",
          "((((stripe",
          "\\",
          "stripe\\",
          "stri*",
          "st?ipe",
          "stripe~2",
          "/.*/",
          "[a TO z]",
          "{!lucene}stripe",
          "+stripe -mine",
          "stripe AND NOT mine",
          "stripe 🚀 📈",
          "Zürich İstanbul 東京",
          "\u202Estripe",
          "stripe\tother\nacme",
          "-",
          "&&",
          "a".repeat(SearchQuery.MAX_TEXT));
}
