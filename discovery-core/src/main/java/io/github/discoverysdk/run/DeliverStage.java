package io.github.discoverysdk.run;

import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage 7, deliver: enqueues the alerts and CRM pushes of written opportunities in the outbox, with
 * one {@code enqueueAll} per batch, in the transaction that wrote them (so a crash loses none and a
 * retry duplicates none: the outbox dedupes by key), and after the run asks the engine's dispatcher
 * to deliver the tenant's due entries. Thread-safe.
 */
final class DeliverStage {
  /** A written hit: whether its opportunity is new, and the changes of its signal. */
  record Delivery(MatchStage.Hit hit, boolean isNew, List<LifecycleChange> changes) {}

  private final RunContext ctx;
  private final AtomicInteger alertsSent = new AtomicInteger();

  DeliverStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Enqueues, in {@code tx}, what each written hit deserves: an alert when it is new, or changed in
   * a way listed as a lifecycle change (moved, cancelled...); a push where a push rule asks for it,
   * unless the opportunity is under review (its card's activation pushes it). {@code saved} holds
   * the stored opportunity of each delivery, in order.
   */
  void enqueue(Storage tx, List<Delivery> deliveries, List<Opportunity> saved, Instant now) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      Opportunity o = saved.get(i);
      Profile profile = d.hit().profile();
      if (alertWorthy(profile, d.hit().matches()) && (d.isNew() || !d.changes().isEmpty())) {
        AlertKind kind = d.isNew() ? AlertKind.NEW : AlertKind.UPDATED;
        String key = Alert.builder().kind(kind).profile(profile).opportunity(o).build().dedupeKey();
        Set<String> channels = profile.alerts().channels();
        for (AlertSink sink : ctx.config.output().alertSinks()) {
          if (channels.isEmpty() || channels.contains(sink.id())) {
            entries.add(
                entry(
                    sink.id(),
                    kind == AlertKind.NEW ? DeliveryKind.NEW_ALERT : DeliveryKind.UPDATED_ALERT,
                    o,
                    key,
                    profile.alerts().deliverableAt(now),
                    now));
          }
        }
      }
      for (Map.Entry<String, List<PushRule>> rule : ctx.config.output().pushRules().entrySet()) {
        // An opportunity under review reaches a CRM only when a reviewer activates its card.
        if (!underReview(o) && rule.getValue().stream().anyMatch(r -> r.shouldPush(o, profile))) {
          entries.add(entry(rule.getKey(), DeliveryKind.PUSH, o, pushKey(o), now, now));
        }
      }
    }
    // One call for the batch; only alert-worthy or pushed opportunities have an entry.
    if (!entries.isEmpty()) {
      tx.outbox().enqueueAll(entries);
    }
  }

  /** Delivers what this run (and earlier ones) left in the tenant's outbox. */
  void dispatch() {
    try {
      alertsSent.addAndGet(ctx.config.dispatch().applyAsInt(ctx.tenant));
    } catch (RuntimeException e) {
      ctx.error("delivering the outbox failed", e);
    }
  }

  int alertsSent() {
    return alertsSent.get();
  }

  /** The dedupe key of a push: one per version of the signal, so a change is pushed again. */
  /** Whether the opportunity's card is in review or decided, not yet activated. */
  static boolean underReview(Opportunity o) {
    return o.status() == OpportunityStatus.PENDING_REVIEW
        || o.status() == OpportunityStatus.APPROVED
        || o.status() == OpportunityStatus.REJECTED;
  }

  static String pushKey(Opportunity o) {
    return o.tenant()
        + "|"
        + o.profileId().value()
        + "|"
        + o.signalKey()
        + "|push|"
        + o.signalHash();
  }

  private OutboxEntry entry(
      String sinkId, DeliveryKind kind, Opportunity o, String key, Instant at, Instant now) {
    return OutboxEntry.builder()
        .id(ctx.config.ids().get())
        .tenant(ctx.tenant)
        .sinkId(sinkId)
        .kind(kind)
        .opportunityId(o.id())
        .dedupeKey(key)
        .nextAttemptAt(at)
        .createdAt(now)
        .updatedAt(now)
        .build();
  }

  private static boolean alertWorthy(Profile profile, List<Match> matches) {
    return profile.alerts().enabled()
        && matches.stream()
            .anyMatch(
                m ->
                    m.target() == MatchTarget.WATCHLIST
                        && m.confidence() >= profile.alerts().minConfidence());
  }
}
