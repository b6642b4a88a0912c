package io.github.discoverysdk.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of one account over its last weeks: signals per week with their {@link Trend}, the
 * risk flags its cards raised with the cards that raised them, its top open cards, and when someone
 * last touched one of its cards (a review decision or feedback). Immutable and thread-safe.
 *
 * @param accountId the account
 * @param weeks the signals of each week, oldest first, the last one ending at the time asked
 * @param trend where the weekly counts go
 * @param risks each raised flag with the cards that raised it, newest first
 * @param topOpen the open cards with the highest scores, highest first
 * @param lastTouch the latest review decision or feedback on one of its cards, if any
 */
public record AccountHealth(
    String accountId,
    List<Week> weeks,
    Trend trend,
    Map<RiskFlag, List<CardSummary>> risks,
    List<CardSummary> topOpen,
    Optional<Instant> lastTouch) {
  /** Most weeks a health view covers. */
  public static final int MAX_WEEKS = 52;

  /**
   * One week of an account.
   *
   * @param start the first instant of the week
   * @param signals distinct signals published in it about the account
   */
  public record Week(Instant start, long signals) {}

  public AccountHealth {
    Objects.requireNonNull(accountId, "accountId");
    weeks = List.copyOf(weeks);
    Objects.requireNonNull(trend, "trend");
    Map<RiskFlag, List<CardSummary>> copy = new EnumMap<>(RiskFlag.class);
    risks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    risks = java.util.Collections.unmodifiableMap(copy);
    topOpen = List.copyOf(topOpen);
    Objects.requireNonNull(lastTouch, "lastTouch");
  }

  /**
   * Assembles a health view from what a store read.
   *
   * @param start the first instant of the first week
   * @param counts the signals of each week, oldest first
   * @param flagged the cards with a risk flag in the period, newest first
   */
  public static AccountHealth of(
      String accountId,
      Instant start,
      long[] counts,
      List<CardSummary> flagged,
      List<CardSummary> topOpen,
      Optional<Instant> lastTouch) {
    List<Week> weeks = new ArrayList<>(counts.length);
    List<Long> values = new ArrayList<>(counts.length);
    for (int i = 0; i < counts.length; i++) {
      weeks.add(new Week(start.plus(Duration.ofDays(7L * i)), counts[i]));
      values.add(counts[i]);
    }
    Map<RiskFlag, List<CardSummary>> risks = new EnumMap<>(RiskFlag.class);
    for (CardSummary c : flagged) {
      for (RiskFlag f : c.riskFlags()) {
        risks.computeIfAbsent(f, k -> new ArrayList<>()).add(c);
      }
    }
    return new AccountHealth(accountId, weeks, Trend.of(values), risks, topOpen, lastTouch);
  }
}
