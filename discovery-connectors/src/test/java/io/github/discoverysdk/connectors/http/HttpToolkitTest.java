package io.github.discoverysdk.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.TestSupport.FakeSleeper;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpToolkitTest {
  private static WireMockServer wm;
  private MutableClock clock;
  private FakeSleeper sleeper;
  private SourceContext context;
  private final List<CallRecord> ledger = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    clock = MutableClock.at(Instant.parse("2026-09-01T12:00:00Z"));
    sleeper = new FakeSleeper(clock);
    context = SourceContext.of(clock, "acme", "run-1");
  }

  private HttpToolkit toolkit() {
    return TestSupport.toolkit(sleeper).jitter(0).callListener(ledger::add).build();
  }

  private URI url(String path) {
    return URI.create(wm.baseUrl().replace("localhost", "127.0.0.1") + path);
  }

  private HttpCall call(String path) {
    return HttpCall.get("src", url(path)).build();
  }

  @Test
  void aTransient503IsRetriedAfterBackoffAndRecoversWithTwoRequests() throws Exception {
    wm.stubFor(
        get("/x")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wm.stubFor(get("/x").inScenario("s").whenScenarioStateIs("up").willReturn(ok("fine")));

    HttpResult r = toolkit().execute(call("/x"), context);

    assertThat(r.text()).isEqualTo("fine");
    wm.verify(2, getRequestedFor(urlEqualTo("/x")));
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500));
    assertThat(ledger)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.requests()).isEqualTo(2);
              assertThat(c.cacheHit()).isFalse();
              assertThat(c.tenant()).isEqualTo("acme");
            });
  }

  @Test
  void retryBackoffDoublesAndIsCappedAndFailsTypedAfterMaxAttempts() {
    wm.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
    HttpToolkit http =
        TestSupport.toolkit(sleeper)
            .jitter(0)
            .maxAttempts(4)
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .build();

    assertThatThrownBy(() -> http.execute(call("/down"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.sourceId()).isEqualTo("src");
            });
    wm.verify(4, getRequestedFor(urlEqualTo("/down")));
    assertThat(sleeper.waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void jitterSpreadsFirstRetryDelays() {
    HttpToolkit http = TestSupport.toolkit(sleeper).jitter(0.5).build();
    List<Long> delays = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      delays.add(http.delayFor(1).toMillis());
    }
    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(250L, 750L));
    assertThat(delays.stream().distinct().count()).isGreaterThan(20);
  }

  @Test
  void a429HonoursRetryAfterInSeconds() throws Exception {
    wm.stubFor(
        get("/r")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("ok"));
    wm.stubFor(get("/r").inScenario("s").whenScenarioStateIs("ok").willReturn(ok("x")));

    toolkit().execute(call("/r"), context);

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    wm.verify(2, getRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void a429HonoursRetryAfterAsHttpDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(42).atOffset(ZoneOffset.UTC));
    wm.stubFor(
        get("/r")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", date))
            .willSetStateTo("ok"));
    wm.stubFor(get("/r").inScenario("s").whenScenarioStateIs("ok").willReturn(ok("x")));

    toolkit().execute(call("/r"), context);

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void aRetryAfterBeyondTheCapFailsAtOnceAsRateLimited() {
    wm.stubFor(get("/r").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> toolkit().execute(call("/r"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofHours(1));
            });
    wm.verify(1, getRequestedFor(urlEqualTo("/r")));
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void connectionResetsAreRetried() throws Exception {
    wm.stubFor(
        get("/reset")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    wm.stubFor(get("/reset").inScenario("s").whenScenarioStateIs("ok").willReturn(ok("back")));

    assertThat(toolkit().execute(call("/reset"), context).text()).isEqualTo("back");
    wm.verify(2, getRequestedFor(urlEqualTo("/reset")));
  }

  @Test
  void aSlowResponsePastTheTimeoutFailsAsUnavailable() {
    wm.stubFor(get("/slow").willReturn(ok("late").withFixedDelay(1_000)));
    HttpToolkit http =
        TestSupport.toolkit(sleeper)
            .readTimeout(TestSupport.SHORT_READ_TIMEOUT)
            .maxAttempts(1)
            .build();

    assertThatThrownBy(() -> http.execute(call("/slow"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE));
  }

  @Test
  void notFoundIsTypedAndNotRetried() {
    wm.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> toolkit().execute(call("/gone"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.NOT_FOUND));
    wm.verify(1, getRequestedFor(urlEqualTo("/gone")));
  }

  @Test
  void theBreakerOpensSendsNothingWhileOpenAndProbesOnceAfterTheWait() throws Exception {
    wm.stubFor(get("/b").willReturn(aResponse().withStatus(500)));
    HttpToolkit http =
        TestSupport.toolkit(sleeper)
            .maxAttempts(1)
            .circuitBreaker(3, Duration.ofMinutes(1))
            .build();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> http.execute(call("/b"), context));
    }
    assertThat(http.isCircuitOpen("src")).isTrue();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> http.execute(call("/b"), context))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CIRCUIT_OPEN));
    }
    wm.verify(3, getRequestedFor(urlEqualTo("/b")));

    clock.advance(Duration.ofMinutes(1));
    wm.stubFor(get("/b").willReturn(ok("up")));
    assertThat(http.execute(call("/b"), context).text()).isEqualTo("up");
    wm.verify(4, getRequestedFor(urlEqualTo("/b")));
    assertThat(http.isCircuitOpen("src")).isFalse();
  }

  @Test
  void aGzipBombIsCutAtTheCapAfterDecompression() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(new byte[4 * 1024 * 1024]);
    }
    assertThat(bytes.size()).isLessThan(64 * 1024);
    wm.stubFor(
        get("/bomb")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(bytes.toByteArray())));
    HttpToolkit http = TestSupport.toolkit(sleeper).maxBodyBytes(1024 * 1024).build();

    assertThatThrownBy(() -> http.execute(call("/bomb"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RESPONSE_TOO_LARGE));
    wm.verify(1, getRequestedFor(urlEqualTo("/bomb")));
  }

  @Test
  void anUnaskedContentEncodingIsRefused() {
    wm.stubFor(
        get("/br").willReturn(aResponse().withHeader("Content-Encoding", "br").withBody("xx")));

    assertThatThrownBy(() -> toolkit().execute(call("/br"), context))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Content-Encoding");
  }

  @Test
  void conditionalGetSendsValidatorsAndServesTheStoredBodyOn304() throws Exception {
    wm.stubFor(
        get("/feed")
            .willReturn(
                ok("v1")
                    .withHeader("ETag", "\"abc\"")
                    .withHeader("Last-Modified", "Tue, 01 Sep 2026 10:00:00 GMT")));
    HttpToolkit http = toolkit();
    http.execute(call("/feed"), context);
    wm.stubFor(
        get("/feed")
            .withHeader("If-None-Match", equalTo("\"abc\""))
            .willReturn(aResponse().withStatus(304)));

    HttpResult second = http.execute(call("/feed"), context);

    assertThat(second.notModified()).isTrue();
    assertThat(second.text()).isEqualTo("v1");
    wm.verify(
        getRequestedFor(urlEqualTo("/feed"))
            .withHeader("If-Modified-Since", equalTo("Tue, 01 Sep 2026 10:00:00 GMT")));
  }

  @Test
  void identicalCallsWithinTheTtlShareOneRequestAndExpireWithTheClock() throws Exception {
    wm.stubFor(get("/q").willReturn(ok("answer")));
    HttpToolkit http = toolkit();
    HttpCall c = HttpCall.get("src", url("/q")).cacheTtl(Duration.ofMinutes(5)).cost(0.25).build();

    HttpResult first = http.execute(c, context);
    HttpResult second = http.execute(c, SourceContext.of(clock, "other-tenant", "run-2"));

    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    wm.verify(1, getRequestedFor(urlEqualTo("/q")));
    assertThat(ledger)
        .extracting(CallRecord::cacheHit, CallRecord::estimatedCost, CallRecord::tenant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(false, 0.25, "acme"),
            org.assertj.core.groups.Tuple.tuple(true, 0.0, "other-tenant"));

    clock.advance(Duration.ofMinutes(6));
    assertThat(http.execute(c, context).fromCache()).isFalse();
    wm.verify(2, getRequestedFor(urlEqualTo("/q")));
  }

  @Test
  void concurrentIdenticalCallsAreCoalescedIntoOneRequest() throws Exception {
    wm.stubFor(get("/c").willReturn(ok("shared")));
    HttpToolkit http = toolkit();
    HttpCall c = HttpCall.get("src", url("/c")).cacheTtl(Duration.ofMinutes(5)).build();

    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<HttpResult>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> http.execute(c, context)));
      }
      for (java.util.concurrent.Future<HttpResult> f : futures) {
        assertThat(f.get().text()).isEqualTo("shared");
      }
    } finally {
      pool.shutdown();
    }
    wm.verify(1, getRequestedFor(urlEqualTo("/c")));
  }

  @Test
  void failuresAreNotCached() throws Exception {
    wm.stubFor(
        get("/f")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(404))
            .willSetStateTo("ok"));
    wm.stubFor(get("/f").inScenario("s").whenScenarioStateIs("ok").willReturn(ok("now")));
    // One attempt and a generous timeout: on a loaded machine a 404 answered after the short
    // read timeout would be retried into the "ok" state, and the test would prove nothing.
    HttpToolkit http =
        TestSupport.toolkit(sleeper)
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(20))
            .maxAttempts(1)
            .build();
    HttpCall c = HttpCall.get("src", url("/f")).cacheTtl(Duration.ofMinutes(5)).build();

    assertThatThrownBy(() -> http.execute(c, context)).isInstanceOf(ConnectorException.class);
    assertThat(http.execute(c, context).text()).isEqualTo("now");
  }

  @Test
  void theRateLimitSpacesRequestsOnTheInjectedClock() throws Exception {
    wm.stubFor(get("/l").willReturn(ok("x")));
    HttpToolkit http = toolkit();
    http.rateLimit("src", RateLimit.oneEvery(Duration.ofSeconds(5)));

    for (int i = 0; i < 3; i++) {
      http.execute(call("/l"), context);
    }

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void theStrictGuardRefusesLoopbackWithoutSendingAnything() {
    wm.stubFor(get("/internal").willReturn(ok("secret")));
    HttpToolkit http = HttpToolkit.builder().clock(clock).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.execute(call("/internal"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSAFE_URL));
    wm.verify(0, getRequestedFor(urlEqualTo("/internal")));
  }

  @Test
  void aRedirectToAPrivateAddressIsNotFollowed() {
    wm.stubFor(
        get("/hop")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

    assertThatThrownBy(() -> toolkit().execute(call("/hop"), context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSAFE_URL));
  }

  @Test
  void secretsNeverAppearInMessagesLedgerOrToString() {
    String canary = "sk-CANARY-7f3a9";
    wm.stubFor(get(urlPathEqualTo("/k")).willReturn(aResponse().withStatus(401)));
    HttpCall c =
        HttpCall.get("src", url("/k?api_key=" + canary))
            .secretHeader("X-Api-Key", Secret.of(canary))
            .build();

    assertThatThrownBy(() -> toolkit().execute(c, context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage()).doesNotContain(canary);
            });
    assertThat(c.toString()).doesNotContain(canary);
    assertThat(Secret.of(canary).toString()).doesNotContain(canary);
    assertThat(ledger.toString()).doesNotContain(canary);
    wm.verify(getRequestedFor(urlPathEqualTo("/k")).withHeader("X-Api-Key", equalTo(canary)));
  }

  @Test
  void theUserAgentIsSentAndACallMayOverrideIt() throws Exception {
    wm.stubFor(get("/ua").willReturn(ok("x")));
    HttpToolkit http = TestSupport.toolkit(sleeper).userAgent("Acme/1.0 (ops@acme.test)").build();

    http.execute(call("/ua"), context);
    http.execute(
        HttpCall.get("src", url("/ua")).header("User-Agent", "Other a@b.test").build(), context);

    wm.verify(
        getRequestedFor(urlEqualTo("/ua"))
            .withHeader("User-Agent", equalTo("Acme/1.0 (ops@acme.test)")));
    wm.verify(
        getRequestedFor(urlEqualTo("/ua")).withHeader("User-Agent", equalTo("Other a@b.test")));
  }
}
