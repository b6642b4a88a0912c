package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SerperEnricherTest {
  static final String KEY = "serper-CANARY-3b9d0c77";
  static final String SEARCH = "/search";
  static final Gate gate = new Gate();
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;
  SerperEnricher serper;
  final CredentialStore keys =
      CredentialStore.of(Map.of("acme/serper", Secret.of(KEY), "globex/serper", Secret.of(KEY)));

  /**
   * Holds each request it serves until five are in the server at once, or until every request still
   * expected is: the enricher reaches its full concurrency deterministically, and a sixth request
   * would be counted while the five are held. Records the most requests ever held at once.
   */
  static final class Gate implements ResponseDefinitionTransformerV2 {
    private int inFlight; // guarded by this
    private int max; // guarded by this
    private int expected; // guarded by this

    synchronized void expect(int requests) {
      this.expected = requests;
      this.max = 0;
    }

    synchronized int max() {
      return max;
    }

    @Override
    public String getName() {
      return "concurrency-gate";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
      inFlight++;
      max = Math.max(max, inFlight);
      notifyAll();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      try {
        // A safety deadline only: with a correct enricher the condition is met at once.
        while (inFlight < SerperEnricher.MAX_CONCURRENCY
            && inFlight < expected
            && System.nanoTime() < deadline) {
          wait(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      expected--;
      inFlight--;
      notifyAll();
      return event.getResponseDefinition();
    }
  }

  @BeforeAll
  static void start() {
    wm =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .gzipDisabled(true)
                .containerThreads(40)
                .extensions(gate));
    wm.start();
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
    serper = SerperEnricher.builder().http(http).baseUrl(TestSupport.base(wm)).build();
  }

  private EnrichmentContext context(String tenant, CredentialStore store) {
    return new EnrichmentContext(clock, tenant, "run-1", store);
  }

  static EnrichmentSubject company(String id, String name, String domain) {
    return EnrichmentSubject.builder()
        .id(id)
        .kind(EnrichmentSubject.Kind.COMPANY)
        .name(name)
        .domain(domain)
        .build();
  }

  private void stubAcme() {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .withHeader("X-API-KEY", equalTo(KEY))
            .willReturn(okJson(TestSupport.payload("serper-search-acme.json"))));
  }

  @Test
  void mapsTheKnowledgePanelAndOrganicResultsFieldByField() throws Exception {
    stubAcme();
    EnrichmentSubject acme =
        EnrichmentSubject.builder()
            .id("c-acme")
            .kind(EnrichmentSubject.Kind.COMPANY)
            .name("Acme")
            .domain("acme.com")
            .putAttributes("founded", "2010")
            .addUserSetFields("founded")
            .build();

    EnrichmentResult r = serper.enrich(List.of(acme), context("acme", keys));

    assertThat(r.attributes().get("c-acme"))
        .containsOnly(
            Map.entry(
                "description",
                "Acme is a payments company headquartered in San Francisco & Zürich."),
            Map.entry("category", "Software company"),
            Map.entry("website", "https://www.acme.com/"),
            Map.entry("headquarters", "San Francisco, CA"),
            Map.entry(
                "webMentions",
                "3 days ago · Acme raises $50M Series B & expands to München —"
                    + " https://news.test/acme-series-b\n"
                    + "Acme – Careers — https://www.acme.com/careers\n"
                    + "Acme on LinkedIn — https://www.linkedin.com/company/acme"));
    assertThat(r.calls()).isEqualTo(1);
    assertThat(r.estimatedCost()).isEqualTo(1.0);
    wm.verify(
        postRequestedFor(urlPathEqualTo(SEARCH))
            .withRequestBody(equalToJson("{\"q\":\"\\\"Acme\\\"\",\"num\":10}")));
  }

  @Test
  void theKnowledgePanelOfANamesakeIsIgnored() throws Exception {
    stubAcme();

    EnrichmentResult r =
        serper.enrich(List.of(company("c-1", "Acme", "acme-robotics.test")), context("acme", keys));

    assertThat(r.attributes().get("c-1")).containsOnlyKeys("webMentions");
  }

  @Test
  void neverMoreThanFiveSearchesRunAtOnce() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .willReturn(
                okJson(TestSupport.payload("serper-search-acme.json"))
                    .withTransformers("concurrency-gate")));
    List<EnrichmentSubject> companies = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      companies.add(company("c-" + i, "Company " + i, "company" + i + ".test"));
    }
    gate.expect(17);

    EnrichmentResult r = serper.enrich(companies, context("acme", keys));

    assertThat(gate.max()).isEqualTo(5);
    assertThat(r.calls()).isEqualTo(17);
    assertThat(r.attributes()).hasSize(17);
    wm.verify(17, postRequestedFor(urlPathEqualTo(SEARCH)));
  }

  @Test
  void concurrentEnrichCallsShareTheLimitOfFive() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .willReturn(
                okJson(TestSupport.payload("serper-search-acme.json"))
                    .withTransformers("concurrency-gate")));
    gate.expect(24);
    List<Thread> callers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 3; t++) {
      int caller = t;
      callers.add(
          new Thread(
              () -> {
                List<EnrichmentSubject> companies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                  companies.add(company("c-" + i, "Co " + caller + i, caller + "-" + i + ".test"));
                }
                try {
                  serper.enrich(companies, context("acme", keys));
                } catch (Exception e) {
                  failures.add(e);
                }
              }));
    }
    callers.forEach(Thread::start);
    for (Thread c : callers) {
      c.join();
    }

    assertThat(failures).isEmpty();
    assertThat(gate.max()).isEqualTo(5);
    wm.verify(24, postRequestedFor(urlPathEqualTo(SEARCH)));
  }

  @Test
  void answersAreCachedPerDomainOnTheInjectedClock() throws Exception {
    stubAcme();
    List<EnrichmentSubject> two =
        List.of(company("c-1", "Acme", "acme.com"), company("c-2", "ACME Inc.", "www.acme.com"));

    EnrichmentResult first = serper.enrich(two, context("acme", keys));
    EnrichmentResult again = serper.enrich(two, context("acme", keys));
    EnrichmentResult otherTenant = serper.enrich(two, context("globex", keys));
    clock.advance(Duration.ofDays(8));
    EnrichmentResult expired = serper.enrich(two, context("acme", keys));

    assertThat(first.calls()).isEqualTo(1);
    assertThat(first.attributes()).containsOnlyKeys("c-1", "c-2");
    assertThat(again.calls()).isZero();
    assertThat(again.cacheHits()).isEqualTo(2);
    assertThat(otherTenant.calls()).isZero();
    assertThat(expired.calls()).isEqualTo(1);
    wm.verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
  }

  @Test
  void aTenantWithoutKeyIsSkippedWithAReasonAndServedNothingEvenFromTheCache() throws Exception {
    stubAcme();
    serper.enrich(List.of(company("c-1", "Acme", "acme.com")), context("acme", keys));
    wm.resetRequests();

    EnrichmentResult r =
        serper.enrich(List.of(company("c-1", "Acme", "acme.com")), context("initech", keys));

    assertThat(r.skipped()).containsExactly("serper: no API key for this tenant");
    assertThat(r.attributes()).isEmpty();
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aFailedSearchIsReportedAndTheWaterfallFillsItFromTheNextSource() throws Exception {
    stubAcme();
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .withRequestBody(matchingJsonPath("$.q", equalTo("\"Globex\"")))
            .willReturn(aResponse().withStatus(502)));
    Enricher backup =
        new Enricher() {
          @Override
          public String id() {
            return "backup";
          }

          @Override
          public Set<EnrichmentSubject.Kind> kinds() {
            return Set.of(EnrichmentSubject.Kind.COMPANY);
          }

          @Override
          public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext c) {
            EnrichmentResult.Builder b = EnrichmentResult.builder();
            subjects.forEach(s -> b.putAttributes(s.id(), Map.of("description", "from backup")));
            return b.build();
          }
        };

    EnrichmentResult r =
        EnrichmentWaterfall.of(serper, backup)
            .enrich(
                List.of(
                    company("c-acme", "Acme", "acme.com"),
                    company("c-globex", "Globex", "globex.test")),
                context("acme", keys));

    assertThat(r.attributes().get("c-acme"))
        .containsEntry(
            "description", "Acme is a payments company headquartered in San Francisco & Zürich.");
    assertThat(r.attributes().get("c-globex"))
        .containsOnly(Map.entry("description", "from backup"));
    assertThat(r.skipped())
        .containsExactly("serper: search failed (unavailable); 1 subject not enriched");
  }

  @Test
  void theKeyNeverAppearsInLogsReasonsOrToString() throws Exception {
    wm.stubFor(
        post(urlPathEqualTo(SEARCH))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"message\":\"Unauthorized: " + KEY + "\"}")));
    List<EnrichmentResult> results = new ArrayList<>();

    String logs =
        TestSupport.captureLogs(
            () ->
                results.add(
                    serper.enrich(
                        List.of(company("c-1", "Acme", "acme.com")), context("acme", keys))));

    wm.verify(postRequestedFor(urlPathEqualTo(SEARCH)).withHeader("X-API-KEY", equalTo(KEY)));
    assertThat(logs).contains("serper").doesNotContain(KEY);
    assertThat(results.get(0).skipped())
        .containsExactly("serper: search failed (unauthorized); 1 subject not enriched");
    assertThat(results.get(0).toString()).doesNotContain(KEY);
    assertThat(serper.toString()).doesNotContain(KEY);
  }
}
