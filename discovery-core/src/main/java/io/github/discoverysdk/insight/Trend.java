package io.github.discoverysdk.insight;

import java.util.List;
import java.util.Locale;

/**
 * Which way an account's signal volume goes, and why: the mean signals a week of the recent half of
 * the weeks against the mean of the earlier half. UP when the recent mean is at least {@link #RISE}
 * times the earlier one and higher by at least {@link #MIN_STEP} a week; DOWN when the earlier is
 * at least {@link #RISE} times the recent one and higher by at least {@link #MIN_STEP}; FLAT
 * otherwise (so that one extra signal on a quiet account is no trend).
 *
 * @param direction up, flat or down
 * @param reason the figures that decided it
 */
public record Trend(Direction direction, String reason) {
  /** How many times higher one half must be than the other. */
  public static final double RISE = 1.25;

  /** How many more signals a week one half must have than the other. */
  public static final double MIN_STEP = 0.5;

  /** Which way. */
  public enum Direction {
    UP,
    FLAT,
    DOWN
  }

  /** The trend of weekly counts, oldest first; needs at least two weeks. */
  public static Trend of(List<Long> weekly) {
    if (weekly.size() < 2) {
      throw new IllegalArgumentException("a trend needs at least 2 weeks, had " + weekly.size());
    }
    int recentWeeks = weekly.size() / 2;
    int earlierWeeks = weekly.size() - recentWeeks;
    double earlier = mean(weekly.subList(0, earlierWeeks));
    double recent = mean(weekly.subList(earlierWeeks, weekly.size()));
    Direction d;
    if (recent >= earlier * RISE && recent - earlier >= MIN_STEP) {
      d = Direction.UP;
    } else if (earlier >= recent * RISE && earlier - recent >= MIN_STEP) {
      d = Direction.DOWN;
    } else {
      d = Direction.FLAT;
    }
    String reason =
        String.format(
            Locale.ROOT,
            "%.1f signals a week in the last %d weeks against %.1f in the %d weeks before: %s",
            recent,
            recentWeeks,
            earlier,
            earlierWeeks,
            d.name().toLowerCase(Locale.ROOT));
    return new Trend(d, reason);
  }

  private static double mean(List<Long> counts) {
    return counts.stream().mapToLong(Long::longValue).sum() / (double) counts.size();
  }
}
