package io.github.discoverysdk.model;

/**
 * Where an opportunity stands. The review states are used by the account-monitoring workflow;
 * {@link #ARCHIVED} by lifecycle management.
 */
public enum OpportunityStatus {
  NEW,
  SAVED,
  ACTIONED,
  DISMISSED,
  CONVERTED,
  LOST,
  ARCHIVED,
  PENDING_REVIEW,
  APPROVED,
  REJECTED
}
