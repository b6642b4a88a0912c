package io.github.discoverysdk.access;

/**
 * What a role may do. Each public operation of {@link io.github.discoverysdk.SecuredEngine} needs
 * exactly one permission, named in its javadoc; the role that grants it also sets how far it
 * reaches ({@link Scope}).
 */
public enum Permission {
  /** Read discovery profiles. */
  PROFILE_READ,
  /** Create, change and delete discovery profiles. */
  PROFILE_WRITE,
  /** Start discovery runs and read their reports. */
  RUN,
  /** Read the feed, opportunities and their feedback. */
  FEED_READ,
  /** Give feedback on an opportunity. */
  FEEDBACK,
  /** Submit a card for review and refine it (narrative, score override, notes). */
  REVIEW_REFINE,
  /** Approve or reject a card. */
  REVIEW_DECIDE,
  /** Activate an approved card (push it to a CRM) and push opportunities to sinks. */
  PUSH,
  /** Retry a dead delivery by hand and read the outbox. */
  OUTBOX_RETRY,
  /** Read teams, their shared opportunities and notes. */
  TEAM_READ,
  /** Create teams, add members, share, note and set team statuses. */
  TEAM_WRITE,
  /** Read accounts and their open opportunities. */
  ACCOUNT_READ,
  /** Create and update accounts. */
  ACCOUNT_WRITE,
  /** Reassign an account to another account manager or team. */
  ACCOUNT_ASSIGN,
  /** Read analytics, costs, review statistics and read models. */
  ANALYTICS_READ,
  /** Read the health snapshot. */
  HEALTH_READ,
  /** Read the audit log. */
  AUDIT_READ,
  /** Read discovery sessions, their responses, notes, exports and insights. */
  SESSION_READ,
  /** Start, answer, complete and archive discovery sessions; note, export and apply them. */
  SESSION_WRITE
}
