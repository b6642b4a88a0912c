package io.github.discoverysdk.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchScope;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchIndexTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private final LuceneSearchIndex index = LuceneSearchIndex.inMemory();

  @AfterEach
  void close() {
    index.close();
  }

  static SearchDocument doc(
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

  static SearchQuery query(String tenant, String text) {
    return SearchQuery.builder().tenant(tenant).text(text).build();
  }

  private List<String> ids(Page<SearchHit> page) {
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
  void highlightsMarkTheMatchedWordsAndEscapeTheRest() {
    index.index(
        "acme",
        List.of(
            doc(
                "acme",
                SearchKind.SIGNAL,
                "s1",
                "a1",
                "Funding <news>",
                "Stripe & partners announce a new funding round.")));

    SearchHit hit = index.search(query("acme", "funding"), SearchScope.tenant()).items().get(0);

    assertThat(hit.highlights())
        .containsExactly(
            "<b>Funding</b> &lt;news&gt;",
            "Stripe &amp; partners announce a new <b>funding</b> round.");
    assertThat(hit.title()).isEqualTo("Funding <news>");
    assertThat(hit.kind()).isEqualTo(SearchKind.SIGNAL);
    assertThat(hit.accountId()).contains("a1");
    assertThat(hit.time()).isEqualTo(T);
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
    for (String cursor : List.of("p0", "p-1", "x20", "p99999999999", "p10001")) {
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

  @Test
  void anIndexOnDiskKeepsItsDocumentsAcrossRestarts(@TempDir Path dir) {
    try (LuceneSearchIndex disk = LuceneSearchIndex.open(dir)) {
      disk.index("acme", List.of(doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "Stripe", "")));
    }
    try (LuceneSearchIndex disk = LuceneSearchIndex.open(dir)) {
      assertThat(ids(disk.search(query("acme", "stripe"), SearchScope.tenant())))
          .containsExactly("o1");
    }
  }
}
