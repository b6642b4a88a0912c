package io.github.discoverysdk.run;

import io.github.discoverysdk.internal.Conflicts;
import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Auto-archive: archives opportunities whose moment passed more than {@code
 * LifecyclePolicy.archiveAfterEventEnd()} ago: an event's end (its start when it has no end), or
 * the publication of a signal without an event. Converted and lost ones are left as they are. One
 * listing, one read of the candidates' signals and one write, in one transaction. Used by the run's
 * calling thread.
 */
final class ArchiveStage {
  /** The most candidates one run archives; the next run takes the rest. */
  static final int MAX_PER_RUN = 1_000;

  private final RunContext ctx;
  private final OpportunityStage opportunities;

  ArchiveStage(RunContext ctx, OpportunityStage opportunities) {
    this.ctx = ctx;
    this.opportunities = opportunities;
  }

  void run() {
    Instant cutoff = ctx.startedAt.minus(ctx.config.lifecycle().archiveAfterEventEnd());
    try {
      // Another run (or a user's feedback) that changed a candidate first makes this transaction
      // lose a version race; run again, it lists the candidates as that writer left them.
      OpportunityStage.Written written = Conflicts.retry(() -> archive(cutoff));
      opportunities.committed(written);
    } catch (RuntimeException e) {
      ctx.error("archiving ended opportunities failed", e);
    }
  }

  private OpportunityStage.Written archive(Instant cutoff) {
    return ctx.storage()
        .inTransaction(
            tx -> {
              OpportunityStage.Written w = new OpportunityStage.Written();
              List<Opportunity> candidates =
                  tx.opportunities()
                      .listBefore(
                          ctx.tenant,
                          cutoff,
                          Set.of(
                              OpportunityStatus.ARCHIVED,
                              OpportunityStatus.CONVERTED,
                              OpportunityStatus.LOST),
                          MAX_PER_RUN);
              if (candidates.isEmpty()) {
                return w;
              }
              Map<SignalKey, Signal> signals =
                  tx.signals()
                      .findAll(
                          ctx.tenant,
                          candidates.stream().map(Opportunity::signalKey).distinct().toList());
              Instant now = ctx.now();
              List<Opportunity> archived = new ArrayList<>();
              for (Opportunity o : candidates) {
                Signal signal = signals.get(o.signalKey());
                Instant end =
                    signal == null
                        ? o.occursAt()
                        : signal.event().map(e -> e.end().orElse(e.start())).orElse(o.occursAt());
                if (end.isBefore(cutoff)) {
                  archived.add(opportunities.archived(o, List.of(ended(end)), now));
                }
              }
              if (!archived.isEmpty()) {
                tx.opportunities().saveAll(archived);
                tx.insight().refresh(archived.stream().map(Opportunity::id).toList());
                w.opportunitiesArchived += archived.size();
              }
              return w;
            });
  }

  private static LifecycleChange ended(Instant end) {
    return LifecycleChange.of(
        ChangeKind.ENDED, "Ended on " + LocalDate.ofInstant(end, ZoneOffset.UTC) + ": archived");
  }
}
