package io.github.discoverysdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource({
    "'*/15 * * * *', 2026-11-23T09:07:00Z, 2026-11-23T09:15:00Z",
    "'0 9 * * MON-FRI', 2026-11-21T10:00:00Z, 2026-11-23T09:00:00Z",
    "'0 9 * * MON-FRI', 2026-11-23T09:00:00Z, 2026-11-24T09:00:00Z",
    "'30 8 1 * *', 2026-11-23T00:00:00Z, 2026-12-01T08:30:00Z",
    "'0 0 29 2 *', 2026-03-01T00:00:00Z, 2028-02-29T00:00:00Z",
    "'0 12 * JAN,jul SUN', 2026-11-23T00:00:00Z, 2027-01-03T12:00:00Z",
    "'0 6 13 * FRI', 2026-11-23T00:00:00Z, 2026-11-27T06:00:00Z",
    "'0-10/5 7 * * 7', 2026-11-22T07:04:00Z, 2026-11-22T07:05:00Z",
  })
  void nextFireTimes(String cron, String after, String expected) {
    assertThat(CronExpression.parse(cron).next(at(after), UTC)).contains(at(expected));
  }

  @Test
  void previousFireTimeIsAtOrBefore() {
    CronExpression weekdays = CronExpression.parse("0 9 * * MON-FRI");
    assertThat(weekdays.previous(at("2026-11-23T09:00:00Z"), UTC))
        .contains(at("2026-11-23T09:00:00Z"));
    assertThat(weekdays.previous(at("2026-11-23T08:59:59Z"), UTC))
        .contains(at("2026-11-20T09:00:00Z"));
  }

  @Test
  void fireTimesFollowTheZoneAcrossDaylightSaving() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    CronExpression nine = CronExpression.parse("0 9 * * *");
    // Berlin leaves summer time on Sunday 2026-10-25: 09:00 is 07:00Z before and 08:00Z after.
    assertThat(nine.next(ZonedDateTime.of(2026, 10, 24, 10, 0, 0, 0, berlin).toInstant(), berlin))
        .contains(at("2026-10-25T08:00:00Z"));
    assertThat(nine.next(at("2026-10-23T12:00:00Z"), berlin)).contains(at("2026-10-24T07:00:00Z"));
    // 02:30 does not exist on the day summer time starts (2027-03-28): it fires at 03:00 CEST.
    assertThat(CronExpression.parse("30 2 * * *").next(at("2027-03-27T12:00:00Z"), berlin))
        .contains(at("2027-03-28T01:00:00Z"));
  }

  @Test
  void anExpressionThatNeverFiresHasNoNextTime() {
    assertThat(CronExpression.parse("0 0 31 2 *").next(at("2026-01-01T00:00:00Z"), UTC)).isEmpty();
  }

  @Test
  void invalidExpressionsNameTheFieldAndTheProblem() {
    assertThatThrownBy(() -> CronExpression.parse("0 9 * *"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "cron expression '0 9 * *' is invalid: needs 5 fields (minute hour day-of-month month"
                + " day-of-week), has 4");
    assertThatThrownBy(() -> CronExpression.parse("61 * * * *"))
        .hasMessageContaining("minute: 61 is outside 0-59");
    assertThatThrownBy(() -> CronExpression.parse("0 17-9 * * *"))
        .hasMessageContaining("hour: range '17-9' runs backwards");
    assertThatThrownBy(() -> CronExpression.parse("0 9 * * FUNDAY"))
        .hasMessageContaining("day of week: 'FUNDAY' is not a number or a name");
    assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *"))
        .hasMessageContaining("minute: 0 is outside 1-59");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "? * * * *",
        "0 ? * * *",
        "0 9 * ? *",
        "\u0663 * * * *",
        "0 \u0669 * * *",
        "*/\u0665 * * * *",
        "+5 * * * *",
        "0 9 * * \u017fun",
        "0 9 \uff11 * *"
      })
  void nonAsciiDigitsSignsAndAQuestionMarkOutsideTheDayFieldsAreRefused(String cron) {
    assertThatThrownBy(() -> CronExpression.parse(cron))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is invalid");
  }

  @Test
  void aQuestionMarkMeansAnyDayInTheDayFields() {
    assertThat(CronExpression.parse("0 9 ? * MON")).isNotNull();
    assertThat(CronExpression.parse("0 9 1 * ?").next(at("2026-01-01T10:00:00Z"), UTC))
        .contains(at("2026-02-01T09:00:00Z"));
  }
}
