package io.github.discoverysdk;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.ReviewAction;
import io.github.discoverysdk.review.ReviewState;
import java.util.Objects;

/**
 * A review action that the card's state does not allow (approving a rejected card, activating one
 * not approved). Nothing was changed. A {@link ValidationException}, so that hosts that handle bad
 * requests as one kind need no new case; {@link #from()} and {@link #action()} say which move it
 * was.
 */
public class IllegalTransitionException extends ValidationException {
  private static final long serialVersionUID = 1L;

  private final ReviewState from;
  private final ReviewAction action;
  private final OpportunityId card;

  public IllegalTransitionException(ReviewState from, ReviewAction action, OpportunityId card) {
    super(
        "cannot "
            + action.name().toLowerCase(java.util.Locale.ROOT)
            + " card "
            + card
            + ": it is "
            + from
            + ", and "
            + action
            + " is allowed only from "
            + action.from());
    this.from = Objects.requireNonNull(from, "from");
    this.action = action;
    this.card = card;
  }

  /**
   * For the transitions of other workflows (sessions), which subclass this exception with accessors
   * of their own; {@link #from()}, {@link #action()} and {@link #card()} are then null.
   */
  protected IllegalTransitionException(String message) {
    super(message);
    this.from = null;
    this.action = null;
    this.card = null;
  }

  /** The state the card was in. */
  public ReviewState from() {
    return from;
  }

  /** The action refused. */
  public ReviewAction action() {
    return action;
  }

  /** The card, by its opportunity's id. */
  public OpportunityId card() {
    return card;
  }
}
