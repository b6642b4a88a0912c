package io.github.discoverysdk.review;

import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of cards ended: the sort key of its last card, {@link #queuedAt()} (when it was
 * submitted, else created) and its opportunity id's value.
 *
 * @param queuedAt the last card's {@code submittedAt}, else its {@code createdAt}
 * @param opportunityId the last card's opportunity id value (without the tenant)
 */
public record ReviewCursor(Instant queuedAt, String opportunityId) {
  public ReviewCursor {
    Objects.requireNonNull(queuedAt, "queuedAt");
    Fields.identifier("cursor.opportunityId", opportunityId, 400);
  }

  /** The cursor after {@code card}. */
  public static ReviewCursor after(ReviewCard card) {
    return new ReviewCursor(
        card.submittedAt().orElse(card.createdAt()), card.opportunityId().value());
  }
}
