package io.github.discoverysdk.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemporalIntelligenceTest {
  /** A Saturday. */
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final TemporalIntelligence ti = TemporalIntelligence.defaults();

  @Test
  void eventInThirtyDaysIsMediumWithOutreachFourteenDaysBeforeOnABusinessDay() {
    // Starts Monday 2026-12-21; 14 days before is Monday 2026-12-07.
    TemporalAssessment t = ti.assess(event(NOW.plus(Duration.ofDays(30)), null), NOW);

    assertThat(t.daysUntilEvent()).hasValue(30);
    assertThat(t.urgency()).isEqualTo(Urgency.MEDIUM);
    assertThat(t.outreachDate()).contains(LocalDate.parse("2026-12-07"));
    assertThat(t.window()).isEqualTo(ActionWindow.OPEN);
    assertThat(t.recommendedAction()).isEqualTo("Event in 30 days: reach out on the outreach date");
  }

  @ParameterizedTest(name = "event in {0} -> {1}")
  @CsvSource({
    "PT1H, CRITICAL",
    "P7D, CRITICAL",
    "P7DT1S, HIGH",
    "P21D, HIGH",
    "P21DT1S, MEDIUM",
    "P60D, MEDIUM",
    "P60DT1S, LOW",
    "P400D, LOW"
  })
  void urgencyBoundariesAreInclusive(String left, Urgency expected) {
    assertThat(ti.assess(event(NOW.plus(Duration.parse(left)), null), NOW).urgency())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "undated, {0} old -> {1}, {2}")
  @CsvSource({
    "PT0S, HIGH, OPEN",
    "P3D, HIGH, OPEN",
    "P3DT1S, MEDIUM, OPEN",
    "P7D, MEDIUM, OPEN",
    "P7DT1S, LOW, CLOSING_SOON",
    "P14D, LOW, CLOSING_SOON",
    "P14DT1S, LOW, CLOSED"
  })
  void undatedSignalsDecayFromPublication(String age, Urgency urgency, ActionWindow window) {
    TemporalAssessment t = ti.assess(news(NOW.minus(Duration.parse(age))), NOW);

    assertThat(t.urgency()).isEqualTo(urgency);
    assertThat(t.window()).isEqualTo(window);
    assertThat(t.daysUntilEvent()).isEmpty();
    if (window == ActionWindow.CLOSED) {
      assertThat(t.outreachDate()).isEmpty();
    } else {
      // Today is a Saturday: the next business day.
      assertThat(t.outreachDate()).contains(LocalDate.parse("2026-11-23"));
    }
  }

  @Test
  void anOutreachDateOnAWeekendMovesToTheFridayBefore() {
    // Starts Sunday 2027-01-10; 14 days before is Sunday 2026-12-27 -> Friday 2026-12-25.
    Instant start = Instant.parse("2027-01-10T09:00:00Z");
    assertThat(ti.assess(event(start, null), NOW).outreachDate())
        .contains(LocalDate.parse("2026-12-25"));

    TemporalIntelligence calendarDays =
        TemporalIntelligence.of(TemporalPolicy.builder().businessDaysOnly(false).build());
    assertThat(calendarDays.assess(event(start, null), NOW).outreachDate())
        .contains(LocalDate.parse("2026-12-27"));
  }

  @Test
  void aLateOutreachDateIsNeverInThePast() {
    // Five days out: the ideal date passed, today is Saturday -> Monday.
    TemporalAssessment t = ti.assess(event(NOW.plus(Duration.ofDays(5)), null), NOW);

    assertThat(t.outreachDate()).contains(LocalDate.parse("2026-11-23"));
    assertThat(t.window()).isEqualTo(ActionWindow.CLOSING_SOON);
    assertThat(t.urgency()).isEqualTo(Urgency.CRITICAL);
  }

  @Test
  void whenTheNextBusinessDayIsTheEventDayTheOutreachIsToday() {
    // Saturday now, the event starts Monday 2026-11-23 at 18:00.
    TemporalAssessment t = ti.assess(event(Instant.parse("2026-11-23T18:00:00Z"), null), NOW);

    assertThat(t.outreachDate()).contains(LocalDate.parse("2026-11-21"));
    assertThat(t.window()).isEqualTo(ActionWindow.CLOSING_SOON);
  }

  @Test
  void theWindowClosesADayBeforeTheStartAndWhenItStartsOrIsCancelled() {
    assertThat(ti.assess(event(NOW.plus(Duration.ofDays(1)), null), NOW).window())
        .isEqualTo(ActionWindow.CLOSED);
    assertThat(ti.assess(event(NOW.plus(Duration.ofDays(1)).plusSeconds(1), null), NOW).window())
        .isEqualTo(ActionWindow.CLOSING_SOON);
    TemporalAssessment started = ti.assess(event(NOW.minus(Duration.ofHours(1)), null), NOW);
    assertThat(started.window()).isEqualTo(ActionWindow.CLOSED);
    assertThat(started.outreachDate()).isEmpty();
    assertThat(started.recommendedAction()).contains("follow up with attendees");
    TemporalAssessment cancelled =
        ti.assess(
            withStatus(event(NOW.plus(Duration.ofDays(30)), null), EventStatus.CANCELLED), NOW);
    assertThat(cancelled.window()).isEqualTo(ActionWindow.CLOSED);
    assertThat(cancelled.outreachDate()).isEmpty();
    assertThat(cancelled.recommendedAction()).isEqualTo("Event cancelled: no outreach");
  }

  @Test
  void datesAreCalendarDaysInTheEventsTimeZone() {
    // 2026-12-01T02:00Z is still 30 November in Los Angeles, where it is 20 November "now".
    ZoneId la = ZoneId.of("America/Los_Angeles");
    Instant now = Instant.parse("2026-11-21T03:00:00Z");
    TemporalAssessment t = ti.assess(event(Instant.parse("2026-12-01T02:00:00Z"), la), now);

    assertThat(t.daysUntilEvent()).hasValue(10);
    assertThat(t.outreachDate()).contains(LocalDate.parse("2026-11-20"));
    assertThat(ti.assess(event(Instant.parse("2026-12-01T02:00:00Z"), null), now).daysUntilEvent())
        .hasValue(10);
  }

  @Test
  void daylightSavingChangesDoNotShiftTheDates() {
    // Berlin springs forward on Sunday 2027-03-28; the event is at 09:00 local that day.
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant start = ZonedDateTime.of(2027, 3, 28, 9, 0, 0, 0, berlin).toInstant();
    Instant now = ZonedDateTime.of(2027, 3, 1, 23, 30, 0, 0, berlin).toInstant();

    TemporalAssessment t = ti.assess(event(start, berlin), now);

    assertThat(t.daysUntilEvent()).hasValue(27);
    // 14 days before is Sunday 14 March -> Friday 12 March.
    assertThat(t.outreachDate()).contains(LocalDate.parse("2027-03-12"));
  }

  @Test
  void policyRejectsInvalidThresholdsNamingThem() {
    assertThatThrownBy(
            () -> TemporalPolicy.builder().outreachLeadTime(Duration.ofSeconds(-1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("outreachLeadTime must be positive, was PT-1S");
    assertThatThrownBy(() -> TemporalPolicy.builder().criticalWithin(Duration.ofDays(30)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("criticalWithin <= highWithin <= mediumWithin must hold");
    assertThatThrownBy(
            () -> TemporalPolicy.builder().undatedClosesAfter(Duration.ofDays(1)).build())
        .hasMessageContaining("undatedHighWithin <= undatedMediumWithin <= undatedClosesAfter");
    assertThatThrownBy(
            () -> TemporalPolicy.builder().closesBeforeEvent(Duration.ofHours(-1)).build())
        .hasMessage("closesBeforeEvent must not be negative, was PT-1H");
  }

  private static Signal event(Instant start, ZoneId zone) {
    return Signal.builder()
        .key(SignalKey.of("s", "e"))
        .type(SignalType.EVENT)
        .title("Summit")
        .publishedAt(NOW.minus(Duration.ofDays(10)))
        .observedAt(NOW)
        .event(
            EventDetails.builder()
                .start(start)
                .timeZone(java.util.Optional.ofNullable(zone))
                .build())
        .build();
  }

  private static Signal withStatus(Signal s, EventStatus status) {
    return Signal.builder()
        .from(s)
        .event(EventDetails.builder().from(s.event().orElseThrow()).status(status).build())
        .build();
  }

  private static Signal news(Instant published) {
    return Signal.builder()
        .key(SignalKey.of("s", "n"))
        .type(SignalType.NEWS)
        .title("News")
        .publishedAt(published)
        .observedAt(NOW)
        .build();
  }
}
