package io.github.discoverysdk.draft;

import io.github.discoverysdk.review.ReviewCard;
import java.util.Objects;

/**
 * The result of {@link Drafts#edit}: the new draft version and the card, back in review. Immutable
 * and thread-safe.
 *
 * @param draft the stored new version
 * @param card the card after the refine that the edit made
 */
public record DraftEdit(Draft draft, ReviewCard card) {
  public DraftEdit {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(card, "card");
  }
}
