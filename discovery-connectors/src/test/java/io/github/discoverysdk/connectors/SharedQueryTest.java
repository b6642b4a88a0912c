package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharedQueryTest {
  static WireMockServer wm;

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @Test
  void twoProfilesOfTwoTenantsNeedingTheSameQueryCauseOneHttpCall() {
    wm.stubFor(
        get(urlPathEqualTo("/submissions/CIK0001234567.json"))
            .willReturn(okJson(TestSupport.payload("sec-submissions-acme.json"))));
    wm.stubFor(
        get(urlPathEqualTo("/files/company_tickers.json"))
            .willReturn(okJson(TestSupport.payload("sec-company-tickers.json"))));
    MutableClock clock = MutableClock.at(Instant.parse("2026-09-10T08:00:00Z"));
    HttpToolkit http = TestSupport.toolkit(new TestSupport.FakeSleeper(clock)).build();
    SecEdgar sec =
        SecEdgar.builder()
            .userAgent("Tests ops@x.test")
            .http(http)
            .baseUrl(TestSupport.base(wm))
            .build();

    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(sec)
            .scorer(TestSupport.scorer())
            .clock(clock)
            .build()) {
      engine.profiles().save(Fixtures.profile("tenant-a", "A1", Company.of("Acme", "acme.com")));
      engine.profiles().save(Fixtures.profile("tenant-a", "A2", Company.of("Acme")));
      engine.profiles().save(Fixtures.profile("tenant-b", "B", Company.of("Acme")));

      RunReport a = engine.discoverAll("tenant-a");
      RunReport b = engine.discoverAll("tenant-b");

      wm.verify(1, getRequestedFor(urlPathEqualTo("/submissions/CIK0001234567.json")));
      assertThat(a.sources().get(0).calls()).isEqualTo(1); // two profiles, one query
      assertThat(a.sources().get(0).cacheHits()).isZero();
      assertThat(b.sources().get(0).cacheHits()).isEqualTo(1);
      assertThat(b.signalsFetched()).isEqualTo(a.signalsFetched()).isPositive();
    }
  }
}
