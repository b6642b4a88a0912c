package io.github.discoverysdk.run;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the transactional stages over one batch in one transaction: store signals, match, score,
 * write opportunities, enqueue deliveries, and save the watermark that covers the batch, so that a
 * failure leaves the watermark where it was and the next run takes the same records again. A batch
 * that lost a race with a concurrent run (a stale version) is retried once. The stages' counters
 * move only after the commit; the time spent matching, scoring and in the rest of the transaction
 * is added to the run's {@link StageTimes} for every attempt. Thread-safe: batches of different
 * queries are written concurrently.
 */
final class BatchWriter {
  /** What one committed batch wrote: its new, updated and reflected opportunities. */
  record Committed(List<Opportunity> written) {}

  /**
   * The time one attempt spent matching and scoring inside its transaction, so that the rest of the
   * transaction's time counts as storing. Counted for failed attempts too: the time was spent.
   */
  private static final class Spent {
    boolean matched;
    long match;
    boolean scored;
    long score;
  }

  /** One attempt's work in its transaction. */
  private interface Work {
    Outcome apply(Storage tx, Spent spent);
  }

  /** What one attempt did inside its transaction; counted only once it committed. */
  private static final class Outcome {
    SignalStage.Stored stored = new SignalStage.Stored();
    int hits;
    OpportunityStage.Written written;
  }

  private final RunContext ctx;
  private final SignalStage signals;
  private final MatchStage match;
  private final ScoreStage score;
  private final OpportunityStage opportunities;

  BatchWriter(
      RunContext ctx,
      SignalStage signals,
      MatchStage match,
      ScoreStage score,
      OpportunityStage opportunities) {
    this.ctx = ctx;
    this.signals = signals;
    this.match = match;
    this.score = score;
    this.opportunities = opportunities;
  }

  ScoreStage score() {
    return score;
  }

  MatchStage match() {
    return match;
  }

  /**
   * Stores a page of fetched (or refreshed) signals, matched against every enabled profile, the
   * removal of {@code removed} signals, and {@code watermark} when present.
   *
   * @throws RuntimeException what the storage threw, after the retry of a lost race
   */
  Committed fetched(List<Signal> page, List<Signal> removed, Optional<Watermark> watermark) {
    return transact(
        (tx, spent) -> {
          Instant now = ctx.now();
          Outcome o = new Outcome();
          o.stored = signals.store(tx, page);
          OpportunityStage.Input in = new OpportunityStage.Input();
          List<MatchStage.Hit> hits = new ArrayList<>();
          long start = System.nanoTime();
          for (SignalStage.Arrival a : o.stored.arrivals) {
            hits.addAll(match.match(a.signal(), ctx.index()));
            if (!a.changes().isEmpty()) {
              in.changes.put(a.signal().key(), a.changes());
              if (a.previous().isPresent()) {
                in.reflected.put(a.signal().key(), a.signal());
              }
            }
          }
          spent.match += System.nanoTime() - start;
          spent.matched |= !o.stored.arrivals.isEmpty();
          for (Signal gone : removed) {
            in.removed.put(gone.key(), signals.removed(gone, o.stored));
          }
          signals.writeEvents(tx, o.stored);
          o.hits = hits.size();
          in.scored.addAll(score(hits, now, spent));
          o.written = opportunities.write(tx, in, now);
          watermark.ifPresent(w -> tx.sourceState().saveWatermark(w));
          return o;
        });
  }

  /**
   * Matches stored signals against one profile's index (backfill) and writes what it takes, with
   * {@code watermark}; the signals themselves are not written again.
   */
  Committed matched(
      List<Signal> stored,
      ProfileIndex index,
      Function<ProfileId, Profile> profiles,
      Watermark watermark) {
    return transact(
        (tx, spent) -> {
          Instant now = ctx.now();
          Outcome o = new Outcome();
          List<MatchStage.Hit> hits = new ArrayList<>();
          long start = System.nanoTime();
          for (Signal s : stored) {
            hits.addAll(match.match(s, index, profiles));
          }
          spent.match += System.nanoTime() - start;
          spent.matched |= !stored.isEmpty();
          o.hits = hits.size();
          OpportunityStage.Input in = new OpportunityStage.Input();
          in.scored.addAll(score(hits, now, spent));
          o.written = opportunities.write(tx, in, now);
          tx.sourceState().saveWatermark(watermark);
          return o;
        });
  }

  /** Writes hits scored beforehand (warm start), as a discovery run would write them. */
  Committed scored(List<ScoreStage.Scored> scored) {
    return transact(
        (tx, spent) -> {
          Outcome o = new Outcome();
          o.hits = scored.size();
          OpportunityStage.Input in = new OpportunityStage.Input();
          in.scored.addAll(scored);
          o.written = opportunities.write(tx, in, ctx.now());
          return o;
        });
  }

  private List<ScoreStage.Scored> score(List<MatchStage.Hit> hits, Instant now, Spent spent) {
    if (hits.isEmpty()) {
      return List.of();
    }
    spent.scored = true;
    long start = System.nanoTime();
    try {
      return score.score(hits, now);
    } finally {
      spent.score += System.nanoTime() - start;
    }
  }

  private Committed transact(Work work) {
    for (int attempt = 1; ; attempt++) {
      try {
        Outcome o = timed(work);
        signals.committed(o.stored);
        match.committed(o.hits);
        opportunities.committed(o.written);
        ctx.committed(o.written.written);
        return new Committed(o.written.written);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= 2) {
          throw e;
        }
        RunContext.log.debug("run {}: a batch lost a race, retrying: {}", ctx.runId, e.toString());
      }
    }
  }

  /**
   * One attempt of {@code work} in a transaction, its time added to the run's: matching and scoring
   * as such, the rest (reads, writes, commit or rollback) as storing.
   */
  private Outcome timed(Work work) {
    Spent spent = new Spent();
    long start = System.nanoTime();
    try {
      return ctx.storage().inTransaction(tx -> work.apply(tx, spent));
    } finally {
      long total = System.nanoTime() - start;
      if (spent.matched) {
        ctx.times.add(StageTimes.MATCH, spent.match);
      }
      if (spent.scored) {
        ctx.times.add(StageTimes.SCORE, spent.score);
      }
      ctx.times.add(StageTimes.STORE, total - spent.match - spent.score);
    }
  }
}
