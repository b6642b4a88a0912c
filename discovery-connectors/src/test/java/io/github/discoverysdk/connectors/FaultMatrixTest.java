package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source, every fault, through a real engine run on in-memory storage next to a healthy
 * source: the run completes, the fault is counted, the healthy source is unaffected and the faulty
 * source's watermark stays where the last stored data left it.
 */
class FaultMatrixTest {
  static final String TENANT = "fault-tenant";
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;

  /** A source under test: how to build it, the path its data comes from, and a valid answer. */
  record Case(
      String name,
      BiFunction<HttpToolkit, URI, SignalSource> factory,
      String dataPath,
      String body,
      String contentType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> sources() {
    return List.of(
        new Case(
            "greenhouse",
            (h, b) -> GreenhouseJobs.builder().board("vaulttec").http(h).baseUrl(b).build(),
            "/v1/boards/vaulttec/jobs",
            TestSupport.payload("greenhouse-jobs.json"),
            "application/json"),
        new Case(
            "lever",
            (h, b) ->
                LeverJobs.builder()
                    .site("leverdemo")
                    .companyName("Lever Demo")
                    .http(h)
                    .baseUrl(b)
                    .build(),
            "/v0/postings/leverdemo",
            TestSupport.payload("lever-postings.json"),
            "application/json"),
        new Case(
            "ashby",
            (h, b) ->
                AshbyJobs.builder().board("acme").companyName("Acme").http(h).baseUrl(b).build(),
            "/posting-api/job-board/acme",
            TestSupport.payload("ashby-board.json"),
            "application/json"),
        new Case(
            "sec-edgar",
            (h, b) -> SecEdgar.builder().userAgent("Tests ops@x.test").http(h).baseUrl(b).build(),
            "/submissions/CIK0001234567.json",
            TestSupport.payload("sec-submissions-acme.json"),
            "application/json"),
        new Case(
            "rss",
            (h, b) ->
                RssNews.builder()
                    .id("newsroom")
                    .url(URI.create(b + "/feed.xml"))
                    .publisher("Acme")
                    .http(h)
                    .build(),
            "/feed.xml",
            TestSupport.payload("newsroom.rss"),
            "application/rss+xml"),
        new Case(
            "google-news",
            (h, b) -> GoogleNews.builder().http(h).baseUrl(b).build(),
            "/rss/search",
            TestSupport.payload("google-news.rss"),
            "application/rss+xml"),
        new Case(
            "icalendar",
            (h, b) ->
                ICalendarEvents.builder()
                    .id("meetup")
                    .url(URI.create(b + "/events.ics"))
                    .http(h)
                    .build(),
            "/events.ics",
            TestSupport.payload("meetup.ics"),
            "text/calendar"),
        new Case(
            "gdelt",
            (h, b) -> GdeltNews.builder().http(h).baseUrl(b).build(),
            "/api/v2/doc/doc",
            TestSupport.payload("gdelt-artlist.json"),
            "application/json"),
        new Case(
            "confs-tech",
            (h, b) ->
                ConfsTechEvents.builder()
                    .year(2026)
                    .addTopics("leadership")
                    .http(h)
                    .baseUrl(b)
                    .build(),
            "/tech-conferences/conference-data/main/conferences/2026/leadership.json",
            TestSupport.payload("confs-tech-leadership.json"),
            "application/json"),
        new Case(
            "sessionize",
            (h, b) ->
                SessionizeSpeakers.builder()
                    .endpointId("jl4ktls0")
                    .eventName("KubeCon NA 2026")
                    .dates(
                        java.time.LocalDate.of(2026, 11, 10), java.time.LocalDate.of(2026, 11, 13))
                    .http(h)
                    .baseUrl(b)
                    .build(),
            "/api/v2/jl4ktls0/view/Speakers",
            TestSupport.payload("sessionize-speakers.json"),
            "application/json"));
  }

  static List<String> faults() {
    return List.of(
        "429 with Retry-After",
        "500",
        "502",
        "503",
        "connection reset",
        "empty body",
        "malformed body",
        "oversized body",
        "slow past timeout");
  }

  static Stream<Arguments> matrix() {
    List<Arguments> all = new ArrayList<>();
    for (Case c : sources()) {
      for (String f : faults()) {
        all.add(Arguments.of(c, f));
      }
    }
    return all.stream();
  }

  static Stream<Case> eachSource() {
    return sources().stream();
  }

  @BeforeAll
  static void startServer() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stopServer() {
    wm.stop();
  }

  @BeforeEach
  void setUp() {
    wm.resetAll();
    clock = MutableClock.at(Instant.parse("2026-09-10T08:00:00Z"));
    sleeper = new TestSupport.FakeSleeper(clock);
    http =
        TestSupport.toolkit(sleeper)
            .readTimeout(TestSupport.SHORT_READ_TIMEOUT) // "slow past timeout" answers after 800 ms
            .maxBodyBytes(256 * 1024)
            .maxAttempts(2)
            .circuitBreaker(100, Duration.ofMinutes(1))
            .build();
    wm.stubFor(
        get(urlPathMatching("/files/company_tickers.json"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(TestSupport.payload("sec-company-tickers.json"))));
  }

  private ResponseDefinitionBuilder valid(Case c) {
    return aResponse().withHeader("Content-Type", c.contentType()).withBody(c.body());
  }

  private static ResponseDefinitionBuilder fault(String fault) {
    return switch (fault) {
      case "429 with Retry-After" -> aResponse().withStatus(429).withHeader("Retry-After", "2");
      case "500" -> aResponse().withStatus(500);
      case "502" -> aResponse().withStatus(502);
      case "503" -> aResponse().withStatus(503);
      case "connection reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
      case "empty body" -> aResponse().withStatus(200).withBody("");
      case "malformed body" -> aResponse().withStatus(200).withBody("<<<{{{ not a valid document");
      case "oversized body" -> aResponse().withStatus(200).withBody("x".repeat(300 * 1024));
      case "slow past timeout" -> aResponse().withStatus(200).withBody("late").withFixedDelay(800);
      default -> throw new IllegalArgumentException(fault);
    };
  }

  private Profile profile() {
    return Fixtures.profile(TENANT, "Fault matrix", Company.of("Acme", "acme.com"));
  }

  private RunReport run(InMemoryStorage storage, SignalSource faulty, ScriptedSource healthy) {
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(faulty)
            .addSource(healthy)
            .scorer(TestSupport.scorer())
            .clock(clock)
            .build()) {
      if (engine.profiles().list(TENANT).isEmpty()) {
        engine.profiles().save(profile());
      }
      return engine.discoverAll(TENANT);
    }
  }

  private static SourceStats stats(RunReport r, String sourceId) {
    return r.sources().stream()
        .filter(s -> s.sourceId().equals(sourceId))
        .findFirst()
        .orElseThrow();
  }

  private List<Optional<Watermark>> watermarks(InMemoryStorage storage, SignalSource source) {
    List<Optional<Watermark>> w = new ArrayList<>();
    for (SourceQuery q : source.plan(profile())) {
      w.add(storage.sourceState().findWatermark(TENANT, source.id(), q.key()));
    }
    return w;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("matrix")
  void aFaultEndsTheRunCountedWithOtherSourcesUnaffectedAndTheWatermarkKept(Case c, String fault) {
    InMemoryStorage storage = InMemoryStorage.create();
    SignalSource source = c.factory().apply(http, TestSupport.base(wm));
    ScriptedSource healthy = ScriptedSource.feed("healthy");
    wm.stubFor(get(urlPathMatching(c.dataPath())).willReturn(valid(c)));
    healthy.publish(
        Fixtures.signal("healthy", "h-1", SignalType.NEWS, "Acme opens office", clock.instant()));
    RunReport first = run(storage, source, healthy);
    assertThat(first.status()).as("first run").isEqualTo(RunStatus.SUCCEEDED);
    List<Optional<Watermark>> before = watermarks(storage, source);
    assertThat(before).allSatisfy(w -> assertThat(w).isPresent());

    wm.stubFor(get(urlPathMatching(c.dataPath())).willReturn(fault(fault)));
    healthy.publish(
        Fixtures.signal("healthy", "h-2", SignalType.NEWS, "Acme hires a CRO", clock.instant()));
    clock.advance(Duration.ofDays(2)); // past every response cache
    RunReport second = run(storage, source, healthy);

    assertThat(second.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(stats(second, source.id()).errors()).isGreaterThanOrEqualTo(1);
    assertThat(second.errors()).anySatisfy(e -> assertThat(e).contains(source.id()));
    assertThat(stats(second, "healthy").errors()).isZero();
    assertThat(stats(second, "healthy").recordsFetched()).isEqualTo(1);
    assertThat(watermarks(storage, source)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachSource")
  void aTransient503RecoversWithExactlyTwoRequests(Case c) {
    InMemoryStorage storage = InMemoryStorage.create();
    SignalSource source = c.factory().apply(http, TestSupport.base(wm));
    wm.stubFor(
        get(urlPathMatching(c.dataPath()))
            .inScenario("t")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wm.stubFor(
        get(urlPathMatching(c.dataPath()))
            .inScenario("t")
            .whenScenarioStateIs("up")
            .willReturn(valid(c)));

    RunReport r = run(storage, source, ScriptedSource.feed("healthy"));

    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(stats(r, source.id()).recordsFetched()).isPositive();
    wm.verify(2, getRequestedFor(urlPathMatching(c.dataPath())));
    assertThat(watermarks(storage, source)).allSatisfy(w -> assertThat(w).isPresent());
  }
}
