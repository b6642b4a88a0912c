package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {
  static final String PATH = "/hooks/discovery";
  static final Secret SECRET = Secret.of("whsec-CANARY-4b1c9e77f0");
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;
  WebhookSink sink;

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
    clock = MutableClock.at(SinkFixtures.NOW);
    sleeper = new TestSupport.FakeSleeper(clock);
    http = SinkFixtures.toolkit(sleeper).build();
    sink =
        WebhookSink.builder()
            .url(URI.create(TestSupport.base(wm) + PATH))
            .signingSecret(SECRET)
            .http(http)
            .build();
  }

  private List<LoggedRequest> sent() {
    return wm.findAll(postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void alertIsSignedTimestampedAndCarriesItsIdempotencyKey() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(204)));
    Alert alert = SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("opp_7f3a"));

    sink.deliver(alert);

    LoggedRequest r = sent().get(0);
    assertThat(r.getHeader("X-Discovery-Timestamp"))
        .isEqualTo(Long.toString(SinkFixtures.NOW.getEpochSecond()));
    assertThat(r.getHeader("Idempotency-Key"))
        .isEqualTo(WebhookSink.idempotencyKey(alert))
        .matches("[0-9a-f]{64}");
    assertThat(r.getHeader("X-Discovery-Signature")).matches("sha256=[0-9a-f]{64}");
    assertThat(
            WebhookSink.verify(
                SECRET,
                r.getHeader("X-Discovery-Timestamp"),
                r.getHeader("X-Discovery-Signature"),
                r.getBody(),
                clock,
                Duration.ofMinutes(5)))
        .isTrue();
    JsonNode body = SinkSupport.JSON.readTree(r.getBodyAsString());
    assertThat(body.get("type").asText()).isEqualTo("alert.new");
    assertThat(body.get("idempotencyKey").asText()).isEqualTo(r.getHeader("Idempotency-Key"));
    assertThat(body.get("tenant").asText()).isEqualTo("acme");
    assertThat(body.get("profile").get("id").asText()).isEqualTo("p-1");
    JsonNode o = body.get("opportunity");
    assertThat(o.get("id").asText()).isEqualTo("opp_7f3a");
    assertThat(o.get("company").asText()).isEqualTo("Acme");
    assertThat(o.get("url").asText()).isEqualTo("https://events.example/kubecon?talk=42&ref=news");
    assertThat(o.get("score").get("total").asDouble()).isEqualTo(82.0);
    assertThat(o.get("score").get("strength").asText()).isEqualTo("STRONG");
    assertThat(o.get("score").get("reasons").get(0).asText())
        .isEqualTo("Watchlist account Acme, exact domain match");
    assertThat(o.get("timing").get("outreachDate").asText()).isEqualTo("2026-10-29");
    assertThat(o.get("timing").get("urgency").asText()).isEqualTo("HIGH");
    assertThat(r.getBodyAsString()).doesNotContain("CANARY");
  }

  @Test
  void everyRetryOfAMessageCarriesTheSameIdempotencyKey() throws Exception {
    wm.stubFor(
        post(PATH)
            .inScenario("reset")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("500"));
    wm.stubFor(
        post(PATH)
            .inScenario("reset")
            .whenScenarioStateIs("500")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(PATH)
            .inScenario("reset")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));
    Alert alert = SinkFixtures.updated("opp_7f3a");

    sink.deliver(alert);

    assertThat(sent()).hasSize(3);
    assertThat(sent())
        .extracting(r -> r.getHeader("Idempotency-Key"))
        .containsOnly(WebhookSink.idempotencyKey(alert));
    assertThat(sent())
        .extracting(LoggedRequest::getBodyAsString)
        .containsOnly(sent().get(0).getBodyAsString());
  }

  @Test
  void redeliveringTheSameAlertOrOpportunityVersionKeepsTheKey() {
    Alert a = SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"));
    Alert again = SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"));

    assertThat(WebhookSink.idempotencyKey(a)).isEqualTo(WebhookSink.idempotencyKey(again));
    assertThat(WebhookSink.idempotencyKey(SinkFixtures.updated("o1")))
        .isNotEqualTo(WebhookSink.idempotencyKey(a));
    assertThat(WebhookSink.idempotencyKey(SinkFixtures.kubecon("o1")))
        .isEqualTo(WebhookSink.idempotencyKey(SinkFixtures.kubecon("o1")))
        .isNotEqualTo(WebhookSink.idempotencyKey(SinkFixtures.kubecon("o2")));
  }

  @Test
  void opportunityPushIsSignedWithTheOpportunityKey() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));

    sink.accept(SinkFixtures.kubecon("o9"), SinkFixtures.profile());

    LoggedRequest r = sent().get(0);
    assertThat(r.getHeader("Idempotency-Key"))
        .isEqualTo(WebhookSink.idempotencyKey(SinkFixtures.kubecon("o9")));
    assertThat(SinkSupport.JSON.readTree(r.getBodyAsString()).get("type").asText())
        .isEqualTo("opportunity");
    assertThat(
            WebhookSink.verify(
                SECRET,
                r.getHeader("X-Discovery-Timestamp"),
                r.getHeader("X-Discovery-Signature"),
                r.getBody(),
                clock,
                Duration.ofMinutes(5)))
        .isTrue();
  }

  @Test
  void verifierRejectsTamperingWrongSecretsReplaysAndGarbage() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(clock.instant().getEpochSecond());
    String sig = "sha256=" + WebhookSink.sign(SECRET, ts, body);
    Duration fiveMinutes = Duration.ofMinutes(5);

    assertThat(WebhookSink.verify(SECRET, ts, sig, body, clock, fiveMinutes)).isTrue();
    assertThat(
            WebhookSink.verify(
                SECRET,
                ts,
                sig.toUpperCase().replace("SHA256", "sha256"),
                body,
                clock,
                fiveMinutes))
        .isTrue();
    assertThat(
            WebhookSink.verify(
                SECRET, ts, sig, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), clock, fiveMinutes))
        .isFalse();
    assertThat(
            WebhookSink.verify(
                Secret.of("another-secret-of-length"), ts, sig, body, clock, fiveMinutes))
        .isFalse();
    assertThat(
            WebhookSink.verify(
                SECRET,
                Long.toString(clock.instant().getEpochSecond() + 1),
                sig,
                body,
                clock,
                fiveMinutes))
        .isFalse();
    clock.advance(Duration.ofMinutes(6));
    assertThat(WebhookSink.verify(SECRET, ts, sig, body, clock, fiveMinutes)).isFalse();
    assertThat(WebhookSink.verify(SECRET, null, sig, body, clock, fiveMinutes)).isFalse();
    assertThat(WebhookSink.verify(SECRET, "soon", sig, body, clock, fiveMinutes)).isFalse();
    assertThat(WebhookSink.verify(SECRET, ts, "md5=abc", body, clock, fiveMinutes)).isFalse();
  }

  @Test
  void clientErrorsArePermanentAndNotRetried() {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(422)));

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> sink.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(e.permanent()).isTrue();
    wm.verify(1, anyRequestedFor(anyUrl()));
  }
}
