package io.github.discoverysdk.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TemporalIntelligenceTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private final TemporalIntelligence ti = TemporalIntelligence.defaults();

  @Test
  void eventInThirtyDaysIsMediumWithOutreachFourteenDaysBefore() {
    TemporalAssessment t =
        ti.assess(event(NOW.plus(Duration.ofDays(30)), EventStatus.SCHEDULED), NOW);

    assertThat(t.daysUntilEvent()).hasValue(30);
    assertThat(t.urgency()).isEqualTo(Urgency.MEDIUM);
    assertThat(t.outreachDate()).contains(LocalDate.parse("2026-12-07"));
    assertThat(t.window()).isEqualTo(ActionWindow.OPEN);
  }

  @Test
  void urgencyBoundariesAreInclusive() {
    assertThat(ti.assess(event(NOW.plus(Duration.ofDays(7)), EventStatus.SCHEDULED), NOW).urgency())
        .isEqualTo(Urgency.CRITICAL);
    assertThat(
            ti.assess(
                    event(NOW.plus(Duration.ofDays(7)).plusSeconds(1), EventStatus.SCHEDULED), NOW)
                .urgency())
        .isEqualTo(Urgency.HIGH);
    assertThat(
            ti.assess(event(NOW.plus(Duration.ofDays(21)), EventStatus.SCHEDULED), NOW).urgency())
        .isEqualTo(Urgency.HIGH);
    assertThat(
            ti.assess(event(NOW.plus(Duration.ofDays(60)), EventStatus.SCHEDULED), NOW).urgency())
        .isEqualTo(Urgency.MEDIUM);
    assertThat(
            ti.assess(event(NOW.plus(Duration.ofDays(61)), EventStatus.SCHEDULED), NOW).urgency())
        .isEqualTo(Urgency.LOW);
  }

  @Test
  void outreachDateIsNeverInThePast() {
    TemporalAssessment t =
        ti.assess(event(NOW.plus(Duration.ofDays(5)), EventStatus.SCHEDULED), NOW);

    assertThat(t.outreachDate()).contains(LocalDate.parse("2026-11-21"));
    assertThat(t.window()).isEqualTo(ActionWindow.CLOSING_SOON);
  }

  @Test
  void startedOrCancelledEventsCloseTheWindow() {
    assertThat(ti.assess(event(NOW.minus(Duration.ofDays(1)), EventStatus.SCHEDULED), NOW).window())
        .isEqualTo(ActionWindow.CLOSED);
    TemporalAssessment cancelled =
        ti.assess(event(NOW.plus(Duration.ofDays(30)), EventStatus.CANCELLED), NOW);
    assertThat(cancelled.window()).isEqualTo(ActionWindow.CLOSED);
    assertThat(cancelled.outreachDate()).isEmpty();
  }

  @Test
  void newsUrgencyDecaysWithAge() {
    assertThat(ti.assess(news(NOW.minus(Duration.ofDays(1))), NOW).urgency())
        .isEqualTo(Urgency.HIGH);
    assertThat(ti.assess(news(NOW.minus(Duration.ofDays(5))), NOW).urgency())
        .isEqualTo(Urgency.MEDIUM);
    TemporalAssessment old = ti.assess(news(NOW.minus(Duration.ofDays(20))), NOW);
    assertThat(old.urgency()).isEqualTo(Urgency.LOW);
    assertThat(old.window()).isEqualTo(ActionWindow.CLOSED);
    assertThat(old.ageDays()).isEqualTo(20);
  }

  @Test
  void policyRejectsInconsistentThresholds() {
    assertThatThrownBy(
            () -> TemporalPolicy.builder().outreachLeadTime(Duration.ofSeconds(-1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("outreachLeadTime must be positive, was PT-1S");
    assertThatThrownBy(() -> TemporalPolicy.builder().criticalWithin(Duration.ofDays(30)).build())
        .hasMessageContaining("criticalWithin <= highWithin <= mediumWithin");
  }

  private static Signal event(Instant start, EventStatus status) {
    return Signal.builder()
        .key(SignalKey.of("s", "e"))
        .type(SignalType.EVENT)
        .title("Summit")
        .publishedAt(NOW.minus(Duration.ofDays(10)))
        .observedAt(NOW)
        .event(EventDetails.builder().start(start).status(status).build())
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
