package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.TrackingObservation;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, when the host opted in, that the profiles of a run still watch their accounts: once per
 * profile version and UTC day, with one {@code recordAll} for the whole run, in one transaction. A
 * failure is reported, not fatal. Used by the run's calling thread.
 */
final class TrackingStage {
  private final RunContext ctx;

  TrackingStage(RunContext ctx) {
    this.ctx = ctx;
  }

  void record() {
    RunPipeline.Tracking tracking = ctx.config.tracking();
    if (!tracking.enabled()) {
      return;
    }
    List<Profile> due = tracking.unrecorded(ctx.scope, ctx.startedAt);
    if (due.isEmpty()) {
      return;
    }
    List<TrackingObservation> observations = new ArrayList<>();
    for (Profile profile : due) {
      observations.addAll(tracking.observations(profile, ctx.startedAt));
    }
    try {
      if (!observations.isEmpty()) {
        // In a transaction, so that a storage with only the default recordAll is atomic too.
        ctx.storage()
            .inTransaction(
                tx -> {
                  tx.tracking().recordAll(observations);
                  return null;
                });
      }
      tracking.committed(due, ctx.startedAt);
    } catch (RuntimeException e) {
      ctx.error("recording tracking failed", e);
    }
  }
}
