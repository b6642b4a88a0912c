package io.github.discoverysdk.model;

/** What an outbox entry delivers. */
public enum DeliveryKind {
  /** A critical alert about a new opportunity. */
  NEW_ALERT,
  /** A critical alert about a change (event moved, cancelled) of an opportunity already alerted. */
  UPDATED_ALERT,
  /** An opportunity pushed to a CRM, calendar or campaign sink. */
  PUSH,
  /** An alert that a review card waited too long, to its account's manager. */
  REVIEW_ESCALATION
}
