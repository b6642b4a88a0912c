package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecEdgarTest extends SourceTestBase {
  /** Acme's submissions, column by column: every row an 8-K with item 5.02. */
  @Override
  void stubListing(java.util.List<Rec> records) {
    java.util.function.Function<java.util.function.Function<Rec, String>, String> column =
        f ->
            records.stream()
                .map(f)
                .map(v -> "\"" + v + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    String recent =
        "{\"accessionNumber\":"
            + column.apply(this::externalId)
            + ",\"filingDate\":"
            + column.apply(r -> r.changedAt().toString().substring(0, 10))
            + ",\"acceptanceDateTime\":"
            + column.apply(r -> r.changedAt().toString())
            + ",\"form\":"
            + column.apply(r -> "8-K")
            + ",\"items\":"
            + column.apply(r -> "5.02,9.01")
            + ",\"primaryDocument\":"
            + column.apply(r -> "acme-" + r.id() + ".htm")
            + ",\"primaryDocDescription\":"
            + column.apply(Rec::title)
            + "}";
    wm.stubFor(
        get(urlPathEqualTo("/submissions/CIK0001234567.json"))
            .willReturn(
                okJson(
                    "{\"cik\":\"1234567\",\"name\":\"Acme Corp\",\"tickers\":[\"ACME\"],"
                        + "\"filings\":{\"recent\":"
                        + recent
                        + ",\"files\":[]}}")));
  }

  @Override
  String externalId(Rec r) {
    return "0001234567-25-00" + r.id();
  }

  @Override
  SourceQuery listingQuery() {
    return SourceQuery.company("Acme");
  }

  /** A filing is never edited in place (an amendment is a new filing): its time stays. */
  @Override
  boolean editMovesChangeTime() {
    return false;
  }

  static final String UA = "Discovery SDK tests ops@discovery.test";

  @Override
  protected SignalSource createSource() {
    return SecEdgar.builder().userAgent(UA).http(http).baseUrl(base()).build();
  }

  @Override
  protected void prepare(SignalSource source) {
    wm.resetAll();
    wm.stubFor(
        get(urlPathEqualTo("/files/company_tickers.json"))
            .willReturn(okJson(TestSupport.payload("sec-company-tickers.json"))));
    wm.stubFor(
        get(urlPathEqualTo("/submissions/CIK0001234567.json"))
            .willReturn(okJson(TestSupport.payload("sec-submissions-acme.json"))));
  }

  private Map<String, Signal> byAccession() throws Exception {
    SourceResult r = fetchAll(SourceQuery.company("Acme"));
    assertThat(r.rejected()).isEmpty();
    return r.signals().stream()
        .collect(Collectors.toMap(s -> s.key().externalId(), Function.identity()));
  }

  @Test
  void an8KWithItem502IsALeadershipChangeOfTheFiler() throws Exception {
    Signal s = byAccession().get("0001234567-26-000296");

    assertThat(s.type()).isEqualTo(SignalType.LEADERSHIP_CHANGE);
    assertThat(s.title())
        .isEqualTo("Acme Corp: departure or appointment of officers or directors (8-K item 5.02)");
    assertThat(s.text()).isEqualTo("Form 8-K filed 2026-08-01; items 5.02, 9.01; 8-K");
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-08-01T16:31:00Z"));
    assertThat(s.url())
        .contains(
            URI.create(
                "https://www.sec.gov/Archives/edgar/data/1234567/000123456726000296/acme-20260801.htm"));
    assertThat(s.organizations())
        .containsExactly(
            OrganizationMention.of("Acme Corp", OrganizationRole.FILER),
            OrganizationMention.of("Acme Corp", OrganizationRole.SUBJECT));
  }

  @Test
  void formDIsFundingAndOtherItemsMapAsDocumented() throws Exception {
    Map<String, Signal> all = byAccession();

    assertThat(all.get("0001234567-26-000290").type()).isEqualTo(SignalType.FUNDING);
    assertThat(all.get("0001234567-26-000280").title()).contains("8-K item 2.01");
    assertThat(all.get("0001234567-26-000260").title()).contains("8-K item 1.01");
    // no acceptanceDateTime for this row: the filing date stands in
    assertThat(all.get("0001234567-26-000260").publishedAt())
        .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(all)
        .doesNotContainKeys("0001234567-26-000300", "0001234567-26-000270"); // 10-Q, item 7.01
  }

  @Test
  void sendsTheDeclaredUserAgentAndLooksUpByTicker() throws Exception {
    assertThat(fetchAll(SourceQuery.company("ACME")).signals()).hasSize(4);
    wm.verify(
        getRequestedFor(urlPathEqualTo("/submissions/CIK0001234567.json"))
            .withHeader("User-Agent", equalTo(UA)));
  }

  /** The ticker file is about 1 MB: it is parsed once a day, not once per company query. */
  @Test
  void theTickerListIsParsedOnceADayNotOncePerQuery() throws Exception {
    SecEdgar sec = (SecEdgar) source;
    io.github.discoverysdk.spi.SourceContext ctx =
        io.github.discoverysdk.testkit.TestSourceContext.of(clock, "acme");
    for (String c : new String[] {"Acme", "ACME", "Globex Unlisted", "acme corp"}) {
      sec.fetch(
          io.github.discoverysdk.spi.SourceRequest.builder().query(SourceQuery.company(c)).build(),
          ctx);
    }
    assertThat(sec.tickerParses()).isEqualTo(1);

    clock.advance(SecEdgar.TICKERS_TTL);
    assertThat(
            sec.fetch(
                    io.github.discoverysdk.spi.SourceRequest.builder()
                        .query(SourceQuery.company("Acme"))
                        .build(),
                    ctx)
                .signals())
        .hasSize(4);

    assertThat(sec.tickerParses()).isEqualTo(2);
    wm.verify(2, getRequestedFor(urlPathEqualTo("/files/company_tickers.json")));
  }

  @Test
  void theTwoSecHostsCanBeSetApart() throws Exception {
    SecEdgar split =
        SecEdgar.builder()
            .userAgent(UA)
            .http(http)
            .wwwBaseUrl(base())
            .dataBaseUrl(java.net.URI.create(base() + "/data-mirror"))
            .build();
    wm.stubFor(
        get(urlPathEqualTo("/data-mirror/submissions/CIK0001234567.json"))
            .willReturn(okJson(TestSupport.payload("sec-submissions-acme.json"))));

    assertThat(
            split
                .fetch(
                    io.github.discoverysdk.spi.SourceRequest.builder()
                        .query(SourceQuery.company("ACME"))
                        .build(),
                    context())
                .signals())
        .hasSize(4);
  }

  @Test
  void aWatchlistCompanyWithAUsTickerIsLookedUpByItsSymbol() {
    io.github.discoverysdk.model.Profile p =
        io.github.discoverysdk.model.Profile.builder()
            .tenant("acme")
            .owner("o")
            .name("p")
            .addWatchlist(
                io.github.discoverysdk.model.Company.builder()
                    .name("Salesforce")
                    .addTickers("NYSE:CRM")
                    .build(),
                io.github.discoverysdk.model.Company.builder()
                    .name("SAP")
                    .addTickers("XETRA:SAP")
                    .build(),
                io.github.discoverysdk.model.Company.of("Acme"))
            .build();

    assertThat(source.plan(p))
        .containsExactly(
            SourceQuery.company("CRM"), SourceQuery.company("SAP"), SourceQuery.company("Acme"));
  }

  @Test
  void aCompanyWithoutCikYieldsNothingRatherThanAnError() throws Exception {
    assertThat(fetchAll(SourceQuery.company("Globex Unlisted")).signals()).isEmpty();
  }

  @Test
  void aTickerEntryWithAnImpossibleCikNamesNoFilerAndMakesNoRequest() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/files/company_tickers.json"))
            .willReturn(
                okJson(
                    "{\"0\":{\"cik_str\":-1,\"ticker\":\"NEG\",\"title\":\"Negative Corp\"},"
                        + "\"1\":{\"cik_str\":1.5,\"ticker\":\"FRAC\",\"title\":\"Fraction\"},"
                        + "\"2\":{\"cik_str\":12345678901,\"ticker\":\"BIG\",\"title\":\"Big\"}}")));

    for (String ticker : new String[] {"NEG", "FRAC", "BIG"}) {
      assertThat(fetchAll(SourceQuery.company(ticker)).signals()).as(ticker).isEmpty();
    }
    wm.verify(
        0,
        getRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/submissions/.*")));
  }

  @Test
  void atMostTenRequestsPerSecond() throws Exception {
    wm.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/submissions/CIK[0-9]+\\.json"))
            .willReturn(okJson(TestSupport.payload("sec-submissions-acme.json"))));
    for (String c : new String[] {"Acme", "Apple", "Kraft Heinz"}) {
      fetchAll(SourceQuery.company(c));
    }
    // every request after the first waits its 100 ms slot on the fake clock
    assertThat(sleeper.waits)
        .allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(100)));
    assertThat(sleeper.waits).isNotEmpty();
  }

  @Test
  void refusesAnUndeclaredUserAgent() {
    assertThatThrownBy(() -> SecEdgar.builder().userAgent("curl/8").http(http).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("contact");
  }
}
