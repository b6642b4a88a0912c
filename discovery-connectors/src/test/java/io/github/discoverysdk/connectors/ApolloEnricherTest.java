package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.discoverysdk.connectors.http.CallRecord;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApolloEnricherTest {
  static final String KEY = "apollo-CANARY-7f3e9a41";
  static final String PEOPLE = "/api/v1/people/bulk_match";
  static final String ORGS = "/api/v1/organizations/bulk_enrich";
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  List<CallRecord> ledger;
  HttpToolkit http;
  ApolloEnricher apollo;
  final CredentialStore keys =
      CredentialStore.of(Map.of("acme/apollo", Secret.of(KEY), "globex/apollo", Secret.of(KEY)));

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
    ledger = new CopyOnWriteArrayList<>();
    http = TestSupport.toolkit(sleeper).callListener(ledger::add).build();
    apollo = ApolloEnricher.builder().http(http).baseUrl(TestSupport.base(wm)).build();
  }

  private EnrichmentContext context(String tenant, CredentialStore store) {
    return new EnrichmentContext(clock, tenant, "run-1", store);
  }

  static EnrichmentSubject jane() {
    return EnrichmentSubject.builder()
        .id("p-jane")
        .kind(EnrichmentSubject.Kind.PERSON)
        .name("Jane Doe")
        .domain("acme.com")
        .putAttributes("title", "Head of Sales")
        .addUserSetFields("title")
        .build();
  }

  static EnrichmentSubject person(String id, String name) {
    return EnrichmentSubject.builder()
        .id(id)
        .kind(EnrichmentSubject.Kind.PERSON)
        .name(name)
        .domain("acme.com")
        .build();
  }

  @Test
  void enrichesPeopleFieldByFieldFromOneBulkMatchWithTheKeyAsAHeader() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(PEOPLE))
            .withHeader("x-api-key", equalTo(KEY))
            .willReturn(okJson(TestSupport.payload("apollo-people-bulk-match.json"))));

    EnrichmentResult r =
        apollo.enrich(List.of(jane(), person("p-ghost", "Nobody Known")), context("acme", keys));

    assertThat(r.attributes().get("p-jane"))
        .containsOnly(
            Map.entry("headline", "VP of Sales at Acme & advisor"),
            Map.entry("seniority", "vp"),
            Map.entry("departments", "master_sales"),
            Map.entry("linkedin", "http://www.linkedin.com/in/janedoe"),
            Map.entry("email", "jane@acme.com"),
            Map.entry("city", "München"),
            Map.entry("state", "Bayern"),
            Map.entry("country", "Germany"),
            Map.entry("employer", "Acme"),
            Map.entry("employerDomain", "acme.com"),
            Map.entry("apolloId", "64a7ff0cc4dfae00013df1a5"));
    assertThat(r.attributes()).doesNotContainKey("p-ghost"); // a miss (null match)
    assertThat(r.calls()).isEqualTo(1);
    assertThat(r.cacheHits()).isZero();
    assertThat(r.estimatedCost()).isEqualTo(2.0);
    assertThat(r.skipped()).isEmpty();
    wm.verify(
        1,
        postRequestedFor(urlPathEqualTo(PEOPLE))
            .withRequestBody(
                equalToJson(
                    "{\"details\":[{\"name\":\"Jane Doe\",\"first_name\":\"Jane\","
                        + "\"last_name\":\"Doe\",\"domain\":\"acme.com\"},"
                        + "{\"name\":\"Nobody Known\",\"first_name\":\"Nobody\","
                        + "\"last_name\":\"Known\",\"domain\":\"acme.com\"}],"
                        + "\"reveal_personal_emails\":false,\"reveal_phone_number\":false}")));
    assertThat(ledger)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.sourceId()).isEqualTo("apollo");
              assertThat(c.tenant()).isEqualTo("acme");
              assertThat(c.estimatedCost()).isEqualTo(2.0);
            });
  }

  @Test
  void enrichesOrganisationsByDomainAndNeverReturnsAUserSetField() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(ORGS))
            .willReturn(okJson(TestSupport.payload("apollo-organizations-bulk-enrich.json"))));
    EnrichmentSubject acme =
        EnrichmentSubject.builder()
            .id("c-acme")
            .kind(EnrichmentSubject.Kind.COMPANY)
            .name("Acme")
            .domain("https://www.acme.com/")
            .putAttributes("industry", "Fintech")
            .addUserSetFields("industry")
            .build();
    EnrichmentSubject initech =
        EnrichmentSubject.builder()
            .id("c-initech")
            .kind(EnrichmentSubject.Kind.COMPANY)
            .name("Initech")
            .domain("initech.test")
            .build();
    EnrichmentSubject nameOnly =
        EnrichmentSubject.builder()
            .id("c-name-only")
            .kind(EnrichmentSubject.Kind.COMPANY)
            .name("Globex")
            .build();

    EnrichmentResult r = apollo.enrich(List.of(acme, initech, nameOnly), context("acme", keys));

    assertThat(r.attributes().get("c-acme"))
        .containsOnly(
            Map.entry("employees", "1200"),
            Map.entry("founded", "2009"),
            Map.entry("revenue", "250M"),
            Map.entry("linkedin", "http://www.linkedin.com/company/acme"),
            Map.entry("website", "http://www.acme.com"),
            Map.entry("city", "San Francisco"),
            Map.entry("state", "California"),
            Map.entry("country", "United States"),
            Map.entry(
                "description", "Acme builds payment infrastructure for Zürich and the world."),
            Map.entry("keywords", "payments, fintech, b2b"),
            Map.entry("apolloId", "5e66b6381e05b4008c8331b8"));
    assertThat(r.attributes()).containsOnlyKeys("c-acme");
    wm.verify(
        1,
        postRequestedFor(urlPathEqualTo(ORGS))
            .withRequestBody(equalToJson("{\"domains\":[\"acme.com\",\"initech.test\"]}")));
    wm.verify(0, postRequestedFor(urlPathEqualTo(PEOPLE)));
  }

  @Test
  void peopleGoInBatchesOfTenAndAreCachedPerTenantAndContactForNinetyDays() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(PEOPLE)).willReturn(okJson("{\"status\":\"success\",\"matches\":[]}")));
    List<EnrichmentSubject> people = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      people.add(person("p-" + i, "Person Number" + i));
    }

    EnrichmentResult first = apollo.enrich(people, context("acme", keys));
    List<Integer> sizes =
        wm.findAll(postRequestedFor(urlPathEqualTo(PEOPLE))).stream()
            .map(ApolloEnricherTest::details)
            .toList();
    EnrichmentResult again = apollo.enrich(people, context("acme", keys));
    EnrichmentResult otherTenant = apollo.enrich(people, context("globex", keys));
    clock.advance(Duration.ofDays(89));
    EnrichmentResult day89 = apollo.enrich(people, context("acme", keys));
    clock.advance(Duration.ofDays(2));
    EnrichmentResult day91 = apollo.enrich(people, context("acme", keys));

    assertThat(sizes).containsExactlyInAnyOrder(10, 10, 5);
    assertThat(first.calls()).isEqualTo(3);
    // the three calls of the first batch are 500 ms apart on the injected clock
    assertThat(sleeper.waits.subList(0, 2))
        .allSatisfy(w -> assertThat(w).isEqualTo(ApolloEnricher.SPACING));
    assertThat(again.calls()).isZero();
    assertThat(again.cacheHits()).isEqualTo(25);
    assertThat(otherTenant.calls()).isEqualTo(3);
    assertThat(day89.calls()).isZero();
    assertThat(day91.calls()).isEqualTo(3);
    wm.verify(9, postRequestedFor(urlPathEqualTo(PEOPLE)));
  }

  @Test
  void theCacheLifetimeIsConfigurable() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(PEOPLE))
            .willReturn(okJson(TestSupport.payload("apollo-people-bulk-match.json"))));
    ApolloEnricher shortLived =
        ApolloEnricher.builder()
            .http(http)
            .baseUrl(TestSupport.base(wm))
            .cacheLifetime(Duration.ofDays(1))
            .build();

    shortLived.enrich(List.of(jane()), context("acme", keys));
    clock.advance(Duration.ofHours(25));
    EnrichmentResult r = shortLived.enrich(List.of(jane()), context("acme", keys));

    assertThat(r.calls()).isEqualTo(1);
    assertThat(r.attributes().get("p-jane")).containsEntry("seniority", "vp");
  }

  @Test
  void a429IsRetriedAfterSixtySecondsOnTheInjectedClock() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(PEOPLE))
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(urlPathEqualTo(PEOPLE))
            .inScenario("rate")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(TestSupport.payload("apollo-people-bulk-match.json"))));
    Instant before = clock.instant();

    EnrichmentResult r = apollo.enrich(List.of(jane()), context("acme", keys));

    assertThat(r.attributes().get("p-jane")).containsEntry("seniority", "vp");
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(60));
    assertThat(clock.instant()).isEqualTo(before.plusSeconds(60));
    wm.verify(2, postRequestedFor(urlPathEqualTo(PEOPLE)));
  }

  @Test
  void aTenantWithoutKeyIsSkippedWithAReasonAndNothingIsSent() throws Exception {
    EnrichmentResult r = apollo.enrich(List.of(jane()), context("initech", keys));

    assertThat(r.skipped()).containsExactly("apollo: no API key for this tenant");
    assertThat(r.attributes()).isEmpty();
    assertThat(r.calls()).isZero();
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aFailureIsReportedAndTheWaterfallContinuesWithTheNextSource() throws Exception {
    wm.stubFor(post(urlPathEqualTo(PEOPLE)).willReturn(aResponse().withStatus(500)));
    EnrichmentWaterfall waterfall =
        EnrichmentWaterfall.of(
            apollo,
            new EnrichmentWaterfallTest.FixedEnricher(
                "backup", Map.of("title", "CRO", "seniority", "c_suite"), false));
    CredentialStore store =
        CredentialStore.of(Map.of("acme/apollo", Secret.of(KEY), "acme/backup", Secret.of(KEY)));

    EnrichmentResult r = waterfall.enrich(List.of(jane()), context("acme", store));

    assertThat(r.attributes().get("p-jane")).containsOnly(Map.entry("seniority", "c_suite"));
    assertThat(r.skipped())
        .containsExactly("apollo: people lookup failed (unavailable); 1 subject not enriched");
  }

  @Test
  void theKeyNeverAppearsInLogsReasonsLedgerOrToString() throws Exception {
    // The service echoes the key back, as some do in their error bodies.
    wm.stubFor(
        post(urlPathEqualTo(PEOPLE))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":\"Invalid access credentials " + KEY + "\"}")));
    wm.stubFor(post(urlPathEqualTo(ORGS)).willReturn(aResponse().withStatus(503)));
    List<EnrichmentResult> results = new ArrayList<>();
    EnrichmentSubject company =
        EnrichmentSubject.builder()
            .id("c-1")
            .kind(EnrichmentSubject.Kind.COMPANY)
            .domain("acme.com")
            .build();

    String logs =
        TestSupport.captureLogs(
            () ->
                results.add(
                    EnrichmentWaterfall.of(apollo)
                        .enrich(List.of(jane(), company), context("acme", keys))));

    wm.verify(postRequestedFor(urlPathEqualTo(PEOPLE)).withHeader("x-api-key", equalTo(KEY)));
    assertThat(logs).contains("apollo").doesNotContain(KEY);
    assertThat(results.get(0).skipped())
        .containsExactly(
            "apollo: people lookup failed (unauthorized); 1 subject not enriched",
            "apollo: organisation lookup failed (unavailable); 1 subject not enriched");
    assertThat(results.get(0).toString()).doesNotContain(KEY);
    assertThat(ledger).isNotEmpty().allSatisfy(c -> assertThat(c.toString()).doesNotContain(KEY));
    assertThat(apollo.toString()).doesNotContain(KEY);
    assertThat(keys.find("acme", "apollo").orElseThrow().toString()).doesNotContain(KEY);
  }

  private static int details(LoggedRequest request) {
    try {
      JsonNode body = Json.MAPPER.readTree(request.getBodyAsString());
      return body.get("details").size();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
