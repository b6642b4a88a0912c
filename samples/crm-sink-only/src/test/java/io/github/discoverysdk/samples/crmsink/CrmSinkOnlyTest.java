package io.github.discoverysdk.samples.crmsink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.discoverysdk.connectors.GoogleNews;
import io.github.discoverysdk.connectors.ICalendarEvents;
import io.github.discoverysdk.connectors.MissingDependencyException;
import io.github.discoverysdk.connectors.RssNews;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.connectors.sinks.EmailSink;
import io.github.discoverysdk.connectors.sinks.IcsExport;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.Fixtures;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrmSinkOnlyTest {
  static WireMockServer hubspot;

  @BeforeAll
  static void start() {
    hubspot =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    hubspot.start();
  }

  @AfterAll
  static void stop() {
    hubspot.stop();
  }

  @Test
  void theOptionalLibrariesAreNotOnThisClassPath() {
    for (String c :
        new String[] {
          "com.rometools.rome.io.SyndFeedInput",
          "net.fortuna.ical4j.data.CalendarBuilder",
          "jakarta.mail.Session",
          "org.eclipse.angus.mail.smtp.SMTPTransport"
        }) {
      assertThatThrownBy(() -> Class.forName(c)).as(c).isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void aHubSpotSinkWritesADealWithoutThem() throws Exception {
    hubspot.stubFor(
        get(urlPathMatching("/crm/objects/2026-03/deals/.*"))
            .willReturn(aResponse().withStatus(404).withBody("{\"status\":\"error\"}")));
    hubspot.stubFor(
        post(urlPathMatching("/crm/objects/2026-03/(deals|notes|tasks)"))
            .willReturn(okJson("{\"id\":\"9001\",\"properties\":{}}").withStatus(201)));
    HttpToolkit http =
        HttpToolkit.builder().urlGuard(UrlGuard.strict().allowingHosts("127.0.0.1")).build();
    Profile profile = Fixtures.profile("acme", "AE");
    var sink =
        CrmSinkOnly.hubspot(
            http,
            URI.create("http://127.0.0.1:" + hubspot.port()),
            CredentialStore.of(Map.of("acme/hubspot", Secret.of("pat-test"))));

    sink.accept(
        Fixtures.opportunity(
            profile.id(), SignalKey.of("news", "n1"), 80, Instant.parse("2026-09-01T00:00:00Z")),
        profile);

    hubspot.verify(1, postRequestedFor(urlPathEqualTo("/crm/objects/2026-03/deals")));
  }

  @Test
  void connectorsThatNeedThemNameTheArtifactToAdd() {
    HttpToolkit http = HttpToolkit.create();
    URI feed = URI.create("https://news.example.com/feed.xml");
    assertMissing(
        () -> RssNews.builder().id("rss.x").url(feed).http(http).build(), "com.rometools:rome");
    assertMissing(() -> GoogleNews.builder().http(http).build(), "com.rometools:rome");
    assertMissing(
        () -> ICalendarEvents.builder().id("ical.x").url(feed).http(http).build(),
        "org.mnode.ical4j:ical4j");
    assertMissing(() -> IcsExport.builder().build(), "org.mnode.ical4j:ical4j");
    assertMissing(() -> EmailSink.builder().build(), "jakarta.mail:jakarta.mail-api");
  }

  private static void assertMissing(Runnable build, String artifact) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            MissingDependencyException.class, e -> assertThat(e.artifact()).isEqualTo(artifact))
        .hasMessageContaining(artifact + ", an optional dependency of discovery-connectors");
  }
}
