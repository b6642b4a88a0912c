package io.github.discoverysdk.insight;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.OpportunityId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the run recorded about one card (an opportunity) when it created it: the account it attached
 * to, where its signal came from, when the signal was published, first fetched and turned into the
 * card, the risk flags it raised, and whether the card had evidence and a score breakdown. Written
 * once per opportunity: a later run keeps the first timing. Immutable and thread-safe.
 *
 * @param opportunityId the card's opportunity, which names the tenant
 * @param accountId the account the card's company attached to, if any
 * @param sourceId the source of the signal
 * @param publishedAt when the source published the signal
 * @param fetchedAt when the SDK fetched it
 * @param cardedAt when the run created the opportunity
 * @param riskFlags the flags the signal raised ({@link RiskFlags})
 * @param evidence whether the card holds at least one evidence match
 * @param breakdown whether the card's score has at least one factor
 */
public record CardInsight(
    OpportunityId opportunityId,
    Optional<String> accountId,
    String sourceId,
    Instant publishedAt,
    Instant fetchedAt,
    Instant cardedAt,
    Set<RiskFlag> riskFlags,
    boolean evidence,
    boolean breakdown) {
  public CardInsight {
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(cardedAt, "cardedAt");
    riskFlags = RiskFlags.fromBits(RiskFlags.bits(Objects.requireNonNull(riskFlags, "riskFlags")));
    if (accountId.filter(String::isBlank).isPresent()) {
      throw new ValidationException("accountId must not be blank");
    }
  }

  /** The card's tenant. */
  public String tenant() {
    return opportunityId.tenant();
  }

  /**
   * Time from the signal's publication to its card, in whole milliseconds, never negative (a source
   * may date a signal after it was fetched).
   */
  public Duration latency() {
    return Duration.ofMillis(latencyMillis());
  }

  /** {@link #latency()} in milliseconds: what stores keep and take percentiles of. */
  public long latencyMillis() {
    return Math.max(0, cardedAt.toEpochMilli() - publishedAt.toEpochMilli());
  }
}
