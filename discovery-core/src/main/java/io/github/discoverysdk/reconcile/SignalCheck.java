package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tracked signals never refreshed: published within the tracking window, from a source that can
 * refresh, with a live opportunity, and last observed longer ago than the threshold. The repair is
 * one refresh run of the tenant (the host's {@code refreshWith}); a finding counts as repaired when
 * the signal was observed again by it.
 */
final class SignalCheck {
  private SignalCheck() {}

  static void run(Pass pass) {
    Reconciliation.Settings s = pass.settings;
    if (s.refreshable().isEmpty()) {
      return;
    }
    Instant staleBefore = pass.now.minus(s.refreshStaleAfter());
    List<Signal> stale = new ArrayList<>();
    for (Signal sig :
        s.storage().signals().list(pass.tenant, pass.now.minus(s.trackFor()), s.scanLimit())) {
      if (s.refreshable().contains(sig.key().sourceId())
          && sig.observedAt().isBefore(staleBefore)
          && !ended(sig, pass.now)) {
        stale.add(sig);
      }
    }
    if (stale.isEmpty()) {
      return;
    }
    Set<SignalKey> live = new HashSet<>();
    for (Opportunity o :
        s.storage()
            .opportunities()
            .listBySignals(pass.tenant, stale.stream().map(Signal::key).toList())) {
      if (o.status() != OpportunityStatus.ARCHIVED) {
        live.add(o.signalKey());
      }
    }
    stale.removeIf(sig -> !live.contains(sig.key()));
    if (stale.isEmpty()) {
      return;
    }
    Map<SignalKey, Signal> after = Map.of();
    if (s.refresher().isPresent()) {
      try {
        s.refresher().get().accept(pass.tenant);
        after =
            s.storage().signals().findAll(pass.tenant, stale.stream().map(Signal::key).toList());
      } catch (RuntimeException e) {
        pass.error("refresh of tenant " + pass.tenant, e);
      }
    }
    for (Signal sig : stale) {
      Signal now = after.get(sig.key());
      boolean repaired = now != null && now.observedAt().isAfter(sig.observedAt());
      pass.found(
          new Finding(
              FindingKind.SIGNAL_NOT_REFRESHED,
              pass.tenant,
              sig.key().toString(),
              sig.observedAt(),
              "tracked signal last observed at " + sig.observedAt(),
              repaired));
    }
  }

  private static boolean ended(Signal signal, Instant now) {
    return signal.event().map(e -> e.end().orElse(e.start()).isBefore(now)).orElse(false);
  }
}
