package io.github.discoverysdk.search.lucene;

import static io.github.discoverysdk.search.lucene.SearchWorld.ANA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.SecuredSearch;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.testkit.SearchIndexContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lucene syntax and hostile text typed by a scoped user into the search box: each is answered as a
 * plain-text search or refused with a typed error, never with another tenant's or account's data.
 * The data: in both tenants, news about Stripe and Adyen whose text holds the words an injection
 * would aim at; ana may see acme's Stripe account only.
 */
class HostileQueriesTest {
  private SearchWorld w;
  private SecuredSearch ana;

  @BeforeEach
  void setUp() {
    w = new SearchWorld();
    String bait = "tenant other globex accountid account a-adyen x stripe adyen acme";
    w.news.publish(
        w.news("s1", "Stripe", "raises a Series B", "Stripe news. " + bait),
        w.news("s2", "Adyen", "hires a CFO", "Adyen news. " + bait));
    w.discover();
    ana = w.engine.as(ANA).search();
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  private Page<SearchHit> search(String text) {
    return ana.search(text, Set.of(), Optional.empty(), 100);
  }

  /** Every hit is of ana's Stripe account in acme: what her scope allows. */
  private void assertOnlyAnasData(String text, Page<SearchHit> page) {
    assertThat(page.items())
        .as(text)
        .allSatisfy(
            h -> {
              assertThat(h.accountId()).contains("a-stripe");
              assertThat(h.title()).startsWith("Stripe");
            });
  }

  @Test
  void everyHostileQueryIsAPlainSearchOrATypedErrorAndNeverLeaks() {
    List<String> answered = new ArrayList<>();
    for (String text : SearchIndexContract.HOSTILE) {
      try {
        Page<SearchHit> page = search(text);
        assertOnlyAnasData(text, page);
        answered.add(text);
      } catch (ValidationException refused) {
        assertThat(refused.getMessage()).as(text).contains("searchQuery.text");
      }
    }
    assertThat(answered).as("most are plain searches, not refusals").hasSizeGreaterThan(20);
  }

  @Test
  void queryFieldSyntaxIsSearchedAsWords() {
    // Between letters a colon does not split a word (Unicode word breaks): "tenant:other" is one
    // word no document holds. With a space, it is the words tenant and other: found in ana's own
    // signal, nowhere else.
    assertThat(search("tenant:other").items()).isEmpty();
    assertThat(search("tenant: other").items())
        .extracting(SearchHit::id)
        .containsExactly("news:s1");
    assertThat(search("accountId: a-adyen").items())
        .extracting(SearchHit::id)
        .containsExactly("news:s1");
    assertOnlyAnasData("accountId: a-adyen", search("accountId: a-adyen"));
    assertThat(search("accountId:x").items()).isEmpty();
    assertThat(search("globex").items()).extracting(SearchHit::id).containsExactly("news:s1");
    assertOnlyAnasData("globex", search("globex"));
  }

  @Test
  void matchAllAndWildcardsFindNothing() {
    assertThat(search("*:*").items()).isEmpty();
    assertThat(search("*").items()).isEmpty();
    assertThat(search("str*").items()).as("no prefix query: str is just a word").isEmpty();
    assertThat(search("/.*/").items()).isEmpty();
  }

  @Test
  void unbalancedQuotesBracketsAndBackslashesAreSeparators() {
    for (String text : List.of("\"stripe", "(stripe", "stripe)", "stripe\\", "\\stripe\"(")) {
      assertThat(search(text).items()).as(text).hasSize(2);
      assertOnlyAnasData(text, search(text));
    }
    assertThat(search("\\").items()).isEmpty();
  }

  @Test
  void aHundredKilobyteQueryIsRefusedNamingTheLimit() {
    String huge = "stripe ".repeat(100 * 1024 / 7);

    assertThatThrownBy(() -> search(huge))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("searchQuery.text")
        .hasMessageContaining(String.valueOf(SearchQuery.MAX_TEXT));
  }

  @Test
  void tooManyWordsAreRefusedNamingTheLimit() {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      words.append("word").append(i).append(' ');
    }

    assertThatThrownBy(() -> search(words.toString()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most " + TextQueries.MAX_TERMS + " distinct words");
  }

  @Test
  void emptyAndBlankQueriesAreRefused() {
    for (String text : List.of("", " ", "\t\n")) {
      assertThatThrownBy(() -> search(text))
          .as("'%s'", text)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("searchQuery.text must not be blank");
    }
    assertThatThrownBy(() -> search("stripe\u0000"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void unicodeAndEmojiAreSearchedAsText() {
    assertThat(search("stripe 🚀").items()).isEmpty();
    for (String text : List.of("STRİPE", "Ｓｔｒｉｐｅ", "ＳＴＲＩＰＥ 東京")) {
      assertOnlyAnasData(text, search(text));
    }
    assertThat(search("strípe").items()).as("accents fold").hasSize(2);
    assertOnlyAnasData("strípe", search("strípe"));
  }

  @Test
  void pageSizeAndCursorAreChecked() {
    assertThatThrownBy(() -> ana.search("stripe", Set.of(), Optional.empty(), 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("searchQuery.limit");
    assertThatThrownBy(() -> ana.search("stripe", Set.of(), Optional.of("p1' OR 1=1"), 10))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("searchQuery.cursor");
  }
}
