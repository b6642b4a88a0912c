package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotDealsTest {
  static final String TOKEN = "pat-eu1-CANARY-51c0ffee";
  static final String SEARCH = "/crm/objects/2026-03/deals/search";
  static final Instant SINCE = Instant.parse("2026-06-01T00:00:00Z");
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;
  HubSpotDeals hubspot;

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
    http = TestSupport.toolkit(sleeper).build();
    hubspot =
        HubSpotDeals.builder()
            .http(http)
            .baseUrl(TestSupport.base(wm))
            .credentials(CredentialStore.of(Map.of("acme/hubspot", Secret.of(TOKEN))))
            .build();
  }

  private SourceContext context(String tenant) {
    return SourceContext.of(clock, tenant, "run-1");
  }

  private static void stubAssociationsAndRecords() {
    wm.stubFor(
        post(urlPathEqualTo("/crm/associations/2026-03/deals/contacts/batch/read"))
            .willReturn(okJson(TestSupport.payload("hubspot-deal-contacts-associations.json"))));
    wm.stubFor(
        post(urlPathEqualTo("/crm/associations/2026-03/deals/companies/batch/read"))
            .willReturn(okJson(TestSupport.payload("hubspot-deal-companies-associations.json"))));
    wm.stubFor(
        post(urlPathEqualTo("/crm/objects/2026-03/contacts/batch/read"))
            .willReturn(okJson(TestSupport.payload("hubspot-contacts-batch-read.json"))));
    wm.stubFor(
        post(urlPathEqualTo("/crm/objects/2026-03/companies/batch/read"))
            .willReturn(okJson(TestSupport.payload("hubspot-companies-batch-read.json"))));
  }

  private static void stubSearchPages() {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .withRequestBody(matchingJsonPath("$.after", equalTo("3")))
            .atPriority(1)
            .willReturn(okJson(TestSupport.payload("hubspot-deals-search-2.json"))));
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .atPriority(5)
            .willReturn(okJson(TestSupport.payload("hubspot-deals-search-1.json"))));
  }

  /** HubSpot's numeric paths stay reachable for a portal not yet moved to a date version. */
  @Test
  void theLegacyApiVersionCallsTheNumericPaths() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo("/crm/v3/objects/deals/search"))
            .willReturn(okJson("{\"total\":0,\"results\":[]}")));
    HubSpotDeals legacy =
        HubSpotDeals.builder()
            .http(http)
            .baseUrl(TestSupport.base(wm))
            .apiVersion(HubSpotApiVersion.LEGACY)
            .credentials(CredentialStore.of(Map.of("acme/hubspot", Secret.of(TOKEN))))
            .build();

    assertThat(legacy.fetch(DealRequest.first(SINCE), context("acme")).deals()).isEmpty();
    wm.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/search")));
  }

  @Test
  void anApiVersionMustBeADateVersion() {
    assertThat(HubSpotApiVersion.of("2026-09").objects("deals"))
        .isEqualTo("/crm/objects/2026-09/deals");
    assertThat(HubSpotApiVersion.of("2026-09").associations("deals", "contacts"))
        .isEqualTo("/crm/associations/2026-09/deals/contacts");
    for (String bad : new String[] {"v3", "2026-13", "2026-3", "../../x", "2026-03/../v1", ""}) {
      assertThatThrownBy(() -> HubSpotApiVersion.of(bad))
          .isInstanceOf(io.github.discoverysdk.ValidationException.class)
          .hasMessageContaining("YYYY-MM");
    }
  }

  @Test
  void readsClosedDealsWithTheirContactsAndCompanyPageByPage() throws Exception {
    stubSearchPages();
    stubAssociationsAndRecords();

    DealPage first = hubspot.fetch(DealRequest.first(SINCE), context("acme"));

    assertThat(first.deals()).extracting(Deal::id).containsExactly("9001", "9002");
    Deal won = first.deals().get(0);
    assertThat(won.tenant()).isEqualTo("acme");
    assertThat(won.source()).isEqualTo("hubspot");
    assertThat(won.stage()).isEqualTo(DealStage.CLOSED_WON);
    assertThat(won.amount()).contains(new BigDecimal("48000.50"));
    assertThat(won.currency()).contains("EUR");
    assertThat(won.closedAt()).contains(Instant.parse("2026-06-30T15:00:00Z"));
    assertThat(won.updatedAt()).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    assertThat(won.account()).contains(DealAccount.of("Acme GmbH", "acme.de"));
    assertThat(won.contacts())
        .containsExactly(
            DealContact.of("jane.doe@acme.de", "Jane Doe", "VP Sales"),
            DealContact.of("ops@acme.de", null, null));
    Deal lost = first.deals().get(1);
    assertThat(lost.stage())
        .as("custom stage id, hs_is_closed_won false")
        .isEqualTo(DealStage.CLOSED_LOST);
    assertThat(lost.account()).isEmpty();
    assertThat(lost.amount()).isEmpty();
    assertThat(first.rejected())
        .containsExactlyInAnyOrder(
            RejectedRecord.of("9003", "field 'closedate' is missing on a closed deal"),
            RejectedRecord.of("deal 9001 contact 502", "field 'email' is missing"));
    assertThat(first.nextCursor()).contains(SINCE.toEpochMilli() + ":3");

    JsonNode search =
        Json.MAPPER.readTree(
            wm.findAll(postRequestedFor(urlPathEqualTo(SEARCH))).get(0).getBodyAsString());
    JsonNode filters = search.path("filterGroups").get(0).path("filters");
    assertThat(filters.get(0).path("propertyName").asText()).isEqualTo("hs_lastmodifieddate");
    assertThat(filters.get(0).path("operator").asText()).isEqualTo("GTE");
    assertThat(filters.get(0).path("value").asText())
        .isEqualTo(String.valueOf(SINCE.toEpochMilli()));
    assertThat(filters.get(1).path("propertyName").asText()).isEqualTo("hs_is_closed");
    assertThat(search.path("sorts").get(0).path("direction").asText()).isEqualTo("ASCENDING");
    assertThat(search.path("limit").asInt()).isEqualTo(100);
    assertThat(search.has("after")).isFalse();
    wm.verify(5, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + TOKEN)));

    DealPage second =
        hubspot.fetch(DealRequest.first(SINCE).next(first.nextCursor().get()), context("acme"));
    assertThat(second.deals()).extracting(Deal::id).containsExactly("9005");
    assertThat(second.deals().get(0).stage()).isEqualTo(DealStage.CLOSED_LOST);
    assertThat(second.deals().get(0).closedAt()).contains(Instant.ofEpochMilli(1783332000000L));
    assertThat(second.rejected())
        .containsExactly(
            RejectedRecord.of("9004", "field 'amount' is not a number: 'twelve thousand'"));
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void contactsAreReadInBatchesOfAHundredIds() throws Exception {
    stubSearchPages();
    StringBuilder to = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      to.append(i == 0 ? "" : ",").append("{\"toObjectId\":").append(1000 + i).append("}");
    }
    wm.stubFor(
        post(urlPathEqualTo("/crm/associations/2026-03/deals/contacts/batch/read"))
            .willReturn(
                okJson(
                    "{\"status\":\"COMPLETE\",\"results\":[{\"from\":{\"id\":\"9001\"},\"to\":["
                        + to
                        + "]}]}")));
    wm.stubFor(
        post(urlPathEqualTo("/crm/associations/2026-03/deals/companies/batch/read"))
            .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));
    wm.stubFor(
        post(urlPathEqualTo("/crm/objects/2026-03/contacts/batch/read"))
            .willReturn(okJson(TestSupport.payload("hubspot-contacts-batch-read.json"))));

    hubspot.fetch(DealRequest.first(SINCE), context("acme"));

    assertThat(
            wm.findAll(
                postRequestedFor(urlPathEqualTo("/crm/objects/2026-03/contacts/batch/read"))))
        .extracting(r -> Json.MAPPER.readTree(r.getBodyAsString()).path("inputs").size())
        .containsExactly(100, 50);
    assertThat(
            wm.findAll(
                postRequestedFor(urlPathEqualTo("/crm/objects/2026-03/companies/batch/read"))))
        .as("no companies, no call")
        .isEmpty();
  }

  @Test
  void anEmptyPageMakesOneCallAndEnds() throws Exception {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"total\":0,\"results\":[]}")));

    DealPage page = hubspot.fetch(DealRequest.first(SINCE), context("acme"));

    assertThat(page.deals()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
    assertThat(wm.getAllServeEvents()).hasSize(1);
  }

  @Test
  void a401FailsAsUnauthorizedWithoutShowingTheToken() {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                            + "\"category\":\"INVALID_AUTHENTICATION\"}")));

    assertThatThrownBy(() -> hubspot.fetch(DealRequest.first(SINCE), context("acme")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAUTHORIZED))
        .message()
        .doesNotContain(TOKEN);
    assertThat(wm.getAllServeEvents()).hasSize(1);
  }

  @Test
  void a429IsRetriedAfterRetryAfterAndTheSearchIsNotRepeatedOnceAnswered() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "2")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":\"error\",\"message\":\"You have reached your"
                            + " ten_secondly_rolling limit.\",\"errorType\":\"RATE_LIMIT\","
                            + "\"policyName\":\"TEN_SECONDLY_ROLLING\"}"))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .inScenario("rate")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(TestSupport.payload("hubspot-deals-search-2.json"))));
    stubAssociationsAndRecords();

    DealPage page = hubspot.fetch(DealRequest.first(SINCE), context("acme"));

    assertThat(page.deals()).extracting(Deal::id).containsExactly("9005");
    assertThat(sleeper.waits).contains(Duration.ofSeconds(2));
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(SEARCH)))).hasSize(2);
  }

  @Test
  void aTenantWithoutATokenFailsBeforeAnyRequest() {
    assertThatThrownBy(() -> hubspot.fetch(DealRequest.first(SINCE), context("globex")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.MISSING_CREDENTIALS));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBodyThatIsNotTheSearchShapeFailsThePageAsAParseError() {
    wm.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"unexpected\":true}")));

    assertThatThrownBy(() -> hubspot.fetch(DealRequest.first(SINCE), context("acme")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.PARSE_ERROR));
  }

  @Test
  void beforeTheSearchWindowEndsTheCursorRestartsAtTheLastChangeSeen() throws Exception {
    Instant last = SINCE.plusSeconds(3_600);
    HubSpotCursor start = HubSpotCursor.parse("hubspot", DealRequest.first(SINCE));

    assertThat(start.next("hubspot", "9800", 100, last)).isEqualTo(new HubSpotCursor(SINCE, 9800));
    assertThat(start.next("hubspot", "9901", 100, last)).isEqualTo(new HubSpotCursor(last, 0));
    assertThat(start.next("hubspot", "9901", 100, SINCE))
        .as("no progress to restart from: keep paging")
        .isEqualTo(new HubSpotCursor(SINCE, 9901));
    assertThat(
            HubSpotCursor.parse(
                "hubspot", new DealRequest(SINCE, Optional.of(last.toEpochMilli() + ":0"), 10)))
        .isEqualTo(new HubSpotCursor(last, 0));
    assertThatThrownBy(
            () ->
                HubSpotCursor.parse("hubspot", new DealRequest(SINCE, Optional.of("after=3"), 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> start.next("hubspot", "abc", 100, last))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("paging.next.after");
  }

  @Test
  void theBuilderRequiresItsToolkitAndCredentials() {
    assertThatThrownBy(() -> HubSpotDeals.builder().credentials(CredentialStore.none()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("http");
    assertThatThrownBy(() -> HubSpotDeals.builder().http(http).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("credentials");
    assertThat(hubspot.toString()).doesNotContain(TOKEN);
  }
}
