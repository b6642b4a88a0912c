package io.github.discoverysdk.audit;

/** What an audited actor did to an entity. */
public enum AuditAction {
  /** Read an entity; recorded only when the host turns view auditing on. */
  VIEW,
  CREATE,
  UPDATE,
  DELETE,
  /** Sent a card to review. */
  SUBMIT,
  APPROVE,
  REJECT,
  /** Edited a card under review: narrative, score override, note. */
  REFINE,
  /** Pushed an approved card to a CRM. */
  ACTIVATE,
  /** Gave feedback on an opportunity. */
  FEEDBACK,
  /** Shared an opportunity with a team, noted it or set its team status. */
  SHARE,
  /** Moved an account to another owner or team. */
  ASSIGN,
  /** Pushed an opportunity to a sink. */
  PUSH,
  /** Retried a dead delivery by hand. */
  RETRY,
  /** Raised a review escalation. */
  ESCALATE,
  /** Was refused: the entry's reason names the missing permission. */
  DENY
}
