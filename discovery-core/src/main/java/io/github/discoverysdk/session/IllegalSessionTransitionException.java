package io.github.discoverysdk.session;

import io.github.discoverysdk.IllegalTransitionException;

/**
 * A session status change its status does not allow (completing an archived session, answering a
 * completed one). Nothing was changed. {@link #status()} and {@link #target()} say which move it
 * was.
 */
public class IllegalSessionTransitionException extends IllegalTransitionException {
  private static final long serialVersionUID = 1L;

  private final SessionStatus status;
  private final SessionStatus target;

  public IllegalSessionTransitionException(
      String sessionId, SessionStatus status, SessionStatus target) {
    super(
        "session "
            + sessionId
            + " is "
            + status
            + " and cannot become "
            + target
            + ": sessions go IN_PROGRESS -> COMPLETED -> ARCHIVED");
    this.status = status;
    this.target = target;
  }

  /** The status the session was in. */
  public SessionStatus status() {
    return status;
  }

  /** The status refused. */
  public SessionStatus target() {
    return target;
  }
}
