package io.github.discoverysdk.spi;

/** Why an alert is raised. */
public enum AlertKind {
  /** A new opportunity with a strong watchlist match. */
  NEW,
  /** An opportunity that was already alerted changed. */
  UPDATED,
  /**
   * The opportunity's review card waited in review longer than the host allows: the alert names its
   * {@link Alert#recipient()} (the account's manager) and {@link Alert#pendingSince()}.
   */
  REVIEW_ESCALATION
}
