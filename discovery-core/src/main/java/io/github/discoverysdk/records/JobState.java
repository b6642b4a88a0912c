package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.RecordJobHealth;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine keeps of a record job between runs: its watermark, the resumable watermark of its
 * backfill, the last scheduled window it ran and its health. Immutable and thread-safe.
 *
 * @param tenant the job's tenant
 * @param job the job's name
 * @param watermark the last row its incremental runs read; empty before the first
 * @param backfill the last row its backfill read; empty before it started
 * @param lastWindow the cron window (epoch second of its fire time) it last ran for; 0 if none
 * @param health its last run
 * @param version 0 for a state never stored; incremented by storage on every write
 */
public record JobState(
    String tenant,
    String job,
    Optional<RecordCursor> watermark,
    Optional<RecordCursor> backfill,
    long lastWindow,
    RecordJobHealth health,
    long version) {
  public JobState {
    RecordChecks.tenant(tenant);
    RecordChecks.name("job", job);
    Objects.requireNonNull(watermark, "watermark");
    Objects.requireNonNull(backfill, "backfill");
    Objects.requireNonNull(health, "health");
    if (!health.job().equals(job)) {
      throw new ValidationException("health of job " + health.job() + " given for job " + job);
    }
  }

  /** The state of a job that never ran. */
  public static JobState initial(String tenant, String job) {
    return new JobState(
        tenant, job, Optional.empty(), Optional.empty(), 0, RecordJobHealth.never(job), 0);
  }

  public JobState withWatermark(RecordCursor cursor) {
    return new JobState(tenant, job, Optional.of(cursor), backfill, lastWindow, health, version);
  }

  public JobState withBackfill(RecordCursor cursor) {
    return new JobState(tenant, job, watermark, Optional.of(cursor), lastWindow, health, version);
  }

  public JobState withLastWindow(long window) {
    return new JobState(tenant, job, watermark, backfill, window, health, version);
  }

  public JobState withHealth(RecordJobHealth newHealth) {
    return new JobState(tenant, job, watermark, backfill, lastWindow, newHealth, version);
  }

  public JobState withVersion(long newVersion) {
    return new JobState(tenant, job, watermark, backfill, lastWindow, health, newVersion);
  }
}
