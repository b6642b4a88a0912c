package io.github.discoverysdk.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A tenant's figures over the cards created in a period, against the targets of account monitoring:
 * coverage (cards per account per week), the share of decided cards accepted, the share converted,
 * the P50 and P95 time from signal to card, and the shares of cards with evidence and with a score
 * breakdown. Immutable and thread-safe.
 *
 * @param from start of the period, inclusive
 * @param to end of the period, exclusive
 * @param accounts the tenant's accounts
 * @param cards the cards created in the period
 * @param accountCards those of them attached to an account
 * @param accepted cards approved or activated in review
 * @param decided cards approved, activated or rejected
 * @param converted cards whose opportunity converted
 * @param withEvidence cards with at least one evidence match
 * @param withBreakdown cards whose score has at least one factor
 * @param p50Latency median time from publication to card; empty without cards
 * @param p95Latency 95th percentile of it (interpolated); empty without cards
 */
public record Dashboard(
    Instant from,
    Instant to,
    long accounts,
    long cards,
    long accountCards,
    long accepted,
    long decided,
    long converted,
    long withEvidence,
    long withBreakdown,
    Optional<Duration> p50Latency,
    Optional<Duration> p95Latency) {
  public Dashboard {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(p50Latency, "p50Latency");
    Objects.requireNonNull(p95Latency, "p95Latency");
  }

  /**
   * Cards attached to an account, per account and per week of the period; empty without accounts.
   */
  public OptionalDouble coverage() {
    double weeks = Duration.between(from, to).toMillis() / (double) Duration.ofDays(7).toMillis();
    return accounts == 0 || weeks <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(accountCards / (double) accounts / weeks);
  }

  /** Accepted over decided; empty when none was decided. */
  public OptionalDouble acceptanceRate() {
    return ratio(accepted, decided);
  }

  /** Converted over cards; empty without cards. */
  public OptionalDouble conversionRate() {
    return ratio(converted, cards);
  }

  /** Share of cards with evidence; empty without cards. */
  public OptionalDouble evidenceShare() {
    return ratio(withEvidence, cards);
  }

  /** Share of cards with a score breakdown; empty without cards. */
  public OptionalDouble breakdownShare() {
    return ratio(withBreakdown, cards);
  }

  private static OptionalDouble ratio(long part, long whole) {
    return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(part / (double) whole);
  }
}
