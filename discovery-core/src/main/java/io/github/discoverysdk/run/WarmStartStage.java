package io.github.discoverysdk.run;

import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.spi.WarmStarter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warm start: writes the opportunities a {@link WarmStarter} chooses from the tenant's other
 * profiles as a new profile's own, each re-matched against it and re-scored here, in one batch and
 * as a discovery run writes them (an existing opportunity on the same signal is kept; alerts and
 * pushes are enqueued, not sent; no source or enricher is called). A failure is reported, never
 * thrown: the next run's backfill matches the stored signals anyway. Used by one thread.
 */
final class WarmStartStage {
  private final RunContext ctx;
  private final BatchWriter writer;

  WarmStartStage(RunContext ctx, BatchWriter writer) {
    this.ctx = ctx;
    this.writer = writer;
  }

  void run(Profile created, WarmStarter starter) {
    Instant now = ctx.startedAt;
    ProfileIndex single = ProfileIndex.of(List.of(created));
    Map<SignalKey, ScoreStage.Scored> rescored = new ConcurrentHashMap<>();
    try {
      List<Profile> others =
          ctx.storage().profiles().list(ctx.tenant).stream()
              .filter(p -> !p.id().equals(created.id()))
              .toList();
      List<WarmStarter.Choice> choices =
          starter.choose(
              created,
              others,
              id ->
                  ctx.storage()
                      .opportunities()
                      .feed(FeedQuery.forProfile(id).limit(FeedQuery.MAX_LIMIT).build())
                      .items(),
              now,
              source -> rescore(created, single, source, now, rescored));
      if (choices == null) {
        throw new IllegalStateException("the warm starter returned null, not an empty list");
      }
      // A run may insert one of these opportunities between our read and our insert: the
      // writer's second attempt then finds it and keeps it.
      writer.scored(chosen(choices, rescored));
    } catch (RuntimeException e) {
      ctx.error("warm start of profile " + created.id() + " failed", e);
    }
  }

  /** The rescored hits of the choices, once per signal, after checking what the starter chose. */
  private List<ScoreStage.Scored> chosen(
      List<WarmStarter.Choice> choices, Map<SignalKey, ScoreStage.Scored> rescored) {
    List<ScoreStage.Scored> out = new ArrayList<>();
    Set<SignalKey> written = new HashSet<>();
    for (WarmStarter.Choice c : choices) {
      SignalKey key = c.source().signalKey();
      ScoreStage.Scored r = rescored.get(key);
      if (r == null || !r.score().equals(c.score())) {
        throw new IllegalStateException(
            "the warm starter chose "
                + c.source().id()
                + " with a score the engine's rescorer did not give");
      }
      if (!c.source().tenant().equals(ctx.tenant)) {
        throw new IllegalStateException(
            "the warm starter chose " + c.source().id() + " of another tenant");
      }
      if (written.add(key)) {
        out.add(r);
      }
    }
    return out;
  }

  private Optional<Score> rescore(
      Profile created,
      ProfileIndex single,
      Opportunity source,
      Instant now,
      Map<SignalKey, ScoreStage.Scored> rescored) {
    // The starter asks one candidate at a time through the WarmStarter SPI, hence one read each.
    Optional<Signal> signal = ctx.storage().signals().find(ctx.tenant, source.signalKey());
    if (signal.isEmpty()) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    List<MatchStage.Hit> hits =
        writer.match().match(signal.get(), single, id -> id.equals(created.id()) ? created : null);
    long matched = System.nanoTime();
    ctx.times.add(StageTimes.MATCH, matched - start);
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    TemporalAssessment timing = writer.score().timing(signal.get(), now);
    Score score = writer.score().score(hits.get(0), timing, now);
    ctx.times.add(StageTimes.SCORE, System.nanoTime() - matched);
    rescored.put(source.signalKey(), new ScoreStage.Scored(hits.get(0), timing, score));
    return Optional.of(score);
  }
}
