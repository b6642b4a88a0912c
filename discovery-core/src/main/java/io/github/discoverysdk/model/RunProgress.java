package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run in progress stands, for a progress display: its stage, how many of the stage's known
 * steps are done, and the source of the step just finished. Sent to {@link
 * io.github.discoverysdk.spi.RunListener#onProgress} as the run works.
 *
 * @param runId the run's id, as in its report
 * @param tenant the run's tenant
 * @param stage what the run is doing
 * @param done steps of the stage done (queries fetched, in {@link Stage#FETCH})
 * @param total steps of the stage known at its start; {@code done <= total}
 * @param source the source of the step just done, if the step had one
 * @param at when the step ended, by the engine's clock
 */
public record RunProgress(
    String runId,
    String tenant,
    Stage stage,
    int done,
    int total,
    Optional<String> source,
    Instant at) {
  /** The stages a progress display shows, in the order a discovery run passes them. */
  public enum Stage {
    /** Matching stored signals against new or changed profiles. */
    BACKFILL,
    /** Fetching the planned queries, page by page. */
    FETCH,
    /** Asking the sources for the current version of tracked signals. */
    REFRESH,
    /** Archiving ended opportunities. */
    ARCHIVE,
    /** Delivering alerts and pushes. */
    DELIVER
  }

  public RunProgress {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (done < 0 || total < 0 || done > total) {
      throw new IllegalArgumentException("need 0 <= done <= total, was " + done + "/" + total);
    }
  }
}
