package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.deals.BuyingRole;
import io.github.discoverysdk.deals.ClosedDealEnrichment;
import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealReport;
import io.github.discoverysdk.deals.DealReports;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The closed-deal plan's own scenario (#18): 45 closed deals with 180 contacts, enriched through a
 * waterfall of the real Apollo and Serper connectors on WireMock, with one source down (Apollo's
 * organisation endpoint answers 500) and one key missing (no Serper key for the tenant). Nothing
 * blocks, the stats say what happened, and a second batch, also from a new engine on the same
 * database, answers from the shared cache.
 */
class ClosedDealScenarioTest {
  static final Instant NOW = Instant.parse("2026-09-01T09:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[][] TITLES = {
    {"VP Sales", "vp", "master_sales"},
    {"Director of IT", "director", "master_information_technology"},
    {"Procurement Manager", "manager", "master_purchasing"},
    {"Account Executive", "entry", "master_sales"}
  };
  static WireMockServer wm;

  /** Apollo's people/bulk_match: a match, in Apollo's shape, for every detail, in order. */
  static final class PeopleMatch implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "apollo-people";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
        ObjectNode answer = JSON.createObjectNode().put("status", "success");
        ArrayNode matches = answer.putArray("matches");
        for (JsonNode d : body.path("details")) {
          String email = d.path("email").asText();
          int n =
              Integer.parseInt(email.substring("person".length(), email.indexOf('@')))
                  % TITLES.length;
          ObjectNode m = matches.addObject();
          m.put("id", "p-" + email.hashCode());
          m.put("name", d.path("name").asText("Someone"));
          m.put("email", email);
          m.put("title", TITLES[n][0]);
          m.put("seniority", TITLES[n][1]);
          m.putArray("departments").add(TITLES[n][2]);
          m.put("country", "Germany");
        }
        // written with our Jackson: WireMock's own is shaded and would not know this tree
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody(JSON.writeValueAsString(answer))
            .build();
      } catch (Exception e) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
            .withStatus(400)
            .withBody(e.toString())
            .build();
      }
    }
  }

  Storage storage;
  MutableClock clock;

  @BeforeAll
  static void start() {
    wm =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new PeopleMatch()));
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void setUp() {
    wm.resetAll();
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/people/bulk_match"))
            .willReturn(aResponse().withTransformers("apollo-people")));
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"internal server error\"}")));
    storage = JdbcStorage.h2InMemory();
    clock = MutableClock.at(NOW);
    List<Deal> deals = new ArrayList<>();
    int contact = 0;
    for (int d = 0; d < 45; d++) {
      Deal.Builder b =
          Deal.builder()
              .tenant("acme")
              .source("crm")
              .id("deal-" + d)
              .name("Deal " + d)
              .stage(d % 3 == 0 ? DealStage.CLOSED_LOST : DealStage.CLOSED_WON)
              .closedAt(NOW.minus(Duration.ofDays(1 + d * 3L)))
              .updatedAt(NOW.minus(Duration.ofDays(1)))
              .account(DealAccount.of("Account " + d, "account" + d + ".example.com"));
      for (int c = 0; c < 4; c++, contact++) {
        b.addContacts(
            DealContact.of(
                "person" + contact + "@account" + d + ".example.com", "Person " + contact, null));
      }
      deals.add(b.build());
    }
    storage.deals().saveAll(deals);
  }

  /**
   * A new engine: its own toolkit and connectors (their in-process caches empty), same database.
   */
  private ClosedDealEnrichment engine() {
    HttpToolkit http =
        TestSupport.toolkit(new TestSupport.FakeSleeper(clock))
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(30))
            .maxAttempts(2)
            .build();
    EnrichmentWaterfall waterfall =
        EnrichmentWaterfall.of(
            ApolloEnricher.builder().http(http).baseUrl(TestSupport.base(wm)).build(),
            SerperEnricher.builder().http(http).baseUrl(TestSupport.base(wm)).build());
    return ClosedDealEnrichment.builder()
        .storage(storage)
        .enricher(waterfall)
        .credentials(CredentialStore.of(Map.of("acme/apollo", Secret.of("apollo-key"))))
        .clock(clock)
        .build();
  }

  private int apolloCalls() {
    return wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/people/bulk_match"))).size()
        + wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))).size();
  }

  @Test
  void fortyFiveDealsOneSourceDownOneKeyMissingNothingBlocks() {
    ClosedDealRun run = engine().enrichClosedDeals("acme", 6, 50);

    assertThat(run.deals()).isEqualTo(45);
    assertThat(run.contacts()).isEqualTo(180);
    assertThat(run.accounts()).isEqualTo(45);
    assertThat(run.enriched()).isEqualTo(180);
    assertThat(run.failed()).hasSize(45); // every account: Apollo down, Serper without a key
    assertThat(run.failed().values())
        .allSatisfy(why -> assertThat(why).contains("serper").containsIgnoringCase("key"));
    assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/people/bulk_match"))))
        .hasSize(18); // 180 contacts in bulk calls of 10

    DealReport report = new DealReports(storage, clock).report("acme", 6);

    assertThat(report.closedDeals()).isEqualTo(45);
    assertThat(report.dealContacts()).isEqualTo(180);
    assertThat(report.enrichedContacts()).isEqualTo(180);
    assertThat(report.enrichedAccounts()).isZero();
    assertThat(report.enrichedDeals()).isZero();
    assertThat(report.partialDeals()).isEqualTo(45);
    assertThat(report.rolesResolved()).isEqualTo(180);
    assertThat(report.roles())
        .containsEntry(BuyingRole.DECISION_MAKER, 45)
        .containsEntry(BuyingRole.CHAMPION, 45)
        .containsEntry(BuyingRole.BLOCKER, 45)
        .containsEntry(BuyingRole.USER, 45);
    assertThat(report.coverage()).containsExactly(Map.entry("apollo", 180));
  }

  @Test
  void aSecondBatchAlsoFromANewEngineMakesAtLeastNinetyPercentFewerCalls() {
    StringBuilder orgs = new StringBuilder();
    for (int d = 0; d < 45; d++) {
      orgs.append(d == 0 ? "" : ",")
          .append("{\"id\":\"o")
          .append(d)
          .append("\",\"name\":\"Account ")
          .append(d)
          .append("\",\"primary_domain\":\"account")
          .append(d)
          .append(".example.com\",\"industry\":\"fintech\",\"estimated_num_employees\":450}");
    }
    wm.stubFor(
        post(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"success\",\"organizations\":[" + orgs + "]}")));

    ClosedDealRun first = engine().enrichClosedDeals("acme", 6, 50);
    int firstCalls = apolloCalls();
    ClosedDealRun second = engine().enrichClosedDeals("acme", 6, 50); // only the database remembers
    int secondCalls = apolloCalls() - firstCalls;

    assertThat(first.enriched()).isEqualTo(180 + 45);
    assertThat(firstCalls).isEqualTo(18 + 5); // bulk calls of 10 people, 10 domains
    assertThat(second.cacheHits()).isEqualTo(180 + 45);
    assertThat(secondCalls).isZero();
    assertThat(1.0 - (double) secondCalls / firstCalls).isGreaterThanOrEqualTo(0.90);
    assertThat(new DealReports(storage, clock).report("acme", 6).enrichedDeals()).isEqualTo(45);
  }
}
