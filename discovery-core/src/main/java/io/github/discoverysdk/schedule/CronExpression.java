package io.github.discoverysdk.schedule;

import io.github.discoverysdk.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A standard five-field cron expression — minute, hour, day of month, month, day of week — with
 * {@code *}, lists ({@code 1,15}), ranges ({@code 9-17}), steps ({@code *}{@code /15}, {@code
 * 0-30/10}) and names ({@code MON-FRI}, {@code JAN}). Day of week runs 0-7 with 0 and 7 both
 * Sunday. Numbers are ASCII digits only ({@code ٣}, {@code +5} are refused); {@code ?} means "any"
 * in the day-of-month and day-of-week fields only, as in Quartz and Spring, and is refused
 * elsewhere. As in Vixie cron, when both day of month and day of week are restricted a day matching
 * either fires. Times are evaluated in a given zone, so {@code 0 9 * * MON-FRI} in Europe/Berlin
 * fires at 09:00 Berlin time across daylight-saving changes (a time skipped by a change does not
 * fire that day). Immutable and thread-safe.
 */
public final class CronExpression {
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

  /** Searching further than this for a fire time means the expression never fires. */
  private static final int MAX_DAYS_AHEAD = 366 * 5;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronExpression(String text) {
    this.text = text;
    String[] f = text.trim().split("\\s+");
    if (f.length != 5) {
      throw invalid(
          text, "needs 5 fields (minute hour day-of-month month day-of-week), has " + f.length);
    }
    minutes = field(text, "minute", f[0], 0, 59, Map.of(), false);
    hours = field(text, "hour", f[1], 0, 23, Map.of(), false);
    daysOfMonth = field(text, "day of month", f[2], 1, 31, Map.of(), true);
    months = field(text, "month", f[3], 1, 12, MONTHS, false);
    BitSet dow = field(text, "day of week", f[4], 0, 7, DAYS, true);
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    daysOfWeek = dow;
    anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
    anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
  }

  /**
   * Parses an expression.
   *
   * @throws ValidationException naming the field and the problem
   */
  public static CronExpression parse(String text) {
    Objects.requireNonNull(text, "text");
    return new CronExpression(text);
  }

  /**
   * The first fire time strictly after {@code after}, in {@code zone}; empty if none in 5 years.
   */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate limit = t.toLocalDate().plusDays(MAX_DAYS_AHEAD);
    while (!t.toLocalDate().isAfter(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
        continue;
      }
      if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      ZonedDateTime z = t.atZone(zone);
      if (!z.toLocalDateTime().equals(t)) {
        // A local time skipped by a daylight-saving change does not exist: it does not fire.
        t = t.plusMinutes(1);
        continue;
      }
      Instant fire = z.toInstant();
      if (fire.isAfter(after)) {
        return Optional.of(fire);
      }
      t = t.plusMinutes(1);
    }
    return Optional.empty();
  }

  /** The latest fire time at or before {@code at}, in {@code zone}; empty if none in 5 years. */
  public Optional<Instant> previous(Instant at, ZoneId zone) {
    LocalDateTime t = LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.MINUTES);
    LocalDate limit = t.toLocalDate().minusDays(MAX_DAYS_AHEAD);
    while (!t.toLocalDate().isBefore(limit)) {
      if (!months.get(t.getMonthValue()) || !dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().atStartOfDay().minusMinutes(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
        continue;
      }
      if (minutes.get(t.getMinute())) {
        ZonedDateTime z = t.atZone(zone);
        if (z.toLocalDateTime().equals(t) && !z.toInstant().isAfter(at)) {
          return Optional.of(z.toInstant());
        }
      }
      t = t.minusMinutes(1);
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate d) {
    boolean dom = daysOfMonth.get(d.getDayOfMonth());
    boolean dow =
        daysOfWeek.get(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
    if (anyDayOfMonth && anyDayOfWeek) {
      return true;
    }
    if (anyDayOfMonth) {
      return dow;
    }
    if (anyDayOfWeek) {
      return dom;
    }
    return dom || dow;
  }

  private static BitSet field(
      String text,
      String name,
      String spec,
      int min,
      int max,
      Map<String, Integer> names,
      boolean questionMark) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",", -1)) {
      if (part.isEmpty()) {
        throw invalid(text, name + ": empty list entry in '" + spec + "'");
      }
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(text, name, part.substring(slash + 1), 1, max, Map.of());
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("?") && !questionMark) {
        throw invalid(text, name + ": '?' is allowed in day of month and day of week only");
      }
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw invalid(text, name + ": bad range '" + range + "'");
        }
        from = number(text, name, ends[0], min, max, names);
        to = number(text, name, ends[1], min, max, names);
        if (from > to) {
          throw invalid(text, name + ": range '" + range + "' runs backwards");
        }
      } else {
        from = number(text, name, range, min, max, names);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(
      String text, String name, String s, int min, int max, Map<String, Integer> names) {
    // Names in ASCII only: "ſun".toUpperCase() is "SUN".
    Integer named =
        s.chars().allMatch(c -> c < 0x80) ? names.get(s.toUpperCase(Locale.ROOT)) : null;
    if (named != null) {
      return named;
    }
    // Integer.parseInt also reads "+5" and non-ASCII digits such as Arabic-Indic ones.
    boolean digits = !s.isEmpty() && s.length() <= 9;
    for (int i = 0; i < s.length() && digits; i++) {
      digits = s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
    if (!digits) {
      throw invalid(
          text, name + ": '" + s + "' is not a number" + (names.isEmpty() ? "" : " or a name"));
    }
    int v = Integer.parseInt(s);
    if (v < min || v > max) {
      throw invalid(text, name + ": " + v + " is outside " + min + "-" + max);
    }
    return v;
  }

  private static ValidationException invalid(String text, String why) {
    return new ValidationException("cron expression '" + text + "' is invalid: " + why);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression c && c.text.trim().equals(text.trim());
  }

  @Override
  public int hashCode() {
    return text.trim().hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
