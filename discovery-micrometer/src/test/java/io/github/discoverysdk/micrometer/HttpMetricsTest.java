package io.github.discoverysdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.testkit.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP through the connectors' toolkit, against WireMock on loopback, on a fake clock. */
class HttpMetricsTest {
  final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T09:00:00Z"));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final DiscoveryMetrics metrics = DiscoveryMetrics.create();
  WireMockServer wm;
  HttpToolkit http;

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    metrics.bindTo(registry);
    http =
        HttpToolkit.builder()
            .clock(clock)
            .sleeper(clock::advance) // waiting moves the fake clock: latency is the backoff
            .urlGuard(UrlGuard.strict().allowingHosts("127.0.0.1"))
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(2))
            .jitter(0)
            .backoff(Duration.ofSeconds(3), Duration.ofSeconds(30))
            .circuitBreaker(2, Duration.ofMinutes(1))
            .httpCallListener(metrics)
            .build();
  }

  @AfterEach
  void stop() {
    http.close();
    wm.stop();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + wm.port() + path);
  }

  private void call(String source, String path, Duration cacheTtl) throws Exception {
    http.execute(
        HttpCall.get(source, url(path)).cacheTtl(cacheTtl).build(),
        SourceContext.of(clock, "acme", "run-1"));
  }

  @Test
  void callsAreCountedByStatusAndCacheAndTimedOnTheToolkitsClock() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/jobs"))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wm.stubFor(
        get(urlEqualTo("/jobs"))
            .inScenario("busy")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200).withBody("[]")));

    call("jobs", "/jobs", Duration.ofMinutes(5));
    call("jobs", "/jobs", Duration.ofMinutes(5));

    assertThat(
            registry
                .get("discovery.http.calls")
                .tags("source", "jobs", "status", "200", "cache", "miss", "outcome", "ok")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("discovery.http.calls")
                .tags("source", "jobs", "cache", "hit")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("discovery.http.cache.hit.ratio").tag("source", "jobs").gauge().value())
        .isEqualTo(0.5);
    Timer latency = registry.get("discovery.http.latency").tag("source", "jobs").timer();
    assertThat(latency.count()).as("cache hits are not timed").isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.SECONDS)).as("the one backoff after 503").isEqualTo(3);
  }

  @Test
  void theCircuitBreakersStateIsAGaugePerSource() throws Exception {
    wm.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
    wm.stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200).withBody("ok")));
    call("healthy", "/up", Duration.ZERO);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> call("flaky", "/down", Duration.ZERO))
          .isInstanceOf(ConnectorException.class);
    }

    assertThat(state("flaky", "open")).isEqualTo(1);
    assertThat(state("flaky", "closed")).isZero();
    assertThat(state("healthy", "closed")).isEqualTo(1);
    assertThatThrownBy(() -> call("flaky", "/down", Duration.ZERO))
        .isInstanceOf(ConnectorException.class);
    assertThat(
            registry
                .get("discovery.http.calls")
                .tags("source", "flaky", "status", "none", "outcome", "circuit_open")
                .counter()
                .count())
        .as("refused without a request")
        .isEqualTo(1);
    assertThat(wm.getAllServeEvents()).hasSize(3);

    clock.advance(Duration.ofMinutes(1));
    assertThat(state("flaky", "half_open")).isEqualTo(1);
  }

  private double state(String source, String state) {
    return registry
        .get("discovery.http.circuit.state")
        .tags("source", source, "state", state)
        .gauge()
        .value();
  }
}
