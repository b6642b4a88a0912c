package io.github.discoverysdk.run;

import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 6, write opportunities: turns a batch's scored hits, the changes of signals that changed
 * and the signals that were removed into opportunity writes, idempotent on (profile, signal key),
 * and stores them in the caller's transaction with one {@code listBySignals} and one {@code
 * saveAll}; then hands the written ones to the {@link DeliverStage}. Counts only committed batches.
 * Thread-safe.
 */
final class OpportunityStage {
  /** What goes into one write: the batch's hits and its signals' changes. */
  static final class Input {
    final List<ScoreStage.Scored> scored = new ArrayList<>();

    /** Changes by signal; a signal with changes and a previous version is reflected. */
    final Map<SignalKey, List<LifecycleChange>> changes = new HashMap<>();

    /** Changed signals whose opportunities of profiles that no longer match follow the change. */
    final Map<SignalKey, Signal> reflected = new HashMap<>();

    /** Signals the source removed: their live opportunities are archived with the change. */
    final Map<SignalKey, List<LifecycleChange>> removed = new HashMap<>();
  }

  /** What one write did; counted once its transaction committed. */
  static final class Written {
    /** New, updated and reflected opportunities, as stored: what enrichment looks at. */
    final List<Opportunity> written = new ArrayList<>();

    int opportunitiesNew;
    int opportunitiesUpdated;
    int opportunitiesUnchanged;
    int opportunitiesArchived;
    int expiredOnArrival;
  }

  private final RunContext ctx;
  private final DeliverStage deliver;
  private final CardStage cards;
  private final InsightStage insights;
  private int opportunitiesNew;
  private int opportunitiesUpdated;
  private int opportunitiesUnchanged;
  private int opportunitiesArchived;
  private int expiredOnArrival;

  OpportunityStage(RunContext ctx, DeliverStage deliver) {
    this.ctx = ctx;
    this.deliver = deliver;
    this.cards = new CardStage(ctx);
    this.insights = new InsightStage(ctx);
  }

  /** Writes a batch's opportunities and enqueues their deliveries, in {@code tx}. */
  Written write(Storage tx, Input in, Instant now) {
    Written out = new Written();
    Set<SignalKey> keys = new LinkedHashSet<>();
    in.scored.forEach(s -> keys.add(s.hit().signal().key()));
    keys.addAll(in.reflected.keySet());
    keys.addAll(in.removed.keySet());
    if (keys.isEmpty()) {
      return out;
    }
    Map<SignalKey, List<Opportunity>> existing = new HashMap<>();
    for (Opportunity o : tx.opportunities().listBySignals(ctx.tenant, keys)) {
      existing.computeIfAbsent(o.signalKey(), k -> new ArrayList<>()).add(o);
    }
    List<Opportunity> toSave = new ArrayList<>();
    List<DeliverStage.Delivery> deliveries = new ArrayList<>();
    Set<String> matched = new HashSet<>();
    Set<SignalKey> expired = new HashSet<>();
    Instant horizon = ctx.startedAt.minus(ctx.config.lifecycle().archiveAfterEventEnd());
    for (ScoreStage.Scored s : in.scored) {
      MatchStage.Hit hit = s.hit();
      matched.add(hit.profile().id().value() + "\u0000" + hit.signal().key());
      Optional<Opportunity> old = find(existing, hit.profile().id(), hit.signal().key());
      if (old.isPresent()
          && (old.get().status() == OpportunityStatus.ARCHIVED
              || old.get().signalHash().equals(hit.signal().contentHash()))) {
        out.opportunitiesUnchanged++;
        continue;
      }
      if (old.isEmpty() && expired(hit.signal(), horizon)) {
        // Created now, it would be archived in this very run: count it instead of showing it.
        expired.add(hit.signal().key());
        continue;
      }
      List<LifecycleChange> changes = in.changes.getOrDefault(hit.signal().key(), List.of());
      toSave.add(upserted(s, old, changes, now));
      deliveries.add(new DeliverStage.Delivery(hit, old.isEmpty(), changes));
      count(out, old.isEmpty(), cancels(changes));
    }
    out.expiredOnArrival = expired.size();
    int upserts = toSave.size();
    for (Map.Entry<SignalKey, Signal> e : in.reflected.entrySet()) {
      List<LifecycleChange> changes = in.changes.get(e.getKey());
      for (Opportunity o : existing.getOrDefault(e.getKey(), List.of())) {
        if (!matched.contains(o.profileId().value() + "\u0000" + e.getKey())
            && o.status() != OpportunityStatus.ARCHIVED) {
          toSave.add(reflect(o, e.getValue(), changes, now));
          count(out, false, cancels(changes));
        }
      }
    }
    int written = toSave.size();
    for (Map.Entry<SignalKey, List<LifecycleChange>> e : in.removed.entrySet()) {
      for (Opportunity o : existing.getOrDefault(e.getKey(), List.of())) {
        if (o.status() != OpportunityStatus.ARCHIVED) {
          toSave.add(archived(o, e.getValue(), now));
          out.opportunitiesArchived++;
        }
      }
    }
    if (toSave.isEmpty()) {
      return out;
    }
    Map<OpportunityId, String> attached = cards.attach(tx, toSave, upserts);
    List<Opportunity> saved = tx.opportunities().saveAll(toSave);
    cards.create(tx, attached, now);
    cards.match(tx, insights.record(tx, deliveries, saved, attached, now), now);
    out.written.addAll(saved.subList(0, written));
    deliver.enqueue(tx, deliveries, saved.subList(0, upserts), now);
    return out;
  }

