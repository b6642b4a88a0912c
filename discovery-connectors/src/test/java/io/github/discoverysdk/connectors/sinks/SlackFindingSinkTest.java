package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.reconcile.Finding;
import io.github.discoverysdk.reconcile.FindingKind;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackFindingSinkTest {
  static final String PATH = "/services/T000/B000/CANARY-ops-51c7e2";
  static WireMockServer wm;

  SlackFindingSink sink;
  final Finding finding =
      new Finding(
          FindingKind.OUTBOX_DEAD,
          "acme",
          "entry-7 <b>",
          SinkFixtures.NOW,
          "delivery to crm given up after 3 attempts",
          false);

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
    MutableClock clock = MutableClock.at(SinkFixtures.NOW);
    sink =
        SlackFindingSink.of(
            SlackWebhookSink.builder()
                .id("ops-slack")
                .webhookUrl(Secret.of(TestSupport.base(wm) + PATH))
                .http(SinkFixtures.toolkit(new TestSupport.FakeSleeper(clock)).build())
                .build());
  }

  @Test
  void postsTheFindingsKindTenantSubjectAndKeyEscaped() throws Exception {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("ok")));

    sink.send(finding);

    assertThat(sink.id()).isEqualTo("ops-slack");
    JsonNode body =
        SinkSupport.JSON.readTree(
            wm.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString());
    assertThat(body.get("text").asText())
        .contains("outbox.dead", "tenant acme", "entry-7 &lt;b&gt;", "given up after 3 attempts")
        .doesNotContain("<b>");
    assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo(body.get("text").asText());
    assertThat(body.at("/metadata/event_payload/key").asText()).isEqualTo(finding.key());
  }

  @Test
  void aMessageSlackRefusesForGoodIsAPermanentFailure() {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(404).withBody("no_service")));

    DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sink.send(finding));

    assertThat(e).isNotNull();
    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage()).doesNotContain("CANARY");
  }

  @Test
  void aServerErrorIsRetriedLater() {
    wm.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));

    DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> sink.send(finding));

    assertThat(e).isNotNull();
    assertThat(e.permanent()).isFalse();
  }
}
