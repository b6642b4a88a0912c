package io.github.discoverysdk.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.TestSupport.FakeSleeper;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The egress proxy option (#19): requests go through the proxy, the proxy's own (loopback) address
 * is allowed because the host configured it, and every target is still resolved and checked by the
 * SSRF guard. WireMock plays the proxy: with browser proxying on it answers proxied requests from
 * its stubs, matched on the target's Host header.
 */
class EgressProxyTest {
  /** A public address (it need not answer: the proxy answers for it). */
  static final String TARGET = "93.184.215.14";

  static WireMockServer proxy;
  SourceContext context;
  FakeSleeper sleeper;

  @BeforeAll
  static void start() {
    proxy =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .enableBrowserProxying(true));
    proxy.start();
  }

  @AfterAll
  static void stop() {
    proxy.stop();
  }

  @BeforeEach
  void reset() {
    proxy.resetAll();
    MutableClock clock = MutableClock.at(Instant.parse("2026-09-01T12:00:00Z"));
    sleeper = new FakeSleeper(clock);
    context = SourceContext.of(clock, "acme", "run-1");
  }

  private HttpToolkit.Builder toolkit(EgressProxy egress) {
    return HttpToolkit.builder()
        .clock(sleeper.clock)
        .sleeper(sleeper)
        .maxAttempts(1)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(5))
        .proxy(egress);
  }

  private static HttpCall call(String url) {
    return HttpCall.get("src", URI.create(url)).build();
  }

  @Test
  void aPublicTargetIsFetchedThroughTheProxyWithTheStrictGuard() throws Exception {
    proxy.stubFor(
        get(urlPathEqualTo("/jobs")).withHost(equalTo(TARGET)).willReturn(ok("via proxy")));

    HttpResult r =
        toolkit(EgressProxy.http("127.0.0.1", proxy.port()))
            .build()
            .execute(call("http://" + TARGET + "/jobs"), context);

    assertThat(r.text()).isEqualTo("via proxy");
    proxy.verify(1, getRequestedFor(urlPathEqualTo("/jobs")).withHost(equalTo(TARGET)));
  }

  @Test
  void nonPublicTargetsAreRefusedBeforeAnythingReachesTheProxy() {
    HttpToolkit http = toolkit(EgressProxy.http("127.0.0.1", proxy.port())).build();

    for (String url :
        new String[] {
          "http://127.0.0.1:" + proxy.port() + "/__admin/mappings", // the proxy itself as target
          "http://169.254.169.254/latest/meta-data/",
          "http://10.0.0.5/",
          "http://localhost/",
          "http://metadata.google.internal/"
        }) {
      assertThatThrownBy(() -> http.execute(call(url), context))
          .as(url)
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSAFE_URL));
    }
    assertThat(proxy.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRedirectToAPrivateAddressIsRefusedThroughTheProxyToo() {
    proxy.stubFor(
        get(urlPathEqualTo("/r"))
            .withHost(equalTo(TARGET))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "http://192.168.1.1/admin")));
    HttpCall follow = HttpCall.get("src", URI.create("http://" + TARGET + "/r")).build();

    assertThatThrownBy(
            () ->
                toolkit(EgressProxy.http("127.0.0.1", proxy.port()))
                    .build()
                    .execute(follow, context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSAFE_URL));
    proxy.verify(1, getRequestedFor(urlPathEqualTo("/r")));
  }

  @Test
  void basicCredentialsAnswerTheProxysChallengeAndAreNeverShown() throws Exception {
    proxy.stubFor(
        get(urlPathEqualTo("/p"))
            .withHost(equalTo(TARGET))
            .withHeader("Proxy-Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"egress\"")));
    proxy.stubFor(
        get(urlPathEqualTo("/p"))
            .withHost(equalTo(TARGET))
            .withHeader("Proxy-Authorization", equalTo("Basic dXNlcjpzM2NyZXQ="))
            .willReturn(ok("authorised")));
    EgressProxy egress =
        EgressProxy.http("127.0.0.1", proxy.port()).withBasicAuth("user", Secret.of("s3cret"));

    HttpResult r = toolkit(egress).build().execute(call("http://" + TARGET + "/p"), context);

    assertThat(r.text()).isEqualTo("authorised");
    assertThat(egress.toString()).contains("user").doesNotContain("s3cret");
  }

  @Test
  void wrongCredentialsFailOnceInsteadOfLooping() {
    proxy.stubFor(
        get(urlPathEqualTo("/p"))
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"egress\"")));
    EgressProxy egress =
        EgressProxy.http("127.0.0.1", proxy.port()).withBasicAuth("user", Secret.of("wrong"));

    assertThatThrownBy(
            () -> toolkit(egress).build().execute(call("http://" + TARGET + "/p"), context))
        .isInstanceOf(ConnectorException.class);
    assertThat(proxy.getAllServeEvents()).hasSize(2); // the first try and one with credentials
  }

  @Test
  void aProxyIsAHostAndAPortNothingElse() {
    for (String bad : new String[] {"", " ", "http://proxy", "proxy:8080", "proxy/x", "u@proxy"}) {
      assertThatThrownBy(() -> EgressProxy.http(bad, 3128))
          .as(bad)
          .isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> EgressProxy.http("proxy.corp", 0))
        .isInstanceOf(ValidationException.class);
    assertThat(EgressProxy.http("Proxy.Corp", 3128).host()).isEqualTo("proxy.corp");
  }
}
