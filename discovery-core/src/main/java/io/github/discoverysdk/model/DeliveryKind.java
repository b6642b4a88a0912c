package io.github.discoverysdk.model;

/**
 * What an outbox entry delivers. The kinds about an opportunity carry its {@link
 * OutboxEntry#opportunityId()}; the others carry an {@link OutboxEntry#subject()} instead.
 */
public enum DeliveryKind {
  /** A critical alert about a new opportunity. */
  NEW_ALERT,
  /** A critical alert about a change (event moved, cancelled) of an opportunity already alerted. */
  UPDATED_ALERT,
  /** An opportunity pushed to a CRM, calendar or campaign sink. */
  PUSH,
  /** An alert that a review card waited too long, to its account's manager. */
  REVIEW_ESCALATION,
  /**
   * A discovery session written to a session export sink (a CRM); its subject is the tracked
   * export, {@code ("session_export", exportId)}.
   */
  SESSION_EXPORT(false),
  /**
   * A reconciliation finding sent to a finding sink; its subject is {@code ("finding", key)} and
   * its dedupe key the finding's key (see {@code reconcile.FindingOutbox}).
   */
  RECONCILE_FINDING(false);

  private final boolean aboutOpportunity;

  DeliveryKind() {
    this(true);
  }

  DeliveryKind(boolean aboutOpportunity) {
    this.aboutOpportunity = aboutOpportunity;
  }

  /**
   * Whether an entry of this kind is about an opportunity ({@link OutboxEntry#opportunityId()}),
   * rather than another {@link OutboxEntry#subject()}.
   */
  public boolean aboutOpportunity() {
    return aboutOpportunity;
  }
}
