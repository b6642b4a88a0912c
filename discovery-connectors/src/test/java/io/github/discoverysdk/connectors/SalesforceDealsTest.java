package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealRequest;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Salesforce closed deals on WireMock, with answers in the REST query API's shape. */
class SalesforceDealsTest {
  static final String TOKEN = "00DDn000000CANARY!AQ4AQ.token";
  static final String QUERY = "/services/data/v62.0/query";
  static final Instant SINCE = Instant.parse("2026-06-01T00:00:00.250Z");
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;
  SalesforceDeals salesforce;

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void setUp() {
    wm.resetAll();
    clock = MutableClock.at(Instant.parse("2026-09-01T09:00:00Z"));
    sleeper = new TestSupport.FakeSleeper(clock);
    // A generous read timeout: on a loaded machine an answer later than the default 300 ms would
    // be retried as a timeout, and the retry tests would count the wrong waits.
    http =
        TestSupport.toolkit(sleeper)
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(30))
            .build();
    salesforce = builder().build();
  }

  private SalesforceDeals.Builder builder() {
    return SalesforceDeals.builder()
        .http(http)
        .instanceUrl(TestSupport.base(wm))
        .credentials(CredentialStore.of(Map.of("acme/salesforce", Secret.of(TOKEN))));
  }

  private SourceContext context(String tenant) {
    return SourceContext.of(clock, tenant, "run-1");
  }

  private static List<String> queries() {
    return wm.findAll(getRequestedFor(urlPathEqualTo(QUERY))).stream()
        .map(r -> r.queryParameter("q").firstValue())
        .toList();
  }

  @Test
  void readsClosedOpportunitiesWithContactRolesAndAccountFieldByField() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(okJson(TestSupport.payload("salesforce-opportunity-query-1.json"))));

    DealPage page = salesforce.fetch(new DealRequest(SINCE, Optional.empty(), 3), context("acme"));

    assertThat(page.deals())
        .extracting(Deal::id)
        .containsExactly("006Dn00000A1b2cIAB", "006Dn00000A1b2dIAB");
    Deal won = page.deals().get(0);
    assertThat(won.tenant()).isEqualTo("acme");
    assertThat(won.source()).isEqualTo("salesforce");
    assertThat(won.stage()).isEqualTo(DealStage.CLOSED_WON);
    assertThat(won.amount()).contains(new BigDecimal("48000.5"));
    assertThat(won.currency()).isEmpty();
    assertThat(won.closedAt()).contains(Instant.parse("2026-06-30T00:00:00Z"));
    assertThat(won.updatedAt()).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    assertThat(won.account()).contains(DealAccount.of("Acme GmbH", "acme.de"));
    assertThat(won.contacts())
        .containsExactly(
            DealContact.of("jane.doe@acme.de", "Jane Doe", "VP Sales"),
            DealContact.of("ops@acme.de", "Ops Team", null));
    Deal lost = page.deals().get(1);
    assertThat(lost.stage()).isEqualTo(DealStage.CLOSED_LOST);
    assertThat(lost.account()).isEmpty();
    assertThat(lost.amount()).isEmpty();
    assertThat(page.rejected())
        .containsExactlyInAnyOrder(
            RejectedRecord.of(
                "deal 006Dn00000A1b2cIAB contact role 1", "field 'Contact.Email' is missing"),
            RejectedRecord.of(
                "006Dn00000A1b2eIAB", "field 'CloseDate' is missing on a closed deal"));
    // a full page (3 of 3): the cursor is the keyset of the last record, malformed or not
    assertThat(page.nextCursor()).contains("1782984600:006Dn00000A1b2eIAB");
    assertThat(queries())
        .singleElement()
        .satisfies(
            q ->
                assertThat(q)
                    .contains("FROM OpportunityContactRoles")
                    .contains(
                        "FROM Opportunity WHERE IsClosed = true AND SystemModstamp >= 2026-06-01T00:00:00Z")
                    .endsWith("ORDER BY SystemModstamp ASC, Id ASC LIMIT 3")
                    .doesNotContain("CurrencyIsoCode"));
  }

  @Test
  void theNextPageStartsAfterTheKeysetAndAShortPageEndsTheImport() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .willReturn(okJson("{\"totalSize\":0,\"done\":true,\"records\":[]}")));

    DealPage page =
        salesforce.fetch(
            new DealRequest(SINCE, Optional.of("1782984600:006Dn00000A1b2eIAB"), 3),
            context("acme"));

    assertThat(page.deals()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
    assertThat(queries())
        .singleElement()
        .satisfies(
            q ->
                assertThat(q)
                    .contains(
                        "(SystemModstamp > 2026-07-02T09:30:00Z OR (SystemModstamp ="
                            + " 2026-07-02T09:30:00Z AND Id > '006Dn00000A1b2eIAB'))"));
  }

  @Test
  void aCursorItDidNotMakeIsRefusedBeforeAnyRequest() {
    for (String bad :
        new String[] {"x", "12:'; DELETE", "12:006' OR Id != '", "-:006Dn00000A1b2eIAB"}) {
      assertThatThrownBy(
              () -> salesforce.fetch(new DealRequest(SINCE, Optional.of(bad), 3), context("acme")))
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cursor is not one salesforce made");
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aMultiCurrencyOrgHasItsCurrencyRead() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .willReturn(
                okJson(
                    TestSupport.payload("salesforce-opportunity-query-1.json")
                        .replace(
                            "\"Amount\": 48000.5,",
                            "\"Amount\": 48000.5, \"CurrencyIsoCode\": \"eur\","))));

    DealPage page =
        builder().multiCurrency().build().fetch(DealRequest.first(SINCE), context("acme"));

    assertThat(page.deals().get(0).currency()).contains("EUR");
    assertThat(queries()).singleElement().satisfies(q -> assertThat(q).contains("CurrencyIsoCode"));
  }

  @Test
  void a401FailsAsUnauthorizedWithoutShowingTheToken() {
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));

    assertThatThrownBy(() -> salesforce.fetch(DealRequest.first(SINCE), context("acme")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAUTHORIZED))
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void a429IsRetriedAfterRetryAfterAndTheOrgsDailyLimitIsARateLimit() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
            .willSetStateTo("ok"));
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .inScenario("rate")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(TestSupport.payload("salesforce-opportunity-query-1.json"))));

    assertThat(salesforce.fetch(DealRequest.first(SINCE), context("acme")).deals()).hasSize(2);
    assertThat(sleeper.waits).contains(Duration.ofSeconds(3));

    wm.resetAll();
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
    assertThatThrownBy(() -> salesforce.fetch(DealRequest.first(SINCE), context("acme")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED));
  }

  @Test
  void malformedAnswersAreParseErrorsAndATenantWithoutATokenSendsNothing() {
    wm.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson("{\"totalSize\":1,\"done\":true}")));
    assertThatThrownBy(() -> salesforce.fetch(DealRequest.first(SINCE), context("acme")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.PARSE_ERROR));

    wm.resetAll();
    assertThatThrownBy(() -> salesforce.fetch(DealRequest.first(SINCE), context("globex")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.MISSING_CREDENTIALS));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBadModstampRejectsItsRecordAlone() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo(QUERY))
            .willReturn(
                okJson(
                    TestSupport.payload("salesforce-opportunity-query-1.json")
                        .replace("2026-07-01T08:00:00.000+0000", "yesterday"))));

    DealPage page = salesforce.fetch(DealRequest.first(SINCE), context("acme"));

    assertThat(page.deals()).extracting(Deal::id).containsExactly("006Dn00000A1b2dIAB");
    assertThat(page.rejected())
        .extracting(RejectedRecord::reason)
        .contains("field 'SystemModstamp' is not a date-time: yesterday");
  }
}
