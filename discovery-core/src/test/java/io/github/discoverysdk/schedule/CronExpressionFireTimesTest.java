package io.github.discoverysdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected fire times worked out by hand from cronie's rules (see {@link CronExpression}'s
 * javadoc): the day-field OR/AND rule, daylight-saving gaps and overlaps in both hemispheres, leap
 * days and month ends.
 */
class CronExpressionFireTimesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
  @CsvSource({
    // Day fields. Neither starts with '*': either matches (cronie's man page example).
    "'0 0 1,15 * 5',     UTC, 2026-11-23T00:00:00Z, 2026-11-27T00:00:00Z",
    "'0 0 1-31/2 * MON', UTC, 2026-11-23T00:00:00Z, 2026-11-25T00:00:00Z",
    "'0 0 29 2 MON',     UTC, 2026-03-01T00:00:00Z, 2027-02-01T00:00:00Z",
    // One starts with '*', steps included: both must match.
    "'0 0 */2 * MON',    UTC, 2026-11-23T00:00:00Z, 2026-12-07T00:00:00Z",
    "'0 0 1 * */2',      UTC, 2026-12-01T00:00:00Z, 2027-04-01T00:00:00Z",
    "'0 0 * * MON',      UTC, 2026-11-23T00:00:00Z, 2026-11-30T00:00:00Z",
    "'0 0 ? * MON',      UTC, 2026-11-23T00:00:00Z, 2026-11-30T00:00:00Z",
    // Leap day and month ends.
    "'0 12 29 2 *',      UTC, 2027-03-01T00:00:00Z, 2028-02-29T12:00:00Z",
    "'0 0 31 * *',       UTC, 2026-04-01T00:00:00Z, 2026-05-31T00:00:00Z",
    "'0 0 30 * *',       UTC, 2027-01-30T00:00:00Z, 2027-03-30T00:00:00Z",
    "'59 23 28-31 2 *',  UTC, 2028-02-28T23:59:00Z, 2028-02-29T23:59:00Z",
    // Berlin, summer time starts 2027-03-28 02:00 CET -> 03:00 CEST (01:00Z).
    "'30 2 * * *',       Europe/Berlin, 2027-03-27T12:00:00Z, 2027-03-28T01:00:00Z",
    "'30 2 * * *',       Europe/Berlin, 2027-03-28T01:00:00Z, 2027-03-29T00:30:00Z",
    "'*/15 * * * *',     Europe/Berlin, 2027-03-28T00:50:00Z, 2027-03-28T01:00:00Z",
    "'30 * * * *',       Europe/Berlin, 2027-03-28T00:45:00Z, 2027-03-28T01:30:00Z",
    // Berlin, summer time ends 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
    "'30 2 * * *',       Europe/Berlin, 2026-10-25T00:00:00Z, 2026-10-25T00:30:00Z",
    "'30 2 * * *',       Europe/Berlin, 2026-10-25T00:30:00Z, 2026-10-26T01:30:00Z",
    "'*/30 * * * *',     Europe/Berlin, 2026-10-25T00:30:00Z, 2026-10-25T01:00:00Z",
    "'0 * * * *',        Europe/Berlin, 2026-10-25T00:00:00Z, 2026-10-25T01:00:00Z",
    // New York: 2027-03-14 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST.
    "'30 2 * * *',       America/New_York, 2027-03-13T12:00:00Z, 2027-03-14T07:00:00Z",
    "'30 1 * * *',       America/New_York, 2026-11-01T04:00:00Z, 2026-11-01T05:30:00Z",
    "'30 1 * * *',       America/New_York, 2026-11-01T05:30:00Z, 2026-11-02T06:30:00Z",
    // Sydney: 2026-10-04 02:00 AEST -> 03:00 AEDT (16:00Z the day before); 2027-04-04 03:00 AEDT
    // -> 02:00 AEST.
    "'30 2 * * *',       Australia/Sydney, 2026-10-03T00:00:00Z, 2026-10-03T16:00:00Z",
    "'30 2 * * *',       Australia/Sydney, 2027-04-03T12:00:00Z, 2027-04-03T15:30:00Z",
    "'30 2 * * *',       Australia/Sydney, 2027-04-03T15:30:00Z, 2027-04-04T16:30:00Z",
  })
  void nextFireTimeMatchesTheTable(String cron, String zone, String after, String expected) {
    CronExpression c = CronExpression.parse(cron);
    Instant fire = c.next(Instant.parse(after), ZoneId.of(zone)).orElseThrow();
    assertThat(fire).isEqualTo(Instant.parse(expected));
    // previous() agrees with next(): the fire time is its own latest fire time.
    assertThat(c.previous(fire, ZoneId.of(zone))).contains(fire);
    assertThat(c.previous(fire.minusSeconds(1), ZoneId.of(zone)).orElseThrow()).isBefore(fire);
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
    // 02:30 CET (second pass) is after 02:45 CEST (first pass): a fixed time fired then.
    "'45 2 * * *',   2026-10-25T01:30:00Z, 2026-10-25T00:45:00Z",
    "'*/30 * * * *', 2026-10-25T01:10:00Z, 2026-10-25T01:00:00Z",
    "'30 2 * * *',   2027-03-28T01:30:00Z, 2027-03-28T01:00:00Z",
    "'30 2 * * *',   2027-03-28T00:59:00Z, 2027-03-27T01:30:00Z",
  })
  void previousFireTimeAcrossDaylightSaving(String cron, String at, String expected) {
    assertThat(CronExpression.parse(cron).previous(Instant.parse(at), BERLIN))
        .contains(Instant.parse(expected));
  }

  @Test
  void aWildcardJobKeepsItsRhythmThroughBothChanges() {
    CronExpression halfHourly = CronExpression.parse("*/30 * * * *");
    for (String start : List.of("2027-03-27T23:00:00Z", "2026-10-24T23:00:00Z")) {
      List<Instant> fires = fires(halfHourly, Instant.parse(start), 8);
      for (int i = 1; i < fires.size(); i++) {
        assertThat(Duration.between(fires.get(i - 1), fires.get(i)))
            .isEqualTo(Duration.ofMinutes(30));
      }
    }
  }

  @Test
  void aFixedTimeInTheRepeatedHourFiresOnce() {
    assertThat(fires(CronExpression.parse("30 2 * * *"), Instant.parse("2026-10-23T12:00:00Z"), 3))
        .containsExactly(
            Instant.parse("2026-10-24T00:30:00Z"),
            Instant.parse("2026-10-25T00:30:00Z"),
            Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void everyMinuteInTheSkippedHourCollapsesToOneFire() {
    assertThat(
            fires(CronExpression.parse("0-59 2 * * *"), Instant.parse("2027-03-27T23:00:00Z"), 2))
        .containsExactly(
            Instant.parse("2027-03-28T01:00:00Z"), Instant.parse("2027-03-29T00:00:00Z"));
  }

  private static List<Instant> fires(CronExpression cron, Instant from, int count) {
    List<Instant> out = new ArrayList<>();
    Instant t = from;
    for (int i = 0; i < count; i++) {
      t = cron.next(t, BERLIN).orElseThrow();
      out.add(t);
    }
    return out;
  }
}
