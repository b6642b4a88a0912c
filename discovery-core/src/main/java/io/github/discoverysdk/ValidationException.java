package io.github.discoverysdk;

/** An argument or a value is invalid; the message names the field and says what to fix. */
public class ValidationException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  public ValidationException(String message) {
    super(Reason.VALIDATION, message);
  }

  public ValidationException(String message, Throwable cause) {
    super(Reason.VALIDATION, message, cause);
  }
}
