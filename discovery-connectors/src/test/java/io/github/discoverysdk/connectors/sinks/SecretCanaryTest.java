package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.http.CallRecord;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SEC-8 for every sink: canaries in the URL's path and query (a Discord, Teams or Zapier webhook
 * carries its credential in the path; a gateway may take a key in the query or a path prefix) and
 * in the API token or SMTP password, through a real engine, its outbox and WireMock failing every
 * request (retries log at DEBUG). No canary may appear in the captured log output (slf4j-simple
 * writes to standard error, connectors log at DEBUG in tests), in an exception message, in {@code
 * OutboxEntry.lastError} or in a {@link CallRecord}'s URL, while the request did reach the server
 * with the secret in place.
 */
class SecretCanaryTest {
  static final String PATH_CANARY = "CANARY-path-7c1e";
  static final String QUERY_CANARY = "CANARY-query-0d9b";
  static final String TOKEN_CANARY = "CANARY-token-a5f2";

  WireMockServer wm;
  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  final List<CallRecord> ledger = new CopyOnWriteArrayList<>();
  final List<DiscoveryEngine> engines = new ArrayList<>();

  @BeforeEach
  void start() {
    wm = TestSupport.startWireMock();
    // 503 is retried by the toolkit and logged at DEBUG on each retry; then the outbox stores it.
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("down")));
    clock = MutableClock.at(SinkFixtures.NOW);
    sleeper = new TestSupport.FakeSleeper(clock);
    ledger.clear();
  }

  @AfterEach
  void stop() {
    engines.forEach(DiscoveryEngine::close);
    wm.stop();
  }

  /** Builds one sink against {@code secretUrl} (path and query canaries) or {@code gateway}. */
  interface SinkFactory {
    Object sink(HttpToolkit http, URI secretUrl, URI gateway, CredentialStore credentials)
        throws IOException;
  }

  static Stream<Arguments> sinks() {
    return Stream.of(
        Arguments.of(
            "slack",
            (SinkFactory)
                (http, url, gw, c) ->
                    SlackWebhookSink.builder()
                        .webhookUrl(Secret.of(url.toString()))
                        .http(http)
                        .build()),
        Arguments.of(
            "webhook",
            (SinkFactory)
                (http, url, gw, c) ->
                    WebhookSink.builder()
                        .url(url)
                        .signingSecret(Secret.of("whsec-" + TOKEN_CANARY + "-0123456789"))
                        .http(http)
                        .build()),
        Arguments.of(
            "email",
            (SinkFactory)
                (http, url, gw, c) ->
                    EmailSink.builder()
                        .smtp("127.0.0.1", closedPort())
                        .credentials("alerts", Secret.of(TOKEN_CANARY))
                        .from("alerts@example.com")
                        .to("seller@example.com")
                        .build()),
        Arguments.of(
            "hubspot",
            (SinkFactory)
                (http, url, gw, c) ->
                    HubSpotSink.builder().http(http).baseUrl(gw).credentials(c).build()),
        Arguments.of(
            "salesforce",
            (SinkFactory)
                (http, url, gw, c) ->
                    SalesforceSink.builder().http(http).instanceUrl(gw).credentials(c).build()),
        Arguments.of(
            "pipedrive",
            (SinkFactory)
                (http, url, gw, c) ->
                    PipedriveSink.builder()
                        .http(http)
                        .baseUrl(gw)
                        .credentials(c)
                        .externalIdField("abc123")
                        .build()));
  }

  /** Delivers one alert or pushes one opportunity straight to the sink; returns its failure. */
  private static Exception deliverDirectly(Object sink) {
    try {
      if (sink instanceof AlertSink a) {
        a.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1")));
      } else {
        ((OpportunitySink) sink).accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());
      }
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort(); // closed again: connecting is refused
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sinks")
  void noCanaryInLogsMessagesStoredErrorsOrCallRecords(String name, SinkFactory factory)
      throws Exception {
    HttpToolkit http =
        SinkFixtures.toolkit(sleeper).jitter(0).callListener(ledger::add).maxAttempts(3).build();
    URI secretUrl =
        URI.create(
            TestSupport.base(wm) + "/hook/" + PATH_CANARY + "/x?token=" + QUERY_CANARY + "&a=1");
    URI gateway = URI.create(TestSupport.base(wm) + "/gw/" + PATH_CANARY);
    CredentialStore credentials =
        CredentialStore.of(
            Map.of(
                "acme/hubspot", Secret.of(TOKEN_CANARY),
                "acme/salesforce", Secret.of(TOKEN_CANARY),
                "acme/pipedrive", Secret.of(TOKEN_CANARY)));
    Object sink = factory.sink(http, secretUrl, gateway, credentials);
    InMemoryStorage storage = InMemoryStorage.create();
    ScriptedSource source = ScriptedSource.feed("events");
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(source)
            .scorer(TestSupport.scorer())
            .clock(clock);
    boolean alerting = sink instanceof AlertSink && !(sink instanceof OpportunitySink);
    if (alerting || name.equals("slack") || name.equals("webhook")) {
      b.addAlertSink((AlertSink) sink);
    } else {
      b.addOpportunitySink((OpportunitySink) sink);
    }
    DiscoveryEngine engine = b.build();
    engines.add(engine);

    String logs =
        TestSupport.captureLogs(
            () -> {
              Profile p = engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme")));
              source.publish(
                  Fixtures.signal(
                      "events",
                      "e1",
                      SignalType.NEWS,
                      "Acme raises a Series C",
                      SinkFixtures.NOW.minusSeconds(3_600),
                      OrganizationMention.of("Acme", OrganizationRole.SUBJECT)));
              engine.discover(p.id());
              if (!(sink instanceof AlertSink)) {
                engine.push(
                    engine
                        .feed(io.github.discoverysdk.model.FeedQuery.forProfile(p.id()).build())
                        .items()
                        .get(0)
                        .id(),
                    ((OpportunitySink) sink).id());
              }
              // Also deliver once outside the engine, so that the exception itself is printed.
              engine.dispatch();
            });
    List<OutboxEntry> outbox = engine.outbox("acme", 100);
    Exception direct = deliverDirectly(sink);

    assertThat(direct).isInstanceOf(DeliveryException.class);
    for (Throwable t = direct; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("CANARY");
      assertThat(t.toString()).doesNotContain("CANARY");
    }

    assertThat(outbox).isNotEmpty();
    assertThat(outbox)
        .allSatisfy(
            e -> {
              assertThat(e.lastError()).isPresent();
              assertThat(e.lastError().get()).doesNotContain("CANARY");
            });
    assertThat(logs).doesNotContain("CANARY");
    assertThat(ledger).extracting(CallRecord::url).noneMatch(u -> u.contains("CANARY"));
    assertThat(ledger.toString()).doesNotContain("CANARY");
    assertThat(sink.toString()).doesNotContain("CANARY");
    if (!name.equals("email")) {
      // The secrets did go where they belong: the request reached the server with them.
      List<LoggedRequest> requests =
          wm.findAll(anyRequestedFor(urlPathMatching(".*" + PATH_CANARY + ".*")));
      assertThat(requests).isNotEmpty();
      assertThat(ledger).isNotEmpty();
    }
  }
}
