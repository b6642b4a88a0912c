package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewsSourcesTest {
  @Nested
  class Rss extends SourceTestBase {
    /** A feed holds what it holds: no remote paging; items in RSS 2.0. */
    @Override
    void stubListing(java.util.List<Rec> records) {
      wm.stubFor(
          get("/feed.xml")
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                      .withBody(rss(records, "acme-"))));
    }

    @Override
    String externalId(Rec r) {
      return "acme-" + r.id();
    }

    @Test
    void aHundredAndTwentyItemsSharingOnePubDateComeOnceEachUnderShortCursors() throws Exception {
      assertATieComesOnceEachUnderShortCursors(120, 100);
    }

    /** RSS 2.0 dates an item by pubDate only: an edit does not move it. */
    @Override
    boolean editMovesChangeTime() {
      return false;
    }

    @Override
    protected SignalSource createSource() {
      return RssNews.builder()
          .id("acme-newsroom")
          .url(URI.create(base() + "/feed.xml"))
          .publisher("Acme Corp")
          .http(http)
          .build();
    }

    @Override
    protected void prepare(SignalSource source) {
      wm.resetAll();
      wm.stubFor(
          get("/feed.xml")
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                      .withBody(TestSupport.payload("newsroom.rss"))));
    }

    @Test
    void mapsEntriesFieldByFieldAndRejectsAnUndatedOne() throws Exception {
      SourceResult r = fetchAll(SourceQuery.all());

      Signal s = r.signals().get(0);
      assertThat(s.key().externalId()).isEqualTo("acme-2026-09-01");
      assertThat(s.type()).isEqualTo(SignalType.NEWS);
      assertThat(s.title()).isEqualTo("Acme Corp raises $50M Series B & expands to Zürich");
      assertThat(s.text()).isEqualTo("Acme Corp today announced…");
      assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-09-01T14:05:00Z"));
      assertThat(s.url()).contains(URI.create("https://acme.test/news/series-b"));
      assertThat(s.organizations())
          .containsExactly(OrganizationMention.of("Acme Corp", OrganizationRole.SUBJECT));
      assertThat(r.signals().get(1).key().externalId()).isEqualTo("https://acme.test/news/cro");
      assertThat(r.rejected())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.recordId()).isEqualTo("undated-1");
                assertThat(x.reason()).contains("pubDate");
              });
    }

    @Test
    void contentEncodedInCdataIsReadAsHtmlOnceWithEveryWord() throws Exception {
      wm.stubFor(
          get("/feed.xml")
              .willReturn(
                  aResponse()
                      .withBody(
                          "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                              + "<channel><title>Acme</title><link>https://acme.test</link>"
                              + "<description>News</description><item><title>Q3 &amp;amp; outlook</title>"
                              + "<guid>q3</guid><pubDate>Tue, 01 Sep 2026 14:05:00 GMT</pubDate>"
                              + "<content:encoded><![CDATA[<style>p{}</style><p>ARR &lt; $5M and"
                              + " growth &gt; 20%</p><script>x()</script><p>We &hearts; &Uuml;ber"
                              + " &ccedil;a</p>]]></content:encoded></item></channel></rss>")));

      Signal s = fetchAll(SourceQuery.all()).signals().get(0);

      assertThat(s.title()).isEqualTo("Q3 & outlook");
      assertThat(s.text()).isEqualTo("ARR < $5M and growth > 20% We ♥ Über ça");
    }

    @Test
    void anAtomTextBodyIsPlainTextAndNotDecodedAgain() throws Exception {
      wm.stubFor(
          get("/feed.xml")
              .willReturn(
                  aResponse()
                      .withBody(
                          "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Acme</title><id>f</id>"
                              + "<updated>2026-09-01T14:05:00Z</updated><entry><title>t</title>"
                              + "<id>e1</id><updated>2026-09-01T14:05:00Z</updated>"
                              + "<summary type=\"text\">Use a&lt;b and &amp;amp; as written</summary>"
                              + "</entry></feed>")));

      Signal s = fetchAll(SourceQuery.all()).signals().get(0);

      assertThat(s.text()).isEqualTo("Use a<b and &amp; as written");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
              + "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>",
          "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"%s/evil.dtd\">"
              + "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
          "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY %% p SYSTEM \"%s/evil.dtd\"> %%p;]>"
              + "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
          "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
              + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
              + "<rss version=\"2.0\"><channel><title>&lol3;</title></channel></rss>"
        })
    void aDoctypeIsRefusedThroughTheRealParsePathWithoutAnyOutboundRequest(String template) {
      String xml = String.format(template, base());
      wm.stubFor(get("/feed.xml").willReturn(aResponse().withBody(xml)));
      wm.stubFor(get("/evil.dtd").willReturn(aResponse().withBody("<!ENTITY leak \"x\">")));

      assertThatThrownBy(() -> fetchAll(SourceQuery.all()))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ConnectorException.Kind.PARSE_ERROR);
                assertThat(e.sourceId()).isEqualTo("acme-newsroom");
              });
      wm.verify(0, getRequestedFor(urlPathEqualTo("/evil.dtd")));
    }
  }

  @Nested
  class Google extends SourceTestBase {
    /** The search feed holds what it holds (about 100 items): no remote paging. */
    @Override
    void stubListing(java.util.List<Rec> records) {
      wm.stubFor(
          get(urlPathEqualTo("/rss/search"))
              .willReturn(aResponse().withBody(rss(records, "CBMi"))));
    }

    @Override
    String externalId(Rec r) {
      return "CBMi" + r.id();
    }

    @Override
    SourceQuery listingQuery() {
      return SourceQuery.company("Acme Corp");
    }

    @Override
    boolean editMovesChangeTime() {
      return false;
    }

    @Override
    protected SignalSource createSource() {
      return GoogleNews.builder().http(http).baseUrl(base()).build();
    }

    @Override
    protected void prepare(SignalSource source) {
      wm.resetAll();
      wm.stubFor(
          get(urlPathEqualTo("/rss/search"))
              .willReturn(aResponse().withBody(TestSupport.payload("google-news.rss"))));
    }

    @Test
    void buildsTheSearchFeedUrl() {
      assertThat(
              GoogleNews.searchUrl(
                  URI.create("https://news.google.com"), "\"Acme Corp\"", "en", "US", 7))
          .hasToString(
              "https://news.google.com/rss/search?q=%22Acme+Corp%22+when%3A7d&hl=en-US&gl=US&ceid=US:en");
    }

    @Test
    void aCompanyQueryNamesTheCompanyInEveryEntry() throws Exception {
      SourceResult r = fetchAll(SourceQuery.company("Acme"));

      assertThat(r.signals())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.title()).isEqualTo("Acme Corp raises $50M Series B - TechCrunch");
                assertThat(s.text()).isEqualTo("Acme Corp raises $50M… TechCrunch");
                assertThat(s.organizations())
                    .containsExactly(OrganizationMention.of("Acme", OrganizationRole.MENTIONED));
              });
      wm.verify(
          getRequestedFor(urlPathEqualTo("/rss/search"))
              .withQueryParam("q", equalTo("\"Acme\" when:7d"))
              .withQueryParam("ceid", equalTo("US:en")));
      wm.verify(getRequestedFor(anyUrl()));
    }
  }

  /** An RSS 2.0 channel with one item per record, keyed by guid and dated by pubDate. */
  static String rss(java.util.List<SourceTestBase.Rec> records, String guidPrefix) {
    StringBuilder items = new StringBuilder();
    for (SourceTestBase.Rec r : records) {
      items
          .append("<item><title>")
          .append(r.title())
          .append("</title><link>https://acme.test/news/")
          .append(r.id())
          .append("</link><guid isPermaLink=\"false\">")
          .append(guidPrefix)
          .append(r.id())
          .append("</guid><pubDate>")
          .append(
              java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  r.changedAt().atOffset(java.time.ZoneOffset.UTC)))
          .append("</pubDate><description>News.</description></item>");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Acme newsroom</title><link>https://acme.test</link><description>News</description>"
        + items
        + "</channel></rss>";
  }
}
