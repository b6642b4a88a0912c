package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.time.Instant;
import java.util.Optional;

/**
 * Review cards left in an open state (NEW, PENDING_REVIEW, APPROVED) with no change for longer than
 * the threshold. Reported only: moving a card is a reviewer's decision, and overdue reviews are
 * escalated by the review subsystem itself.
 */
final class ReviewCheck {
  private ReviewCheck() {}

  static void run(Pass pass) {
    Reconciliation.Settings s = pass.settings;
    Instant before = pass.now.minus(s.reviewStuckAfter());
    for (ReviewCard card :
        s.storage()
            .reviews()
            .list(
                pass.tenant,
                AccessScope.tenant(),
                ReviewState.OPEN,
                Optional.empty(),
                s.scanLimit())) {
      if (!card.updatedAt().isAfter(before)) {
        pass.found(
            new Finding(
                FindingKind.REVIEW_STUCK,
                pass.tenant,
                card.opportunityId().value(),
                card.updatedAt(),
                "review card " + card.state() + " unchanged since " + card.updatedAt(),
                false));
      }
    }
  }
}
