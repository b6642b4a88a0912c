package io.github.discoverysdk.run;

import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Backfill: matches the tenant's recent stored signals against each profile of the run that is new
 * or changed since its last backfill, so that a profile created after a feed's watermark moved
 * still sees recent signals. The stored signals are read once per run (only when some profile needs
 * them), and each profile's opportunities are written in one batch with the watermark that records
 * its backfilled version. Used by the run's calling thread.
 */
final class BackfillStage {
  /** The most stored signals a backfill looks at. */
  static final int MAX_SIGNALS = 10_000;

  private final RunContext ctx;
  private final BatchWriter writer;
  private int backfilled;

  BackfillStage(RunContext ctx, BatchWriter writer) {
    this.ctx = ctx;
    this.writer = writer;
  }

  /** Signals matched against backfilled profiles, counted once per profile. */
  int backfilled() {
    return backfilled;
  }

  BackfillStage run() {
    Instant since = ctx.startedAt.minus(ctx.config.backfillWindow());
    List<Signal> stored = null;
    Map<String, Watermark> marks;
    try {
      // One read for every profile in scope: a run with nothing new costs no round trip per
      // profile.
      marks =
          ctx.storage()
              .sourceState()
              .findWatermarks(
                  ctx.tenant,
                  RunPipeline.BACKFILL_SOURCE,
                  ctx.scope.stream().map(p -> p.id().value()).toList());
    } catch (RuntimeException e) {
      ctx.error("reading the backfill watermarks failed", e);
      return this;
    }
    for (Profile profile : ctx.scope) {
      String version = Long.toString(profile.version());
      try {
        Watermark done = marks.get(profile.id().value());
        if (done != null && done.cursor().equals(version)) {
          continue;
        }
        if (stored == null) {
          stored = ctx.storage().signals().list(ctx.tenant, since, MAX_SIGNALS);
        }
        writer.matched(
            stored,
            ProfileIndex.of(List.of(profile)),
            ctx::profile,
            Watermark.builder()
                .tenant(ctx.tenant)
                .sourceId(RunPipeline.BACKFILL_SOURCE)
                .queryKey(profile.id().value())
                .cursor(version)
                .updatedAt(ctx.now())
                .build());
        backfilled += stored.size();
      } catch (RuntimeException e) {
        ctx.error("backfill of profile " + profile.id() + " failed", e);
      }
    }
    return this;
  }
}
