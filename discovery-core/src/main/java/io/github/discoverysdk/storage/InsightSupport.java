package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.model.OpportunityId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What every {@link InsightStore} shares: argument checks, the inbox order and the percentile the
 * SQL stores take ({@code PERCENTILE_CONT}: linear between the two nearest ranks). Not API: public
 * for the JDBC module. Stateless and thread-safe.
 */
public final class InsightSupport {
  /** Seconds of a week: the buckets of a health view. */
  public static final long WEEK_SECONDS = Duration.ofDays(7).toSeconds();

  private InsightSupport() {}

  /**
   * The distinct ids of an {@code InsightStore.refresh}, in order; empty if none.
   *
   * @throws ValidationException if they are of more than one tenant
   */
  public static List<OpportunityId> refreshed(java.util.Collection<OpportunityId> ids) {
    java.util.Objects.requireNonNull(ids, "ids");
    java.util.Set<OpportunityId> distinct = new java.util.LinkedHashSet<>();
    for (OpportunityId id : ids) {
      java.util.Objects.requireNonNull(id, "id");
      if (!distinct.isEmpty() && !distinct.iterator().next().tenant().equals(id.tenant())) {
        throw new ValidationException("ids to refresh must be of one tenant, got " + id);
      }
      distinct.add(id);
    }
    return List.copyOf(distinct);
  }

  /** The first record of each opportunity of a batch, in order; checks the batch's size. */
  public static List<CardInsight> firsts(List<CardInsight> records) {
    if (records.size() > InsightStore.MAX_BATCH) {
      throw new ValidationException(
          "records must hold at most "
              + InsightStore.MAX_BATCH
              + " per call, held "
              + records.size());
    }
    java.util.Map<OpportunityId, CardInsight> firsts = new java.util.LinkedHashMap<>();
    for (CardInsight r : records) {
      firsts.putIfAbsent(
          Objects.requireNonNull(r, "records must not contain null").opportunityId(), r);
    }
    return List.copyOf(firsts.values());
  }

  /** Checks the arguments of {@link InsightStore#accountHealth}. */
  public static void checkHealth(
      String tenant, String accountId, Instant now, int weeks, int listed) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(now, "now");
    if (weeks < 2 || weeks > AccountHealth.MAX_WEEKS) {
      throw new ValidationException(
          "weeks must be in [2, " + AccountHealth.MAX_WEEKS + "], was " + weeks);
    }
    if (listed < 0 || listed > InsightStore.MAX_LISTED) {
      throw new ValidationException(
          "listed must be in [0, " + InsightStore.MAX_LISTED + "], was " + listed);
    }
  }

  /** Checks a period: both present, {@code from} before {@code to}. */
  public static void checkPeriod(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new ValidationException("from must be before to, was " + from + " and " + to);
    }
  }

  /**
   * The first instant of a health view of {@code weeks} weeks ending at {@code now}, in seconds.
   */
  public static long startSecond(Instant now, int weeks) {
    return now.getEpochSecond() - weeks * WEEK_SECONDS;
  }

  /** The order of an inbox: (account id when grouped), newest card first, then opportunity id. */
  public static Comparator<CardSummary> order(boolean groupByAccount) {
    Comparator<CardSummary> newest =
        Comparator.comparing(CardSummary::cardedAt)
            .reversed()
            .thenComparing(c -> c.opportunityId().value());
    return groupByAccount
        ? Comparator.comparing((CardSummary c) -> c.accountId().orElse("")).thenComparing(newest)
        : newest;
  }

  /** Whether {@code card} comes after {@code cursor} in the order of {@code query}. */
  public static boolean after(CardSummary card, InboxCursor cursor, InboxQuery query) {
    if (query.groupByAccount()) {
      int byAccount = card.accountId().orElse("").compareTo(cursor.accountId().orElse(""));
      if (byAccount != 0) {
        return byAccount > 0;
      }
    }
    int byTime = card.cardedAt().compareTo(cursor.cardedAt());
    return byTime < 0
        || (byTime == 0 && card.opportunityId().value().compareTo(cursor.opportunityId()) > 0);
  }

  /** The {@code p} percentile of {@code values} as {@code PERCENTILE_CONT}; empty if none. */
  public static OptionalDouble percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    double rank = p * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return OptionalDouble.of(sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]));
  }

  /** A number of milliseconds, possibly fractional, as a duration. */
  public static Duration millis(double millis) {
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  /** A number of microseconds, possibly fractional, as a duration. */
  public static Duration micros(double micros) {
    return Duration.ofNanos(Math.round(micros * 1_000));
  }
}
