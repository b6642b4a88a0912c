package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Profile;
import java.util.List;

/**
 * Records, when the host opted in, that the profiles of a run still watch their accounts: once per
 * profile version and UTC day, in one transaction. A failure is reported, not fatal. Used by the
 * run's calling thread.
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
    try {
      ctx.storage()
          .inTransaction(
              tx -> {
                for (Profile profile : due) {
                  tracking.record(tx, profile, ctx.startedAt);
                }
                return null;
              });
      tracking.committed(due, ctx.startedAt);
    } catch (RuntimeException e) {
      ctx.error("recording tracking failed", e);
    }
  }
}
