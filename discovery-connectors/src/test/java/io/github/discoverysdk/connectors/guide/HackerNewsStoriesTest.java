package io.github.discoverysdk.connectors.guide;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.SignalSourceContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guide's example connector passes the contract, and the guide shows exactly its code. */
class HackerNewsStoriesTest extends SignalSourceContract {
  static WireMockServer wm;

  static final String HITS =
      "{\"hits\":[{\"objectID\":\"41234567\",\"title\":\"Acme (YC W24) is hiring\","
          + "\"url\":\"https://acme.com/jobs\",\"author\":\"pg\",\"points\":120,"
          + "\"created_at\":\"2025-01-14T12:00:00.000Z\",\"created_at_i\":1736856000,"
          + "\"_tags\":[\"story\"]},{\"title\":\"no id\"}],\"nbHits\":2}";

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @Override
  protected SignalSource createSource() {
    MutableClock clock = MutableClock.at(NOW);
    return new HackerNewsStories(
        TestSupport.toolkit(new TestSupport.FakeSleeper(clock)).build(), TestSupport.base(wm));
  }

  @Override
  protected void prepare(SignalSource source) {
    wm.resetAll();
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/search_by_date"))
            .withQueryParam("numericFilters", equalTo("created_at_i>0"))
            .willReturn(okJson(HITS)));
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/search_by_date"))
            .withQueryParam("numericFilters", equalTo("created_at_i>1736856000"))
            .willReturn(okJson("{\"hits\":[]}")));
  }

  /** The created_at_i of the oldest story of {@link #stubStories}. */
  static final long BASE = 1736000000L;

  /**
   * Stubs Algolia's search_by_date for {@code n} stories, newest first in pages of {@code perPage}
   * with {@code nbPages}, as the first page (no ceiling) and later pages (ceiling at the newest)
   * are asked; after the window, nothing is newer. Returns the stories' ids.
   */
  static List<String> stubStories(int n, int perPage, boolean tied) {
    List<String> ids = new ArrayList<>();
    List<String> hits = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      long created = tied ? BASE : BASE + i;
      ids.add(String.valueOf(42000000 + i));
      hits.add(
          "{\"objectID\":\""
              + (42000000 + i)
              + "\",\"title\":\"Acme story "
              + i
              + "\",\"url\":\"https://acme.com/"
              + i
              + "\",\"author\":\"pg\",\"points\":1,\"num_comments\":0,"
              + "\"created_at_i\":"
              + created
              + ",\"_tags\":[\"story\"]}");
    }
    long newest = tied ? BASE : BASE + n - 1;
    int pages = (n + perPage - 1) / perPage;
    for (int page = 0; page < Math.max(1, pages); page++) {
      String body =
          "{\"hits\":["
              + String.join(
                  ",", hits.subList(Math.min(n, page * perPage), Math.min(n, (page + 1) * perPage)))
              + "],\"nbHits\":"
              + n
              + ",\"page\":"
              + page
              + ",\"nbPages\":"
              + pages
              + ",\"hitsPerPage\":"
              + perPage
              + "}";
      wm.stubFor(
          get(urlPathEqualTo("/api/v1/search_by_date"))
              .withQueryParam("page", equalTo(String.valueOf(page)))
              .withQueryParam(
                  "numericFilters",
                  equalTo(page == 0 ? "created_at_i>0" : "created_at_i>0,created_at_i<=" + newest))
              .willReturn(okJson(body)));
    }
    wm.stubFor(
        get(urlPathEqualTo("/api/v1/search_by_date"))
            .withQueryParam("numericFilters", equalTo("created_at_i>" + newest))
            .willReturn(okJson("{\"hits\":[],\"nbHits\":0,\"page\":0,\"nbPages\":0}")));
    return ids;
  }

  @Override
  protected SourceQuery prepareBacklog(int records) {
    stubStories(records, 5, false);
    return SourceQuery.company("Acme");
  }

  private List<SourceResult> pages(int limit) throws Exception {
    List<SourceResult> pages = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    SourceResult page;
    do {
      page =
          source.fetch(
              SourceRequest.builder()
                  .query(SourceQuery.company("Acme"))
                  .cursor(cursor)
                  .limit(limit)
                  .build(),
              context());
      pages.add(page);
      cursor = page.nextCursor();
      assertThat(pages).hasSizeLessThan(10);
    } while (page.more());
    return pages;
  }

  private static List<String> ids(List<SourceResult> pages) {
    return pages.stream()
        .flatMap(p -> p.signals().stream())
        .map(s -> s.key().externalId())
        .toList();
  }

  @Test
  void exactlyOnePageOfStoriesSaysNoMore() throws Exception {
    List<String> ids = stubStories(5, 5, false);

    List<SourceResult> pages = pages(5);

    assertThat(pages).singleElement().satisfies(p -> assertThat(p.more()).isFalse());
    assertThat(ids(pages)).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void oneStoryMoreThanTheLimitComesOnASecondPageOfTheSameWindow() throws Exception {
    List<String> ids = stubStories(6, 5, false);

    List<SourceResult> pages = pages(5);

    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).more()).isTrue();
    assertThat(pages.get(1).signals()).hasSize(1);
    assertThat(ids(pages)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(pages.get(1).nextCursor()).contains(String.valueOf(BASE + 5));
  }

  @Test
  void storiesCreatedInTheSameSecondAcrossAPageBoundaryComeOnceEach() throws Exception {
    List<String> ids = stubStories(12, 5, true);

    List<SourceResult> pages = pages(5);

    assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void theGuideShowsExactlyTheCompiledExample() throws IOException {
    String guide = Files.readString(Path.of("..", "docs", "writing-a-connector.md"));
    String example =
        Files.readString(
            Path.of(
                "src/test/java/io/github/discoverysdk/connectors/guide/HackerNewsStories.java"));
    int start = guide.indexOf("```java\npackage io.github.discoverysdk.connectors.guide;");
    assertThat(start).as("the guide's example block").isNotNegative();
    String block = guide.substring(guide.indexOf('\n', start) + 1, guide.indexOf("```", start + 7));

    assertThat(block.strip()).isEqualTo(example.strip());
  }
}
