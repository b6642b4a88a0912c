package io.github.discoverysdk.connectors.guide;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.SignalSourceContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
