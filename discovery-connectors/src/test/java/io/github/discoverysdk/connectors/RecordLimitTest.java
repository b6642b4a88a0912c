package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TestSourceContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A listing's record count is bounded as well as its bytes: a compact iCalendar, RSS or JSON body
 * under the byte cap that holds more than {@link HttpSignalSource#MAX_RECORDS} records is refused
 * with {@code RESPONSE_TOO_LARGE}, counted before the parser builds it, instead of costing seconds
 * and hundreds of megabytes at every fetch.
 */
class RecordLimitTest {
  private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
  private static WireMockServer wm;

  private final MutableClock clock = MutableClock.at(NOW);
  private final HttpToolkit http =
      TestSupport.toolkit(new TestSupport.FakeSleeper(clock))
          .maxBodyBytes(32L * 1024 * 1024)
          // A body of megabytes from a loaded machine: generous network timeouts, not assertions.
          .readTimeout(Duration.ofMinutes(1))
          .callTimeout(Duration.ofMinutes(2))
          .build();

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  private SourceContext context() {
    return TestSourceContext.of(clock, "acme");
  }

  private Throwable fetchFails(SignalSource source) {
    return catchThrowable(
        () -> source.fetch(SourceRequest.builder().query(SourceQuery.all()).build(), context()));
  }

  private static void assertTooMany(Throwable thrown, String count) {
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RESPONSE_TOO_LARGE);
    assertThat(e.getMessage()).contains(count, "limit of 10000 records");
  }

  @Test
  void aCalendarOfAHundredThousandCompactEventsIsRefusedBeforeItIsParsed() {
    StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n");
    for (int i = 0; i < 100_000; i++) {
      ics.append("BEGIN:VEVENT\r\nUID:")
          .append(i)
          .append("\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261201T000000Z\r\nSUMMARY:e")
          .append("\r\nEND:VEVENT\r\n");
    }
    ics.append("END:VCALENDAR\r\n");
    wm.stubFor(
        get("/big.ics")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/calendar")
                    .withBody(ics.toString().getBytes(StandardCharsets.UTF_8))));

    assertTooMany(
        fetchFails(
            ICalendarEvents.builder()
                .id("cal")
                .url(URI.create(TestSupport.base(wm) + "/big.ics"))
                .http(http)
                .build()),
        "100000 records");
  }

  @Test
  void aFeedOfMoreItemsThanTheLimitIsRefusedBeforeItIsParsed() {
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
    rss.append("<title>t</title><link>https://example.com/</link><description>d</description>");
    for (int i = 0; i <= HttpSignalSource.MAX_RECORDS; i++) {
      rss.append("<item><title>t</title><guid>g")
          .append(i)
          .append("</guid><pubDate>Mon, 02 Nov 2026 00:00:00 GMT</pubDate></item>");
    }
    rss.append("</channel></rss>");
    wm.stubFor(
        get("/big.xml")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/rss+xml")
                    .withBody(rss.toString())));

    assertTooMany(
        fetchFails(
            RssNews.builder()
                .id("news")
                .url(URI.create(TestSupport.base(wm) + "/big.xml"))
                .http(http)
                .build()),
        "10001 records");
  }

  @Test
  void aJsonListOfMoreRecordsThanTheLimitIsRefused() {
    StringBuilder jobs = new StringBuilder();
    for (int i = 0; i <= HttpSignalSource.MAX_RECORDS; i++) {
      jobs.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append('}');
    }
    wm.stubFor(
        get(urlPathEqualTo("/v1/boards/big/jobs")).willReturn(okJson("{\"jobs\":[" + jobs + "]}")));

    assertTooMany(
        fetchFails(
            GreenhouseJobs.builder().board("big").http(http).baseUrl(TestSupport.base(wm)).build()),
        "10001 records");
  }

  @Test
  void aListingMappedPastTheLimitIsRefusedNamingTheSource() {
    HttpSignalSource endless =
        new HttpSignalSource("endless", http) {
          @Override
          public SourceCapabilities capabilities() {
            return SourceCapabilities.builder().addSignalTypes(SignalType.NEWS).build();
          }

          @Override
          Page read(SourceRequest request, SourceContext context) {
            Page page = new Page();
            for (int i = 0; i <= MAX_RECORDS; i++) {
              int n = i;
              page.add(
                  "r" + n,
                  () ->
                      new Mapped(
                          Signal.builder()
                              .key(SignalKey.of("endless", "r" + n))
                              .type(SignalType.NEWS)
                              .title("t")
                              .publishedAt(NOW)
                              .observedAt(NOW)
                              .build(),
                          NOW));
            }
            return page;
          }
        };

    Throwable thrown = fetchFails(endless);

    assertTooMany(thrown, "holds more than");
    assertThat(((ConnectorException) thrown).sourceId()).isEqualTo("endless");
  }

  @Test
  void theCountSeesWholeMarkersOnlyAndIgnoresCaseWhenAsked() {
    byte[] body =
        "<items><item>a</item><item/><item x='1'><itemized/><entry>b</entry>"
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(HttpSignalSource.count(body, "<item", false)).isEqualTo(3);
    assertThat(HttpSignalSource.count(body, "<entry", false)).isEqualTo(1);
    byte[] ics = "BEGIN:VEVENT\r\nbegin:vevent\r\nBEGIN:VEVENTS\r\n".getBytes();
    assertThat(HttpSignalSource.count(ics, "BEGIN:VEVENT", true)).isEqualTo(2);
    assertThat(HttpSignalSource.count(ics, "BEGIN:VEVENT", false)).isEqualTo(1);
  }
}
