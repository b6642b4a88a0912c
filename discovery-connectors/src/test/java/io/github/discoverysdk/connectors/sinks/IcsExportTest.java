package io.github.discoverysdk.connectors.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcsExportTest {
  final MutableClock clock = MutableClock.at(SinkFixtures.NOW);
  final IcsExport export = IcsExport.builder().clock(clock).build();

  static Opportunity news(String id) {
    Opportunity o = SinkFixtures.kubecon(id);
    return Opportunity.builder()
        .from(o)
        .signalType(SignalType.NEWS)
        .title("Acme raises Series C")
        .occursAt(o.publishedAt())
        .temporal(
            TemporalAssessment.builder()
                .from(o.temporal())
                .daysUntilEvent(java.util.OptionalLong.empty())
                .outreachDate(LocalDate.parse("2026-09-10"))
                .build())
        .build();
  }

  static Opportunity noOutreach(String id) {
    Opportunity o = SinkFixtures.kubecon(id);
    return Opportunity.builder()
        .from(o)
        .temporal(
            TemporalAssessment.builder()
                .from(o.temporal())
                .outreachDate(java.util.Optional.empty())
                .build())
        .build();
  }

  private Calendar roundTrip(List<Opportunity> opportunities) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    export.write(opportunities, out);
    String ics = out.toString(StandardCharsets.UTF_8);
    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("VERSION:2.0\r\n");
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static String value(net.fortuna.ical4j.model.PropertyListAccessor c, String property) {
    return c.<Property>getProperty(property).map(Property::getValue).orElseThrow();
  }

  @Test
  void eachOutreachDateBecomesAnAllDayEventWithAReminderBeforeTheEvent() throws Exception {
    Opportunity o = SinkFixtures.kubecon("opp_7f3a");

    Calendar calendar = roundTrip(List.of(o));

    assertThat(value(calendar, "PRODID")).isEqualTo("-//Discovery SDK//Outreach calendar//EN");
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertThat(events).hasSize(1);
    VEvent e = events.get(0);
    assertThat(e.getProperty(Property.DTSTART).orElseThrow().toString())
        .isEqualTo("DTSTART;VALUE=DATE:20261029\r\n");
    assertThat(value(e, "DTEND")).isEqualTo("20261030");
    assertThat(value(e, "DTSTAMP")).isEqualTo("20260908T100000Z");
    assertThat(value(e, "UID")).isEqualTo(export.uid(o)).endsWith("@discovery-sdk");
    assertThat(value(e, "SUMMARY"))
        .isEqualTo("Reach out: Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(value(e, "DESCRIPTION"))
        .startsWith("Ask for a meeting at KubeCon before 2026-11-05")
        .contains("- Watchlist account Acme, exact domain match")
        .contains("- Speaks at KubeCon NA on 2026-11-12");
    assertThat(value(e, "URL")).isEqualTo("https://events.example/kubecon?talk=42&ref=news");
    List<VAlarm> alarms = e.getAlarms();
    assertThat(alarms).hasSize(1);
    assertThat(value(alarms.get(0), "ACTION")).isEqualTo("DISPLAY");
    assertThat(value(alarms.get(0), "TRIGGER")).isEqualTo("20261111T160000Z");
    assertThat(Instant.parse("2026-11-11T16:00:00Z"))
        .isEqualTo(SinkFixtures.EVENT_START.minus(Duration.ofDays(1)));
  }

  @Test
  void aSignalWithoutAnEventStartHasNoReminder() throws Exception {
    Calendar calendar = roundTrip(List.of(news("n1")));

    VEvent e = (VEvent) calendar.getComponents(Component.VEVENT).get(0);
    assertThat(value(e, "DTSTART")).isEqualTo("20260910");
    assertThat(e.getAlarms()).isEmpty();
  }

  @Test
  void uidsAreStableAcrossExportsAndDistinctPerOpportunity() throws Exception {
    Calendar first = roundTrip(List.of(SinkFixtures.kubecon("a"), news("b")));
    clock.advance(Duration.ofDays(2));
    Calendar second = roundTrip(List.of(news("b"), SinkFixtures.kubecon("a")));

    List<String> uids1 =
        first.getComponents(Component.VEVENT).stream().map(c -> value(c, "UID")).toList();
    List<String> uids2 =
        second.getComponents(Component.VEVENT).stream().map(c -> value(c, "UID")).toList();
    assertThat(uids1).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(uids2);
    assertThat(value(second.getComponents(Component.VEVENT).get(0), "DTSTAMP"))
        .isEqualTo("20260910T100000Z");
  }

  @Test
  void opportunitiesWithoutAnOutreachDateAreSkipped() throws Exception {
    Calendar calendar = roundTrip(List.of(noOutreach("x"), SinkFixtures.kubecon("y")));

    assertThat(calendar.getComponents(Component.VEVENT)).hasSize(1);
  }

  @Test
  void hostileTextSurvivesTheRoundTripAsText() throws Exception {
    Calendar calendar = roundTrip(List.of(SinkFixtures.hostile("h")));

    VEvent e = (VEvent) calendar.getComponents(Component.VEVENT).get(0);
    assertThat(value(e, "SUMMARY"))
        .isEqualTo("Reach out: Evil <Corp> & Co — Launch " + SinkFixtures.HOSTILE);
  }

  @Test
  void writingToAFileReplacesItWhole(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("outreach.ics");
    Files.writeString(file, "old");

    export.write(List.of(SinkFixtures.kubecon("a")), file);

    Calendar calendar = new CalendarBuilder().build(new StringReader(Files.readString(file)));
    assertThat(calendar.getComponents(Component.VEVENT)).hasSize(1);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
