package io.github.discoverysdk.review;

import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of cards ended: the sort key of its last card, {@link #queuedAt()} (when it was
 * submitted, else created) and its opportunity id's value.
 *
 * @param queuedAt the last card's {@code submittedAt}, else its {@code createdAt}
 * @param opportunityId the last card's opportunity id value (without the tenant), as {@link
 *     io.github.discoverysdk.model.OpportunityId} accepts it
 */
public record ReviewCursor(Instant queuedAt, String opportunityId) {
  public ReviewCursor {
    Objects.requireNonNull(queuedAt, "queuedAt");
    // Any value an OpportunityId takes: ids may end with a space ("k " is not "k"), so the
    // identifier rule would refuse the cursor after such a card and stop the inbox there.
    Fields.notBlank("cursor.opportunityId", opportunityId);
  }

  /** The cursor after {@code card}. */
  public static ReviewCursor after(ReviewCard card) {
    return new ReviewCursor(
        card.submittedAt().orElse(card.createdAt()), card.opportunityId().value());
  }
}
