package io.github.discoverysdk.connectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.Sleeper;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** WireMock on loopback, a sleeper that moves a fake clock, payloads and a tiny scorer. */
public final class TestSupport {
  private TestSupport() {}

  public static WireMockServer startWireMock() {
    WireMockServer server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .gzipDisabled(true));
    server.start();
    return server;
  }

  public static URI base(WireMockServer server) {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** A sleeper that advances the clock instead of waiting, and remembers each wait. */
  public static final class FakeSleeper implements Sleeper {
    public final MutableClock clock;
    public final List<Duration> waits = new CopyOnWriteArrayList<>();

    public FakeSleeper(MutableClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      clock.advance(duration);
    }
  }

  /** A toolkit for tests: fake time, WireMock on loopback allowed, short timeouts. */
  /** The read timeout of tests that make a server answer too late, well below their delays. */
  public static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

  public static HttpToolkit.Builder toolkit(FakeSleeper sleeper) {
    return HttpToolkit.builder()
        .clock(sleeper.clock)
        .sleeper(sleeper)
        .urlGuard(UrlGuard.strict().allowingHosts("127.0.0.1"))
        .connectTimeout(Duration.ofSeconds(2))
        // Long enough for a healthy answer on a loaded CI machine: a late answer retried as a
        // timeout lands in the wrong scenario state. Tests of timeouts set SHORT_READ_TIMEOUT.
        .readTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(10));
  }

  public static String payload(String name) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/payloads/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no payload " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Something to run while output is captured. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /**
   * Everything written to standard error (where slf4j-simple logs) while {@code action} runs, also
   * passed through; exceptions of the action are captured as their messages and stack traces.
   */
  public static String captureLogs(Action action) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    java.io.PrintStream tee =
        new java.io.PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                bytes.write(b);
                original.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setErr(tee);
    try {
      action.run();
    } catch (Exception e) {
      e.printStackTrace(tee);
    } finally {
      System.setErr(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Every match scores 50, one factor. */
  public static Scorer scorer() {
    return input ->
        Score.builder()
            .total(50)
            .strength(SignalStrength.MEDIUM)
            .addFactors(ScoreFactor.of("test", 50, 1.0, 50, "test scorer"))
            .build();
  }
}
