package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ICalendarEventsTest extends SourceTestBase {
  /** A calendar with one VEVENT per record, changed at LAST-MODIFIED. */
  @Override
  void stubListing(java.util.List<Rec> records) {
    java.time.format.DateTimeFormatter utc =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    StringBuilder ics =
        new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meetup//RemoteApi//EN\r\n");
    for (Rec r : records) {
      ics.append("BEGIN:VEVENT\r\nUID:event_")
          .append(r.id())
          .append("@meetup.com\r\nDTSTAMP:")
          .append(utc.format(r.changedAt()))
          .append("\r\nDTSTART:20261015T180000Z\r\nDTEND:20261015T210000Z\r\nSUMMARY:")
          .append(r.title())
          .append("\r\nLAST-MODIFIED:")
          .append(utc.format(r.changedAt()))
          .append("\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n");
    }
    ics.append("END:VCALENDAR\r\n");
    wm.stubFor(
        get("/events.ics")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/calendar; charset=utf-8")
                    .withBody(ics.toString())));
  }

  @Override
  String externalId(Rec r) {
    return "event_" + r.id() + "@meetup.com";
  }

  @Override
  protected SignalSource createSource() {
    return ICalendarEvents.builder()
        .id("meetup.platform-eng-nyc")
        .url(URI.create(base() + "/events.ics"))
        .http(http)
        .build();
  }

  @Override
  protected void prepare(SignalSource source) {
    wm.resetAll();
    wm.stubFor(
        get("/events.ics")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/calendar; charset=utf-8")
                    .withBody(TestSupport.payload("meetup.ics"))));
  }

  @Test
  void aThousandEventsSharingOneDtstampComeOnceEachUnderShortCursors() throws Exception {
    assertATieComesOnceEachUnderShortCursors(1_000, 100);
  }

  @Test
  void mapsAnEventFieldByField() throws Exception {
    SourceResult r = fetchAll(SourceQuery.all());

    Signal s =
        r.signals().stream()
            .filter(x -> x.key().externalId().equals("event_305000001@meetup.com"))
            .findFirst()
            .orElseThrow();
    assertThat(s.type()).isEqualTo(SignalType.EVENT);
    assertThat(s.title()).isEqualTo("Platform Engineering NYC — Q4 meetup");
    assertThat(s.text()).isEqualTo("Talks by Jane Doe (VP Eng, Acme) …");
    assertThat(s.url())
        .contains(URI.create("https://www.meetup.com/platform-eng-nyc/events/305000001/"));
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-09-05T09:30:00Z"));
    assertThat(s.event())
        .hasValueSatisfying(
            e -> {
              assertThat(e.start()).isEqualTo(Instant.parse("2026-10-15T22:00:00Z"));
              assertThat(e.end()).contains(Instant.parse("2026-10-16T01:00:00Z"));
              assertThat(e.location()).contains("Acme HQ, 1 Main St, New York");
              assertThat(e.timeZone()).contains(ZoneId.of("America/New_York"));
              assertThat(e.status()).isEqualTo(EventStatus.SCHEDULED);
            });
    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.recordId()).isEqualTo("event_no_start@meetup.com");
              assertThat(x.reason()).contains("DTSTART");
            });
  }

  @Test
  void aCancelledEventCarriesTheCancelledStatus() throws Exception {
    Signal s =
        fetchAll(SourceQuery.all()).signals().stream()
            .filter(x -> x.key().externalId().equals("event_305000002@meetup.com"))
            .findFirst()
            .orElseThrow();

    assertThat(s.event().orElseThrow().status()).isEqualTo(EventStatus.CANCELLED);
  }

  @Test
  void aRescheduledEventComesAgainAfterTheCursorWithItsNewDetails() throws Exception {
    SourceResult first = fetchAll(SourceQuery.all());
    String moved =
        TestSupport.payload("meetup.ics")
            .replace(
                "DTSTART;TZID=America/New_York:20261015T180000",
                "DTSTART;TZID=America/New_York:20261022T180000")
            .replace(
                "DTEND;TZID=America/New_York:20261015T210000",
                "DTEND;TZID=America/New_York:20261022T210000")
            .replace("SEQUENCE:2", "SEQUENCE:3")
            .replace("LAST-MODIFIED:20260905T093000Z", "LAST-MODIFIED:20260910T080000Z");
    wm.stubFor(get("/events.ics").willReturn(aResponse().withBody(moved)));
    clock.advance(java.time.Duration.ofHours(1)); // past the response cache

    SourceResult second =
        source.fetch(
            SourceRequest.builder().query(SourceQuery.all()).cursor(first.nextCursor()).build(),
            context());

    assertThat(second.signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.key().externalId()).isEqualTo("event_305000001@meetup.com");
              assertThat(s.event().orElseThrow().start())
                  .isEqualTo(Instant.parse("2026-10-22T22:00:00Z"));
            });
  }
}
