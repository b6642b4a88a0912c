package io.github.discoverysdk;

/** The storage failed. A transaction that threw it was rolled back. */
public class StorageException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(Reason.STORAGE, message);
  }

  public StorageException(String message, Throwable cause) {
    super(Reason.STORAGE, message, cause);
  }
}
