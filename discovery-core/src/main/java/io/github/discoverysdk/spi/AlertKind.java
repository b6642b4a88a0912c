package io.github.discoverysdk.spi;

/** Why an alert is raised. */
public enum AlertKind {
  /** A new opportunity with a strong watchlist match. */
  NEW,
  /** An opportunity that was already alerted changed. */
  UPDATED
}
