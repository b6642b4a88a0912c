package io.github.discoverysdk.connectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.SignalSourceContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A source's contract suite on a WireMock server shared by the class, plus helpers. */
abstract class SourceTestBase extends SignalSourceContract {
  static WireMockServer wm;
  final MutableClock clock = MutableClock.at(NOW);
  final TestSupport.FakeSleeper sleeper = new TestSupport.FakeSleeper(clock);
  final HttpToolkit http = TestSupport.toolkit(sleeper).build();

  @BeforeAll
  static void startServer() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stopServer() {
    wm.stop();
  }

  URI base() {
    return TestSupport.base(wm);
  }

  SourceResult fetchAll(SourceQuery query) throws Exception {
    return source.fetch(SourceRequest.builder().query(query).build(), context());
  }
}
