package io.github.discoverysdk;

/**
 * A write carried a stale version (or raced with another insert of the same natural key). Nothing
 * was changed; read again and retry.
 */
public class ConcurrentUpdateException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String message) {
    super(Reason.CONCURRENT_UPDATE, message);
  }

  public ConcurrentUpdateException(String message, Throwable cause) {
    super(Reason.CONCURRENT_UPDATE, message, cause);
  }
}
