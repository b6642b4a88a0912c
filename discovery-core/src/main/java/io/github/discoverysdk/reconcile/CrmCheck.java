package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.SinkRecordState;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes recorded as SENT whose record the sink reports missing or different are requeued: the same
 * outbox entry goes back to PENDING, so that one dispatch writes the record again (sinks are
 * idempotent on the opportunity) and no second entry is ever queued. Only the newest sent push of
 * each (sink, opportunity) is checked; sinks that cannot look records up are skipped.
 */
final class CrmCheck {
  private CrmCheck() {}

  static void run(Pass pass) {
    Reconciliation.Settings s = pass.settings;
    if (s.sinks().isEmpty()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    // Newest first: the first sent push of an opportunity is its latest.
    for (OutboxEntry e : s.storage().outbox().list(pass.tenant, s.scanLimit())) {
      OpportunitySink sink = s.sinks().get(e.sinkId());
      if (e.kind() != DeliveryKind.PUSH
          || sink == null
          || !seen.add(e.sinkId() + "|" + e.opportunityId().orElseThrow().value())) {
        continue;
      }
      if (e.status() == OutboxStatus.SENT) {
        check(pass, sink, e);
      }
    }
  }

  private static void check(Pass pass, OpportunitySink sink, OutboxEntry e) {
    OpportunityId id = e.opportunityId().orElseThrow(); // a PUSH is about an opportunity
    Optional<Opportunity> o = pass.settings.storage().opportunities().find(id);
    if (o.isEmpty()) {
      return;
    }
    SinkRecordState state;
    try {
      state = sink.lookup(o.get());
    } catch (Exception ex) {
      pass.error("lookup of " + id.value() + " in " + sink.id(), ex);
      return;
    }
    if (state == SinkRecordState.MISSING || state == SinkRecordState.DIFFERENT) {
      FindingKind kind =
          state == SinkRecordState.MISSING ? FindingKind.CRM_MISSING : FindingKind.CRM_DIFFERENT;
      String what = state == SinkRecordState.MISSING ? "missing" : "different";
      boolean repaired = OutboxCheck.requeue(pass, e, sink.id() + " record " + what);
      pass.found(
          new Finding(
              kind,
              pass.tenant,
              id.value(),
              e.updatedAt(),
              "pushed to " + sink.id() + " at " + e.updatedAt() + " but its record is " + what,
              repaired));
    }
  }
}
