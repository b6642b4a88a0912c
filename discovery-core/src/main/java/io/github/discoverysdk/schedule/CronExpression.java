package io.github.discoverysdk.schedule;

import io.github.discoverysdk.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
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
 * elsewhere.
 *
 * <p>Days follow Vixie cron as cronie implements it ({@code src/entry.c} and {@code find_jobs} in
 * {@code src/cron.c} of cronie-crond/cronie): a day field whose text starts with {@code *} (or
 * {@code ?}) is "star", steps included. If neither day field is star, a day matching either fires
 * ({@code 30 4 1,15 * 5}: the 1st, the 15th and every Friday). If either is star, a day must match
 * both, so {@code 0 0 *}{@code /2 * MON} fires on Mondays that fall on an odd day of the month, and
 * {@code 0 0 1 * *} on the 1st only.
 *
 * <p>Times are evaluated in a given zone, so {@code 0 9 * * MON-FRI} in Europe/Berlin fires at
 * 09:00 Berlin time across daylight-saving changes. Around a change this follows cronie's daemon
 * (the clock-jump cases in {@code src/cron.c}), which tells "fixed-time" jobs from "wildcard" jobs
 * whose minute or hour starts with {@code *}:
 *
 * <ul>
 *   <li>a fixed time skipped by a gap fires once, at the first instant after the gap: {@code 30 2 *
 *       * *} in Europe/Berlin fires at 03:00 CEST on the day summer time starts; a wildcard job
 *       skips the missing times and fires at its next time that exists;
 *   <li>a fixed time repeated by an overlap fires once, at its first occurrence; a wildcard job
 *       fires in both passes, so {@code *}{@code /15 * * * *} keeps its rhythm through the repeated
 *       hour.
 * </ul>
 *
 * <p>Immutable and thread-safe.
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
  private final boolean wildcardTime;

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
    // cronie (entry.c) flags a field as "star" when its first character is '*', so "*/2" counts.
    anyDayOfMonth = f[2].startsWith("*") || f[2].startsWith("?");
    anyDayOfWeek = f[4].startsWith("*") || f[4].startsWith("?");
    wildcardTime = f[0].startsWith("*") || f[1].startsWith("*");
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
    ZoneRules rules = zone.getRules();
    // A local time can fire at an instant up to one offset change away, so start at the earliest
    // local reading of `after` and stop once no later local time can fire sooner than the best.
    LocalDateTime t =
        LocalDateTime.ofInstant(after, offsets(rules, after)[0]).truncatedTo(ChronoUnit.MINUTES);
    LocalDate limit = t.toLocalDate().plusDays(MAX_DAYS_AHEAD);
    Instant best = null;
    LocalDateTime stop = null;
    while ((t = matchAtOrAfter(t, limit)) != null && (stop == null || t.isBefore(stop))) {
      for (Instant fire : fireInstants(t, zone)) {
        if (fire.isAfter(after) && (best == null || fire.isBefore(best))) {
          best = fire;
          stop = LocalDateTime.ofInstant(best, offsets(rules, best)[1]).plusMinutes(1);
        }
      }
      t = t.plusMinutes(1);
    }
    return Optional.ofNullable(best);
  }

  /** The latest fire time at or before {@code at}, in {@code zone}; empty if none in 5 years. */
  public Optional<Instant> previous(Instant at, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    LocalDateTime t =
        LocalDateTime.ofInstant(at, offsets(rules, at)[1]).truncatedTo(ChronoUnit.MINUTES);
    LocalDate limit = t.toLocalDate().minusDays(MAX_DAYS_AHEAD);
    Instant best = null;
    LocalDateTime stop = null;
    while ((t = matchAtOrBefore(t, limit)) != null && (stop == null || t.isAfter(stop))) {
      for (Instant fire : fireInstants(t, zone)) {
        if (!fire.isAfter(at) && (best == null || fire.isAfter(best))) {
          best = fire;
          stop = LocalDateTime.ofInstant(best, offsets(rules, best)[0]).minusMinutes(1);
        }
      }
      t = t.minusMinutes(1);
    }
    return Optional.ofNullable(best);
  }

  /**
   * The instants at which the matching local time {@code t} fires, following cronie's daemon
   * ({@code cron.c}, main loop): a time that a daylight-saving gap skips fires once at the first
   * instant after the gap if minute and hour are fixed, and not at all for a "wildcard" job (minute
   * or hour starting with {@code *}), which simply fires again at its next time; a time that an
   * overlap repeats fires once, at its first occurrence, unless the job is a wildcard job, which
   * runs in both passes.
   */
  private List<Instant> fireInstants(LocalDateTime t, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> valid = rules.getValidOffsets(t);
    if (valid.size() == 1) {
      return List.of(t.toInstant(valid.get(0)));
    }
    if (valid.isEmpty()) {
      return wildcardTime ? List.of() : List.of(rules.getTransition(t).getInstant());
    }
    ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, null);
    Instant first = z.withEarlierOffsetAtOverlap().toInstant();
    return wildcardTime ? List.of(first, z.withLaterOffsetAtOverlap().toInstant()) : List.of(first);
  }

  /** The smallest and largest offsets {@code zone} uses within two days of {@code instant}. */
  private static ZoneOffset[] offsets(ZoneRules rules, Instant instant) {
    Instant from = instant.minus(2, ChronoUnit.DAYS);
    Instant to = instant.plus(2, ChronoUnit.DAYS);
    ZoneOffset min = rules.getOffset(from);
    ZoneOffset max = min;
    for (ZoneOffsetTransition tr = rules.nextTransition(from);
        tr != null && tr.getInstant().isBefore(to);
        tr = rules.nextTransition(tr.getInstant())) {
      ZoneOffset o = tr.getOffsetAfter();
      min = o.getTotalSeconds() < min.getTotalSeconds() ? o : min;
      max = o.getTotalSeconds() > max.getTotalSeconds() ? o : max;
    }
    return new ZoneOffset[] {min, max};
  }

  /**
   * The first local time at or after {@code t} matching every field, or null past {@code limit}.
   */
  private LocalDateTime matchAtOrAfter(LocalDateTime t, LocalDate limit) {
    while (!t.toLocalDate().isAfter(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t;
      }
    }
    return null;
  }

  /**
   * The last local time at or before {@code t} matching every field, or null before {@code limit}.
   */
  private LocalDateTime matchAtOrBefore(LocalDateTime t, LocalDate limit) {
    while (!t.toLocalDate().isBefore(limit)) {
      if (!months.get(t.getMonthValue()) || !dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().atStartOfDay().minusMinutes(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.minusMinutes(1);
      } else {
        return t;
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDate d) {
    boolean dom = daysOfMonth.get(d.getDayOfMonth());
    boolean dow =
        daysOfWeek.get(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
    // cronie's cron.c: (DOM_STAR || DOW_STAR) ? dom && dow : dom || dow. A star field has every
    // bit set unless it carries a step, so "*/2 * MON" means odd days that are Mondays.
    return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
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
