package io.github.discoverysdk.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one record job of {@code engine.records()} did in its last run, as a health dashboard shows
 * it; part of the engine's {@link HealthSnapshot}. Immutable and thread-safe.
 *
 * @param job the job's name
 * @param lastRunAt when its last run started; empty if it never ran
 * @param examined rows read in the last run
 * @param newRecords records seen for the first time
 * @param conversions conversions detected
 * @param queueChanges queue changes made
 * @param processingTime how long the run took, by the engine's clock
 * @param errors runs in a row that failed (0 after a success)
 * @param lastError the last failure's message, while {@code errors > 0}
 * @param backfillDone whether the job's one-time backfill has walked the whole table
 */
public record RecordJobHealth(
    String job,
    Optional<Instant> lastRunAt,
    long examined,
    long newRecords,
    long conversions,
    long queueChanges,
    Duration processingTime,
    int errors,
    Optional<String> lastError,
    boolean backfillDone) {
  public RecordJobHealth {
    if (job == null || job.isBlank()) {
      throw new io.github.discoverysdk.ValidationException("job must not be blank");
    }
    Objects.requireNonNull(lastRunAt, "lastRunAt");
    Objects.requireNonNull(processingTime, "processingTime");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** A job that never ran. */
  public static RecordJobHealth never(String job) {
    return new RecordJobHealth(
        job, Optional.empty(), 0, 0, 0, 0, Duration.ZERO, 0, Optional.empty(), false);
  }

  /** Healthy: it ran, and its last run succeeded. */
  public boolean healthy() {
    return lastRunAt.isPresent() && errors == 0;
  }
}
