package io.github.discoverysdk;

/**
 * Something looked up by id does not exist for the caller's tenant. Another tenant's data is
 * reported as not found, never as forbidden, so ids cannot be probed.
 */
public class NotFoundException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(Reason.NOT_FOUND, message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(Reason.NOT_FOUND, message, cause);
  }
}