  private static Optional<Opportunity> find(
      Map<SignalKey, List<Opportunity>> existing, ProfileId profile, SignalKey key) {
    return existing.getOrDefault(key, List.of()).stream()
        .filter(o -> o.profileId().equals(profile))
        .findFirst();
  }

  private static void count(Written out, boolean isNew, boolean archived) {
    if (isNew) {
      out.opportunitiesNew++;
    } else if (archived) {
      out.opportunitiesArchived++;
    } else {
      out.opportunitiesUpdated++;
    }
  }

  /**
   * A new opportunity of a hit, or the new version of the existing one, with the scorer's score
   * adjusted for the tenant ({@link RunContext#adjusted}).
   */
  private Opportunity upserted(
      ScoreStage.Scored s,
      Optional<Opportunity> existing,
      List<LifecycleChange> changes,
      Instant now) {
    Signal signal = s.hit().signal();
    Opportunity.Builder builder =
        Opportunity.builder()
            .profileId(s.hit().profile().id())
            .signalKey(signal.key())
            .signalType(signal.type())
            .title(signal.title())
            .url(signal.url())
            .company(company(s.hit().matches()))
            .publishedAt(signal.publishedAt())
            .occursAt(signal.occursAt())
            .score(s.score())
            .matches(s.hit().matches())
            .temporal(s.timing())
            .signalHash(signal.contentHash())
            .updatedAt(now)
            .lastSeenAt(now);
    if (existing.isEmpty()) {
      return ctx.adjusted(
          builder
              .id(OpportunityId.of(ctx.tenant, ctx.config.ids().get()))
              .status(OpportunityStatus.NEW)
              .createdAt(now)
              .version(0)
              .build());
    }
    Opportunity old = existing.get();
    builder.id(old.id()).createdAt(old.createdAt()).version(old.version());
    builder.status(cancels(changes) ? OpportunityStatus.ARCHIVED : old.status());
    if (changes.isEmpty()) {
      builder.changes(old.changes()).changedAt(old.changedAt());
    } else {
      builder.changes(withChanges(old.changes(), changes)).changedAt(now);
    }
    return ctx.adjusted(builder.build());
  }

  /** An opportunity its profile no longer matches: new timing and the change, no rescore. */
  private Opportunity reflect(
      Opportunity o, Signal signal, List<LifecycleChange> changes, Instant now) {
    return Opportunity.builder()
        .from(o)
        .title(signal.title())
        .occursAt(signal.occursAt())
        .temporal(ctx.config.output().temporal().assess(signal, now))
        .signalHash(signal.contentHash())
        .status(cancels(changes) ? OpportunityStatus.ARCHIVED : o.status())
        .changes(withChanges(o.changes(), changes))
        .changedAt(now)
        .updatedAt(now)
        .lastSeenAt(now)
        .build();
  }

  /** An opportunity archived with the changes that ended it. */
  Opportunity archived(Opportunity o, List<LifecycleChange> changes, Instant now) {
    return Opportunity.builder()
        .from(o)
        .status(OpportunityStatus.ARCHIVED)
        .changes(withChanges(o.changes(), changes))
        .changedAt(now)
        .updatedAt(now)
        .build();
  }

  private List<String> withChanges(List<String> old, List<LifecycleChange> changes) {
    List<String> out = new ArrayList<>();
    for (LifecycleChange c : changes) {
      out.add(c.summary());
    }
    out.addAll(old);
    int kept = ctx.config.lifecycle().changesKept();
    return out.size() > kept ? List.copyOf(out.subList(0, kept)) : out;
  }

  /**
   * Whether a signal is past its archive horizon: a cancelled event, or one whose moment ended
   * before {@code horizon}, the same moment {@link ArchiveStage} archives by (the event's end, else
   * its start, else the publication). Closed postings have no state of their own: the source drops
   * them, and a dropped signal is never seen for the first time.
   */
  static boolean expired(Signal signal, Instant horizon) {
    return signal
        .event()
        .map(
            e -> e.status() == EventStatus.CANCELLED || e.end().orElse(e.start()).isBefore(horizon))
        .orElse(signal.publishedAt().isBefore(horizon));
  }

  static boolean cancels(List<LifecycleChange> changes) {
    return changes.stream()
        .anyMatch(c -> c.kind() == ChangeKind.CANCELLED || c.kind() == ChangeKind.REMOVED);
  }

  private static Optional<String> company(List<Match> matches) {
    return matches.stream()
        .filter(m -> m.target() == MatchTarget.WATCHLIST || m.target() == MatchTarget.COMPETITOR)
        .max(Comparator.comparingDouble(Match::confidence))
        .map(Match::term);
  }

  synchronized void committed(Written w) {
    opportunitiesNew += w.opportunitiesNew;
    opportunitiesUpdated += w.opportunitiesUpdated;
    opportunitiesUnchanged += w.opportunitiesUnchanged;
    opportunitiesArchived += w.opportunitiesArchived;
    expiredOnArrival += w.expiredOnArrival;
  }

  synchronized int opportunitiesNew() {
    return opportunitiesNew;
  }

  synchronized int opportunitiesUpdated() {
    return opportunitiesUpdated;
  }

  synchronized int opportunitiesUnchanged() {
    return opportunitiesUnchanged;
  }

  synchronized int opportunitiesArchived() {
    return opportunitiesArchived;
  }

  synchronized int expiredOnArrival() {
    return expiredOnArrival;
  }
}
