package io.github.discoverysdk.samples.inbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A batch with an Apollo key, against Apollo's API on WireMock in its real shape: the sample wires
 * the Apollo enricher only because the key is set, sends it as {@code x-api-key}, and the status,
 * summary and per-deal breakdown then show what Apollo answered. Its own application (no demo seed;
 * the bundled deals only), on the fixed clock; the toolkit's waits move that clock.
 */
class EnrichmentApolloTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "apollo-test-key";

  private static WireMockServer apollo;
  private static ConfigurableApplicationContext app;
  private static ApiClient api;

  /** Apollo's people/bulk_match: a match for every detail, in order, in Apollo's shape. */
  static final class People implements ResponseDefinitionTransformerV2 {
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
      return answer(
          event,
          (body, out) -> {
            ArrayNode matches = out.putArray("matches");
            for (JsonNode d : body.path("details")) {
              String email = d.path("email").asText();
              ObjectNode m = matches.addObject();
              m.put("id", "p-" + Integer.toHexString(email.hashCode()));
              m.put("name", d.path("name").asText("Someone"));
              m.put("email", email);
              m.put("title", "VP Finance");
              m.put("seniority", "vp");
              m.putArray("departments").add("master_finance");
              m.put("country", "Germany");
            }
          });
    }
  }

  /** Apollo's organizations/bulk_enrich: an organisation for every domain asked. */
  static final class Organizations implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "apollo-orgs";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      return answer(
          event,
          (body, out) -> {
            ArrayNode orgs = out.putArray("organizations");
            for (JsonNode d : body.path("domains")) {
              ObjectNode o = orgs.addObject();
              o.put("id", "o-" + Integer.toHexString(d.asText().hashCode()));
              o.put("name", d.asText());
              o.put("primary_domain", d.asText());
              o.put("website_url", "https://www." + d.asText());
              o.put("industry", "financial services");
              o.put("estimated_num_employees", 450);
              o.put("country", "Germany");
            }
          });
    }
  }

  private static ResponseDefinition answer(
      ServeEvent event, java.util.function.BiConsumer<JsonNode, ObjectNode> fill) {
    try {
      JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
      ObjectNode out = JSON.createObjectNode().put("status", "success");
      fill.accept(body, out);
      // written with our Jackson: WireMock's own is shaded and would not know this tree
      return new ResponseDefinitionBuilder()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(out))
          .build();
    } catch (Exception e) {
      return new ResponseDefinitionBuilder().withStatus(400).withBody(e.toString()).build();
    }
  }

  /** A toolkit that may call WireMock on loopback, and waits by moving the fixed clock. */
  @TestConfiguration
  static class LoopbackToolkit {
    @Bean(destroyMethod = "close")
    HttpToolkit testHttpToolkit(Clock clock) {
      MutableClock fixed = (MutableClock) clock;
      return HttpToolkit.builder()
          .clock(fixed)
          .sleeper(fixed::advance)
          .urlGuard(UrlGuard.strict().allowingHosts("127.0.0.1"))
          .build();
    }
  }

  @BeforeAll
  static void start() {
    apollo =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new People(), new Organizations()));
    apollo.start();
    apollo.stubFor(
        post(urlPathEqualTo("/api/v1/people/bulk_match"))
            .willReturn(aResponse().withTransformers("apollo-people")));
    apollo.stubFor(
        post(urlPathEqualTo("/api/v1/organizations/bulk_enrich"))
            .willReturn(aResponse().withTransformers("apollo-orgs")));
    app =
        new SpringApplicationBuilder(
                InboxWebApplication.class, InboxWebTestBase.FixedClock.class, LoopbackToolkit.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:inbox-apollo-test;DB_CLOSE_DELAY=-1",
                "--inbox.seed-demo=false",
                "--discovery.scheduler.enabled=false",
                "--discovery.credentials.demo.apollo=" + KEY,
                "--inbox.enrichment.apollo-url=http://127.0.0.1:" + apollo.port());
    DemoDeals.importInto(app.getBean(Storage.class), app.getBean(Clock.class), EngineWiring.TENANT);
    api =
        new ApiClient(
            Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (apollo != null) {
      apollo.stop();
    }
  }

  @Test
  void aBatchWithAnApolloKeyEnrichesTheDealsAndTheReportShowsIt() {
    JsonNode before = api.get("admin", "/api/v1/enrichment/status").expect(200).json();
    assertThat(before.path("config").path("apolloKey").asBoolean()).isTrue();
    assertThat(before.path("config").path("serperKey").asBoolean()).isFalse();
    assertThat(before.path("config").path("enricher").asText()).isEqualTo("apollo");
    assertThat(before.path("enrichedContacts").asInt()).isZero();

    // the SDK's own bounds still hold with an enricher
    api.post("admin", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 6, "limit", 101))
        .problem(400);

    JsonNode run =
        api.post("admin", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 6, "limit", 5))
            .expect(200)
            .json();
    assertThat(run.path("deals").asInt()).isEqualTo(5);
    assertThat(run.path("accounts").asInt()).isEqualTo(5);
    assertThat(run.path("calls").asInt()).isPositive();
    assertThat(run.path("enriched").asInt())
        .isEqualTo(run.path("contacts").asInt() + run.path("accounts").asInt());
    assertThat(run.path("failed").size()).isZero();
    apollo.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/people/bulk_match"))
            .withHeader("x-api-key", equalTo(KEY)));

    JsonNode after = api.get("admin", "/api/v1/enrichment/status").expect(200).json();
    assertThat(after.path("enrichedDeals").asInt()).isEqualTo(5);
    assertThat(after.path("enrichedContacts").asInt()).isEqualTo(run.path("contacts").asInt());
    assertThat(after.path("enrichedAccounts").asInt()).isEqualTo(5);
    assertThat(after.path("contactOutcomes").path("ENRICHED").asInt()).isPositive();
    JsonNode sum = api.get("admin", "/api/v1/enrichment/summary").expect(200).json();
    assertThat(sum.path("coverage").path("apollo").asInt()).isPositive();
    assertThat(sum.path("topIndustries").path("financial services").asInt()).isEqualTo(5);
    assertThat(sum.path("deals").findValuesAsText("status")).contains("ENRICHED", "MISSING");

    // a second batch answers from the cache in storage: no new call
    int calls = apollo.getAllServeEvents().size();
    JsonNode again =
        api.post("admin", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 6, "limit", 5))
            .expect(200)
            .json();
    assertThat(again.path("calls").asInt()).isZero();
    assertThat(again.path("cacheHits").asInt()).isPositive();
    assertThat(apollo.getAllServeEvents()).hasSize(calls);
  }
}
