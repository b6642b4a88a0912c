package io.github.discoverysdk.review;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a card stands in review. The allowed moves are:
 *
 * <pre>
 * NEW ──submit──▶ PENDING_REVIEW ──approve──▶ APPROVED ──activate──▶ ACTIVATED
 *                   ▲      │
 *                   │      └──reject──▶ REJECTED
 *   refine (from NEW, PENDING_REVIEW, APPROVED or REJECTED) returns the card to PENDING_REVIEW
 * </pre>
 *
 * ACTIVATED is final: the card was handed to a CRM through the outbox, whose entry tracks delivery
 * (PENDING, DELIVERED, DEAD) and can be retried by hand.
 */
public enum ReviewState {
  NEW,
  PENDING_REVIEW,
  APPROVED,
  REJECTED,
  ACTIVATED;

  /** States a card may still move out of. */
  public static final Set<ReviewState> OPEN = EnumSet.of(NEW, PENDING_REVIEW, APPROVED);
}
