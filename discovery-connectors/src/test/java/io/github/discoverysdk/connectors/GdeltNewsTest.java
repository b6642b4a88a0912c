package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GdeltNewsTest extends SourceTestBase {
  /** An ArtList answer: GDELT has no paging, the answer holds up to maxrecords articles. */
  @Override
  void stubListing(java.util.List<Rec> records) {
    java.time.format.DateTimeFormatter seen =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    StringBuilder articles = new StringBuilder();
    for (Rec r : records) {
      articles
          .append(articles.length() == 0 ? "" : ",")
          .append("{\"url\":\"")
          .append(externalId(r))
          .append("\",\"url_mobile\":\"\",\"title\":\"")
          .append(r.title())
          .append("\",\"seendate\":\"")
          .append(seen.format(r.changedAt()))
          .append("\",\"socialimage\":\"\",\"domain\":\"news.test\",")
          .append("\"language\":\"English\",\"sourcecountry\":\"Germany\"}");
    }
    wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"articles\":[" + articles + "]}")));
  }

  /** Articles as GDELT answers them: newest first, as many as {@code maxrecords} allows. */
  private static String answer(java.util.List<Rec> newestFirst) {
    java.time.format.DateTimeFormatter seen =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    return newestFirst.stream()
        .map(
            r ->
                "{\"url\":\"https://news.test/acme-"
                    + r.id()
                    + "\",\"url_mobile\":\"\",\"title\":\""
                    + r.title()
                    + "\",\"seendate\":\""
                    + seen.format(r.changedAt())
                    + "\",\"domain\":\"news.test\",\"language\":\"English\","
                    + "\"sourcecountry\":\"Germany\"}")
        .collect(java.util.stream.Collectors.joining(",", "{\"articles\":[", "]}"));
  }

  @Test
  void aFullAnswerIsFollowedByOlderWindowsUntilOneIsNotFull() throws Exception {
    source = GdeltNews.builder().http(http).baseUrl(base()).maxRecords(5).build();
    java.util.List<Rec> recs = new java.util.ArrayList<>(recs(12, false));
    java.util.Collections.reverse(recs); // newest first: 1011 .. 1000
    java.time.format.DateTimeFormatter dt =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(java.time.ZoneOffset.UTC);
    wm.stubFor(
        get(urlPathEqualTo(PATH))
            .withQueryParam("timespan", equalTo("7d"))
            .willReturn(okJson(answer(recs.subList(0, 5)))));
    // Each older window ends at (and includes) the oldest article of the answer before.
    wm.stubFor(
        get(urlPathEqualTo(PATH))
            .withQueryParam("enddatetime", equalTo(dt.format(recs.get(4).changedAt())))
            .willReturn(okJson(answer(recs.subList(4, 9)))));
    wm.stubFor(
        get(urlPathEqualTo(PATH))
            .withQueryParam("enddatetime", equalTo(dt.format(recs.get(8).changedAt())))
            .withQueryParam("startdatetime", equalTo(dt.format(NOW.minus(Duration.ofDays(7)))))
            .willReturn(okJson(answer(recs.subList(8, 12)))));

    SourceResult r = page(java.util.Optional.empty(), 100);

    assertThat(ids(r))
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(recs(12, false).stream().map(this::externalId).toList());
    assertThat(r.rejected()).isEmpty();
    wm.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Override
  String externalId(Rec r) {
    return "https://news.test/acme-" + r.id();
  }

  @Override
  SourceQuery listingQuery() {
    return SourceQuery.company("Acme Corp");
  }

  /** {@code seendate} is when GDELT first saw the article; an edit does not move it. */
  @Override
  boolean editMovesChangeTime() {
    return false;
  }

  static final String PATH = "/api/v2/doc/doc";
  static final String RATE_LIMIT_REPLY =
      "Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com for"
          + " larger queries.";

  @Override
  protected SignalSource createSource() {
    return GdeltNews.builder().http(http).baseUrl(base()).build();
  }

  @Override
  protected void prepare(SignalSource source) {
    wm.resetAll();
    wm.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(okJson(TestSupport.payload("gdelt-artlist.json"))));
  }

  @Test
  void mapsArticlesFieldByFieldAndRejectsAnUndatedOne() throws Exception {
    SourceResult r = fetchAll(SourceQuery.company("Acme Corp"));

    assertThat(r.signals()).hasSize(2);
    Signal s = r.signals().get(0);
    assertThat(s.key()).isEqualTo(SignalKey.of("gdelt", "https://news.test/2026/06/acme-berlin"));
    assertThat(s.type()).isEqualTo(SignalType.NEWS);
    assertThat(s.title())
        .isEqualTo("Acme Corp opens Berlin office & hires 200 engineers in Zürich");
    assertThat(s.text()).isEqualTo("news.test · Germany · English");
    assertThat(s.url()).contains(URI.create("https://news.test/2026/06/acme-berlin"));
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-06-22T20:00:00Z"));
    assertThat(s.observedAt()).isEqualTo(NOW);
    assertThat(s.organizations())
        // The publisher is in the text, not an organisation: watching it must not match everything.
        .containsExactly(OrganizationMention.of("Acme Corp", OrganizationRole.MENTIONED));
    assertThat(s.people()).isEmpty();
    assertThat(s.regions()).isEmpty();
    assertThat(s.event()).isEmpty();

    Signal german = r.signals().get(1);
    assertThat(german.title()).isEqualTo("Acme übernimmt Globex – Milliardendeal in München");
    assertThat(german.text()).isEqualTo("wirtschaft.test · Germany · German");
    assertThat(german.publishedAt()).isEqualTo(Instant.parse("2026-06-23T08:15:00Z"));
    assertThat(german.organizations())
        .containsExactly(OrganizationMention.of("Acme Corp", OrganizationRole.MENTIONED));

    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.recordId()).isEqualTo("https://news.test/2026/06/undated");
              assertThat(x.reason()).contains("seendate");
            });
    wm.verify(
        getRequestedFor(urlPathEqualTo(PATH))
            .withQueryParam("query", equalTo("\"Acme Corp\" sourcelang:english"))
            .withQueryParam("mode", equalTo("ArtList"))
            .withQueryParam("format", equalTo("json"))
            .withQueryParam("maxrecords", equalTo("75"))
            .withQueryParam("sort", equalTo("DateDesc"))
            .withQueryParam("timespan", equalTo("7d")));
  }

  @Test
  void aKeywordNamesOnlyThePublishersAndAPhraseIsQuoted() throws Exception {
    SourceResult r = fetchAll(SourceQuery.keyword("platform engineering"));

    assertThat(r.signals().get(0).organizations()).isEmpty();
    wm.verify(
        getRequestedFor(urlPathEqualTo(PATH))
            .withQueryParam("query", equalTo("\"platform engineering\" sourcelang:english")));
  }

  @Test
  void aKeywordShorterThanThreeCharactersIsNeverSent() throws Exception {
    SourceResult r = fetchAll(SourceQuery.keyword("AI"));

    assertThat(r.signals()).isEmpty();
    wm.verify(0, getRequestedFor(anyUrl()));
  }

  @Test
  void anEmptyAnswerIsNoSignalsNotAnError() throws Exception {
    wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}")));

    SourceResult r = fetchAll(SourceQuery.company("Acme"));

    assertThat(r.signals()).isEmpty();
    assertThat(r.rejected()).isEmpty();
  }

  @Test
  void thePlainTextRateLimitReplyWithStatus200IsARateLimitErrorAndIsNeverCached() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain")
                    .withBody(RATE_LIMIT_REPLY)));

    assertThatThrownBy(() -> fetchAll(SourceQuery.company("Acme")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
              assertThat(e.sourceId()).isEqualTo("gdelt");
              assertThat(e.status()).isEqualTo(200);
            });
    wm.verify(3, getRequestedFor(urlPathEqualTo(PATH))); // retried like a 429
    assertThat(sleeper.waits).allSatisfy(w -> assertThat(w).isEqualTo(Duration.ofSeconds(5)));

    wm.stubFor(
        get(urlPathEqualTo(PATH)).willReturn(okJson(TestSupport.payload("gdelt-artlist.json"))));
    assertThat(fetchAll(SourceQuery.company("Acme")).signals()).hasSize(2);
    wm.verify(4, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void requestsAreSpacedFiveSecondsApartOnTheInjectedClock() throws Exception {
    Instant start = clock.instant();

    fetchAll(SourceQuery.company("Acme"));
    fetchAll(SourceQuery.company("Globex"));
    fetchAll(SourceQuery.keyword("fintech"));

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(clock.instant()).isEqualTo(start.plusSeconds(10));
    wm.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void theCursorReturnsOnlyArticlesSeenLater() throws Exception {
    SourceResult first = fetchAll(SourceQuery.company("Acme"));
    wm.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(
                okJson(
                    TestSupport.payload("gdelt-artlist.json")
                        .replace(
                            "\"articles\": [",
                            "\"articles\": [ {\"url\": \"https://news.test/later\", \"title\":"
                                + " \"Acme hires a CRO\", \"seendate\": \"20260624T090000Z\","
                                + " \"domain\": \"news.test\"},"))));
    clock.advance(Duration.ofMinutes(16)); // past the response cache

    SourceResult second =
        source.fetch(
            SourceRequest.builder()
                .query(SourceQuery.company("Acme"))
                .cursor(first.nextCursor())
                .build(),
            context());

    assertThat(second.signals())
        .singleElement()
        .satisfies(s -> assertThat(s.key().externalId()).isEqualTo("https://news.test/later"));
  }
}
