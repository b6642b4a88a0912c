package io.github.discoverysdk.session;

/** Where a session is: answered while in progress, then completed, then archived. */
public enum SessionStatus {
  IN_PROGRESS,
  COMPLETED,
  ARCHIVED;

  /** Whether a session may move from this status to {@code next}: only one step forward. */
  public boolean canMoveTo(SessionStatus next) {
    return (this == IN_PROGRESS && next == COMPLETED) || (this == COMPLETED && next == ARCHIVED);
  }
}
