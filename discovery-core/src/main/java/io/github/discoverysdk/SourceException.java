package io.github.discoverysdk;

import java.util.Objects;
import java.util.Optional;

/**
 * A signal source failed, or one of its records was malformed. Names the source and, when the
 * failure concerns one record, that record. The engine counts and logs it once per run and carries
 * on with the other records and sources.
 */
public class SourceException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  private final String sourceId;
  private final String recordId;

  public SourceException(String sourceId, String message, Throwable cause) {
    this(sourceId, null, message, cause);
  }

  public SourceException(String sourceId, String recordId, String message, Throwable cause) {
    super(
        Reason.SOURCE,
        "source '"
            + Objects.requireNonNull(sourceId, "sourceId")
            + "'"
            + (recordId == null ? "" : ", record '" + recordId + "'")
            + ": "
            + message,
        cause);
    this.sourceId = sourceId;
    this.recordId = recordId;
  }

  /** The id of the source that failed. */
  public String sourceId() {
    return sourceId;
  }

  /** The record concerned, when the failure is about one record. */
  public Optional<String> recordId() {
    return Optional.ofNullable(recordId);
  }
}
