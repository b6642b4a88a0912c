package io.github.discoverysdk.reconcile;

import java.util.Locale;

/** The kinds of drift the {@link Reconciliation} job looks for. */
public enum FindingKind {
  /** A PENDING outbox entry due for longer than the threshold: no dispatcher got it through. */
  OUTBOX_STUCK,
  /** A DEAD outbox entry, given up longer ago than the threshold: someone must look at it. */
  OUTBOX_DEAD,
  /** A push recorded as sent whose CRM record is missing. */
  CRM_MISSING,
  /** A push recorded as sent whose CRM record no longer says what was pushed. */
  CRM_DIFFERENT,
  /** Opportunities or signals whose search document was missing or older than storage's. */
  SEARCH_BEHIND,
  /** A tracked signal (live opportunity, refreshable source) not refreshed for too long. */
  SIGNAL_NOT_REFRESHED,
  /** A review card left in an open state for longer than the threshold. */
  REVIEW_STUCK;

  /** The kind in lower case with dots, as metrics and keys name it: {@code outbox.stuck}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
