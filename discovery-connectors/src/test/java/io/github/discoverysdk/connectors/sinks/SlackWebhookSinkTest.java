package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackWebhookSinkTest {
  static final String PATH = "/services/T000/B000/CANARY-slack-9d2f41";
  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;
  SlackWebhookSink slack;

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
    slack =
        SlackWebhookSink.builder()
            .webhookUrl(Secret.of(TestSupport.base(wm) + PATH))
            .http(http)
            .build();
  }

  private JsonNode sentBody() throws Exception {
    return SinkSupport.JSON.readTree(
        wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString());
  }

  @Test
  void newAlertPostsBlocksWithLinkScoreWhyNowAndOutreachDate() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("ok")));

    slack.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("opp_7f3a")));

    wm.verify(
        1,
        postRequestedFor(urlPathEqualTo(PATH))
            .withHeader("Content-Type", containing("application/json")));
    JsonNode body = sentBody();
    assertThat(body.get("text").asText())
        .isEqualTo(
            "New opportunity: Acme — VP Eng speaking at KubeCon NA 2026 (score 82, strong,"
                + " reach out by 2026-10-29)");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(0).get("text").get("text").asText())
        .isEqualTo(
            "*<https://events.example/kubecon?talk=42&amp;ref=news|Acme — VP Eng speaking at"
                + " KubeCon NA 2026>*");
    assertThat(blocks.get(1).get("text").get("text").asText())
        .isEqualTo(
            "*Why now:* Watchlist account Acme, exact domain match; Speaks at KubeCon NA on"
                + " 2026-11-12");
    assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(2).get("elements").get(0).get("text").asText())
        .isEqualTo(
            "score *82* (strong) · urgency *high* · reach out by *2026-10-29* · window open ·"
                + " profile Fintech EMEA");
    JsonNode button = blocks.get(3).get("elements").get(0);
    assertThat(blocks.get(3).get("type").asText()).isEqualTo("actions");
    assertThat(button.get("type").asText()).isEqualTo("button");
    assertThat(button.get("text").get("text").asText()).isEqualTo("Open");
    assertThat(button.get("url").asText())
        .isEqualTo("https://events.example/kubecon?talk=42&ref=news");
    assertThat(blocks).hasSize(4);
  }

  @Test
  void updatedAlertCarriesTheUpdatedMarkerAndWhatChanged() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("ok")));

    slack.deliver(SinkFixtures.updated("opp_7f3a"));

    JsonNode body = sentBody();
    assertThat(body.get("text").asText()).startsWith("Updated opportunity: Acme — ");
    assertThat(body.get("blocks").get(0).get("text").get("text").asText())
        .startsWith(":arrows_counterclockwise: *Updated* · *<https://events.example/");
    assertThat(body.get("blocks").get(3).get("text").get("text").asText())
        .isEqualTo("*What changed:*\n• Event moved from 2026-11-12 to 2026-11-19");
  }

  @Test
  void aPushedOpportunityIsPostedLikeAnAlert() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("ok")));

    slack.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());
    slack.accept(SinkFixtures.updated("opp_7f3a").opportunity(), SinkFixtures.profile());

    var sent = wm.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    assertThat(sent).hasSize(2);
    assertThat(SinkSupport.JSON.readTree(sent.get(0).getBodyAsString()).get("text").asText())
        .startsWith("New opportunity: Acme");
    assertThat(SinkSupport.JSON.readTree(sent.get(1).getBodyAsString()).get("text").asText())
        .startsWith("Updated opportunity: Acme");
  }

  @Test
  void hostileTextIsEscapedForMrkdwn() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("ok")));

    slack.deliver(SinkFixtures.alert(AlertKind.UPDATED, SinkFixtures.hostile("opp_1")));

    String raw = wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString();
    JsonNode body = SinkSupport.JSON.readTree(raw);
    StringBuilder all = new StringBuilder(body.get("text").asText());
    for (JsonNode block : body.get("blocks")) {
      all.append(block.path("text").path("text").asText());
      all.append(block.path("elements").path(0).path("text").asText(""));
    }
    assertThat(all.toString())
        .doesNotContain("<script>", "<b>", "<Corp>", "<Room 9>", "Tom & Jerry")
        .contains("&lt;script&gt;", "Evil &lt;Corp&gt; &amp; Co", "&lt;Room 9&gt; &amp; later");
  }

  @ParameterizedTest(name = "{0} {1} is permanent")
  @CsvSource({
    "400, invalid_payload, CLIENT_ERROR",
    "400, no_text, CLIENT_ERROR",
    "404, channel_not_found, NOT_FOUND",
    "410, channel_is_archived, NOT_FOUND",
    "404, no_service, NOT_FOUND",
    "403, invalid_token, UNAUTHORIZED",
    "403, action_prohibited, UNAUTHORIZED",
    "404, '', NOT_FOUND",
    "403, '', UNAUTHORIZED",
    "200, no_service, CLIENT_ERROR"
  })
  void slackErrorCodesFailPermanentlyWithoutRetry(int status, String code, Kind kind) {
    wm.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/plain")
                    .withBody(code)));

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> slack.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.permanent()).isTrue();
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.sinkId()).isEqualTo("slack");
    if (!code.isEmpty()) {
      assertThat(e.getMessage()).contains(code);
    }
    assertThat(e.getMessage()).doesNotContain("CANARY");
    wm.verify(1, anyRequestedFor(anyUrl()));
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedUntilSlackAccepts() throws Exception {
    wm.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody("rollup_error"))
            .willSetStateTo("503"));
    wm.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("503")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("ok")));

    slack.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1")));

    wm.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void rateLimitIsRetriedAfterSlacksRetryAfter() throws Exception {
    wm.stubFor(
        post(PATH)
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("ok"));
    wm.stubFor(
        post(PATH)
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("ok")));

    slack.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1")));

    wm.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    assertThat(sleeper.waits).contains(Duration.ofSeconds(7));
  }

  @Test
  void rateLimitThatOutlastsTheRetriesIsTransient() {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> slack.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.permanent()).isFalse();
  }

  @Test
  void redirectsAreNotFollowed() {
    wm.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> slack.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(e.permanent()).isTrue();
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void webhookOnAPrivateAddressIsRefusedWithoutAConnection() {
    HttpToolkit strict = SinkFixtures.toolkit(sleeper).urlGuard(UrlGuard.strict()).build();
    SlackWebhookSink toLoopback =
        SlackWebhookSink.builder()
            .webhookUrl(Secret.of(TestSupport.base(wm) + PATH))
            .http(strict)
            .build();

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () ->
                toLoopback.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(e.kind()).isEqualTo(Kind.UNSAFE_URL);
    assertThat(e.permanent()).isTrue();
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void theWebhookUrlNeverAppearsInLogsOrMessages() {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
    HttpToolkit logged = SinkFixtures.toolkit(sleeper).build();
    SlackWebhookSink sink =
        SlackWebhookSink.builder()
            .webhookUrl(Secret.of(TestSupport.base(wm) + PATH))
            .http(logged)
            .build();

    String logs =
        TestSupport.captureLogs(
            () -> sink.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(logs).contains("DeliveryException").doesNotContain("CANARY");
    assertThat(sink.toString()).doesNotContain("CANARY");
  }

  @Test
  void aWebhookUrlThatIsNotHttpIsRejectedWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                SlackWebhookSink.builder()
                    .webhookUrl(Secret.of("ftp://hooks.example/CANARY"))
                    .http(http)
                    .build())
        .hasMessageContaining("http")
        .hasMessageNotContaining("CANARY");
  }
}
