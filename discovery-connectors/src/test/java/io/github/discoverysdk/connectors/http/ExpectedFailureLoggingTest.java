package io.github.discoverysdk.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.GreenhouseJobs;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.TestSupport.FakeSleeper;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * All logging goes through SLF4J (#19): an expected failure of a cached call must not reach
 * java.util.logging, where Caffeine's System.Logger printed "Exception thrown during asynchronous
 * load" with a full stack trace for every 404 or refused URL. The root JUL logger is watched, so
 * any library logging there (Caffeine, OkHttp) is caught.
 */
class ExpectedFailureLoggingTest {
  private static WireMockServer wm;
  private final List<LogRecord> jul = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          jul.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Logger root;
  private Level rootLevel;
  private FakeSleeper sleeper;
  private SourceContext context;

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void watchJul() {
    wm.resetAll();
    MutableClock clock = MutableClock.at(Instant.parse("2026-09-01T12:00:00Z"));
    sleeper = new FakeSleeper(clock);
    context = SourceContext.of(clock, "acme", "run-1");
    root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void unwatchJul() {
    root.removeHandler(capture);
    root.setLevel(rootLevel);
  }

  private URI url(String path) {
    return URI.create(wm.baseUrl().replace("localhost", "127.0.0.1") + path);
  }

  private static List<String> described(List<LogRecord> records) {
    return records.stream()
        .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
        .map(r -> r.getLoggerName() + ": " + r.getMessage())
        .toList();
  }

  @Test
  void aCachedCallAnsweredWith404PrintsNothingToJavaUtilLogging() {
    wm.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
    HttpToolkit http = TestSupport.toolkit(sleeper).jitter(0).build();
    HttpCall call = HttpCall.get("src", url("/gone")).cacheTtl(Duration.ofMinutes(5)).build();

    assertThatThrownBy(() -> http.execute(call, context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.NOT_FOUND));

    assertThat(described(jul)).isEmpty();
  }

  @Test
  void aCachedCallToAnUnsafeUrlPrintsNothingToJavaUtilLogging() {
    HttpToolkit http = HttpToolkit.builder().clock(sleeper.clock).sleeper(sleeper).build();
    HttpCall call = HttpCall.get("src", url("/internal")).cacheTtl(Duration.ofMinutes(5)).build();

    assertThatThrownBy(() -> http.execute(call, context))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSAFE_URL));

    assertThat(described(jul)).isEmpty();
  }

  @Test
  void aFailedCachedCallIsNotCachedAndTheNextCallIsSent() throws Exception {
    wm.stubFor(get("/later").willReturn(aResponse().withStatus(404)));
    HttpToolkit http = TestSupport.toolkit(sleeper).jitter(0).build();
    HttpCall call = HttpCall.get("src", url("/later")).cacheTtl(Duration.ofMinutes(5)).build();
    assertThatThrownBy(() -> http.execute(call, context)).isInstanceOf(ConnectorException.class);

    wm.stubFor(get("/later").willReturn(ok("back")));

    assertThat(http.execute(call, context).text()).isEqualTo("back");
    assertThat(described(jul)).isEmpty();
  }

  @Test
  void aSourceThatFailsAsExpectedInARunLogsOneLineWithoutAStackTrace() {
    wm.stubFor(get("/v1/boards/gone/jobs").willReturn(aResponse().withStatus(404)));
    HttpToolkit http = TestSupport.toolkit(sleeper).jitter(0).build();
    GreenhouseJobs board =
        GreenhouseJobs.builder()
            .board("gone")
            .http(http)
            .baseUrl(URI.create(wm.baseUrl().replace("localhost", "127.0.0.1")))
            .build();
    AtomicReference<RunReport> report = new AtomicReference<>();

    String logs =
        TestSupport.captureLogs(
            () -> {
              try (DiscoveryEngine engine =
                  DiscoveryEngine.builder()
                      .allowSystemCalls()
                      .storage(InMemoryStorage.create())
                      .addSource(board)
                      .scorer(TestSupport.scorer())
                      .clock(sleeper.clock)
                      .build()) {
                engine.profiles().save(Fixtures.profile("acme", "P", Company.of("Acme")));
                report.set(engine.discoverAll("acme"));
              }
            });

    assertThat(report.get().errors()).anySatisfy(e -> assertThat(e).contains("greenhouse.gone"));
    List<String> lines = Arrays.stream(logs.split("\\R")).filter(l -> !l.isBlank()).toList();
    assertThat(lines.stream().filter(l -> l.contains("greenhouse.gone")))
        .as(logs)
        .singleElement()
        .satisfies(l -> assertThat(l).contains("WARN"));
    assertThat(lines).as(logs).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
    assertThat(described(jul)).isEmpty();
  }
}
