package io.github.discoverysdk.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchScope;
import io.github.discoverysdk.testkit.SearchIndexContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchIndexTest extends SearchIndexContract {
  @Override
  protected SearchIndex createIndex() {
    return LuceneSearchIndex.inMemory();
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
  }

  @Test
  void pluralsAndAccentsFindTheirPlainForm() {
    index.index(
        "acme",
        List.of(doc("acme", SearchKind.OPPORTUNITY, "o1", "a1", "New office in Zürich", "")));

    assertThat(ids(index.search(query("acme", "offices zurich"), SearchScope.tenant())))
        .containsExactly("o1");
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
