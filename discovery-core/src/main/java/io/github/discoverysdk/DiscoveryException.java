package io.github.discoverysdk;

import io.github.discoverysdk.internal.Text;
import java.util.Objects;

/**
 * Base of every exception the SDK throws on purpose. Unchecked; {@link #reason()} tells a host what
 * kind of failure it is without matching on subclasses or messages. The message is always one line:
 * control characters and line separators in it (which may come from a source's record, an API's
 * reply or a user's input) are escaped, so that logging it cannot forge log lines.
 */
public class DiscoveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure an exception reports. */
  public enum Reason {
    /** An argument or a value failed validation. */
    VALIDATION,
    /** Something looked up by id does not exist for this tenant. */
    NOT_FOUND,
    /** The caller's principal may not do this; nothing was read or changed. */
    ACCESS_DENIED,
    /** A stale version was written; nothing was changed. */
    CONCURRENT_UPDATE,
    /** A signal source failed or returned a malformed record. */
    SOURCE,
    /** The storage failed. */
    STORAGE,
    /** A sink (alerts, CRM) failed. */
    SINK,
    /** Anything else. */
    INTERNAL
  }

  private final Reason reason;

  public DiscoveryException(Reason reason, String message) {
    super(Text.oneLine(message));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public DiscoveryException(Reason reason, String message, Throwable cause) {
    super(Text.oneLine(message), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The kind of failure, never null. */
  public Reason reason() {
    return reason;
  }
}
