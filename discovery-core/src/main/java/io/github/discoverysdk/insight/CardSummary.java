package io.github.discoverysdk.insight;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.review.ReviewState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One card as the read models list it: enough to show a row of an inbox or an account's health
 * view; the full opportunity is one {@code find} away. Immutable and thread-safe.
 *
 * @param opportunityId the card's opportunity
 * @param accountId its account, if it attached to one
 * @param sourceId the source of its signal
 * @param title the opportunity's title
 * @param signalType the signal's type
 * @param score the opportunity's total score
 * @param strength its score band
 * @param status the opportunity's status
 * @param reviewState its review card's state, if it has a card
 * @param publishedAt when the signal was published
 * @param cardedAt when the card was created
 * @param riskFlags the flags its signal raised
 */
public record CardSummary(
    OpportunityId opportunityId,
    Optional<String> accountId,
    String sourceId,
    String title,
    SignalType signalType,
    double score,
    SignalStrength strength,
    OpportunityStatus status,
    Optional<ReviewState> reviewState,
    Instant publishedAt,
    Instant cardedAt,
    Set<RiskFlag> riskFlags) {
  public CardSummary {
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(signalType, "signalType");
    Objects.requireNonNull(strength, "strength");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reviewState, "reviewState");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(cardedAt, "cardedAt");
    riskFlags = Set.copyOf(riskFlags);
  }

  /**
   * Whether the card may still be acted on: not dismissed, converted, lost, archived or rejected.
   */
  public boolean open() {
    return isOpen(status);
  }

  /** The statuses {@link #open()} accepts. */
  public static boolean isOpen(OpportunityStatus status) {
    return switch (status) {
      case NEW, SAVED, ACTIONED, PENDING_REVIEW, APPROVED -> true;
      default -> false;
    };
  }
}
