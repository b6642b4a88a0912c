package io.github.discoverysdk.review;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a reviewer (or the engine) does to a card, with the states it is allowed from and the state
 * it leads to: the state machine documented on {@link ReviewState}, as data, so that a host can
 * show only the actions a card allows.
 */
public enum ReviewAction {
  /** Sends a new card to review. */
  SUBMIT(EnumSet.of(ReviewState.NEW), ReviewState.PENDING_REVIEW),
  /** Approves a card under review. */
  APPROVE(EnumSet.of(ReviewState.PENDING_REVIEW), ReviewState.APPROVED),
  /** Rejects a card under review; a reason is required. */
  REJECT(EnumSet.of(ReviewState.PENDING_REVIEW), ReviewState.REJECTED),
  /** Edits narrative, score or notes, and sends the card (back) to review. */
  REFINE(
      EnumSet.of(
          ReviewState.NEW, ReviewState.PENDING_REVIEW, ReviewState.APPROVED, ReviewState.REJECTED),
      ReviewState.PENDING_REVIEW),
  /** Pushes an approved card to a CRM through the outbox. */
  ACTIVATE(EnumSet.of(ReviewState.APPROVED), ReviewState.ACTIVATED);

  private final Set<ReviewState> from;
  private final ReviewState to;

  ReviewAction(Set<ReviewState> from, ReviewState to) {
    this.from = from;
    this.to = to;
  }

  /** The states this action is allowed from. */
  public Set<ReviewState> from() {
    return EnumSet.copyOf(from);
  }

  /** The state a card is in after this action. */
  public ReviewState to() {
    return to;
  }

  /** Whether a card in {@code state} allows this action. */
  public boolean allowedFrom(ReviewState state) {
    return from.contains(state);
  }
}
