package io.github.discoverysdk;

/**
 * A sink (alerts, CRM, calendar) failed to deliver. {@link #permanent()} says whether retrying can
 * help: a rejected payload, a missing channel or revoked credentials cannot, and the outbox marks
 * the entry DEAD at once; anything else is retried with backoff.
 */
public class SinkException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  private final boolean permanent;

  public SinkException(String message, boolean permanent) {
    super(Reason.SINK, message);
    this.permanent = permanent;
  }

  public SinkException(String message, boolean permanent, Throwable cause) {
    super(Reason.SINK, message, cause);
    this.permanent = permanent;
  }

  /** Whether retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }
}
