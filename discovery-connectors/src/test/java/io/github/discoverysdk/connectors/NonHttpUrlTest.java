package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A URL that is not http(s), or that OkHttp cannot parse, is refused with a typed {@code
 * UNSAFE_URL} (it used to be a {@link NullPointerException} from {@code HttpUrl.get}), by the
 * toolkit whatever the guard, and by the RSS and iCalendar sources when they are created; nothing
 * is sent, and the message shows neither the path nor the query.
 */
class NonHttpUrlTest {
  static WireMockServer wm;
  final MutableClock clock = MutableClock.at(Instant.parse("2026-09-08T10:00:00Z"));
  final TestSupport.FakeSleeper sleeper = new TestSupport.FakeSleeper(clock);
  final SourceContext context = SourceContext.of(clock, "acme", "run-1");

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
  }

  static void assertUnsafe(Throwable t) {
    assertThat(t)
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSAFE_URL);
              assertThat(e.permanent()).isTrue();
              assertThat(e.getMessage()).doesNotContain("CANARY");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd?CANARY",
        "ftp://example.com/CANARY/x",
        "gopher://example.com:70/_CANARY",
        "dict://example.com:11211/CANARY",
        "ldap://example.com/o=CANARY",
        "jar:http://example.com/x.jar!/CANARY",
        "http://[fe80::1%25eth0]/CANARY",
        "http:///CANARY"
      })
  void theToolkitRefusesItTypedEvenWithTheGuardOff(String url) {
    for (UrlGuard guard : new UrlGuard[] {UrlGuard.strict(), UrlGuard.disabled()}) {
      HttpToolkit http = TestSupport.toolkit(sleeper).urlGuard(guard).build();
      assertUnsafe(
          catchThrowable(
              () -> http.execute(HttpCall.get("src", URI.create(url)).build(), context)));
    }
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://example.com/feed.xml",
        "gopher://example.com:70/_x",
        "dict://example.com:11211/stat",
        "ldap://example.com/o=x",
        "http://[fe80::1%25eth0]/feed"
      })
  void rssNewsAndICalendarEventsRefuseItWhenCreated(String url) {
    HttpToolkit http = TestSupport.toolkit(sleeper).urlGuard(UrlGuard.disabled()).build();
    assertUnsafe(
        catchThrowable(() -> RssNews.builder().id("news").url(URI.create(url)).http(http).build()));
    assertUnsafe(
        catchThrowable(
            () ->
                RssNews.builder()
                    .id("news")
                    .url(URI.create(url))
                    .publisher("Acme")
                    .http(http)
                    .build()));
    assertUnsafe(
        catchThrowable(
            () -> ICalendarEvents.builder().id("cal").url(URI.create(url)).http(http).build()));
  }

  @Test
  void aRedirectToANonHttpSchemeIsRefusedAsUnsafe() {
    wm.stubFor(
        get("/hop")
            .willReturn(aResponse().withStatus(302).withHeader("Location", "file:///etc/passwd")));
    HttpToolkit http = TestSupport.toolkit(sleeper).build();

    assertUnsafe(
        catchThrowable(
            () ->
                http.execute(
                    HttpCall.get("src", URI.create(TestSupport.base(wm) + "/hop")).build(),
                    context)));
  }
}
