package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.spi.ScoringInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 5, score: the temporal assessment of each matched signal (once per signal, shared by its
 * profiles) and the scorer's score with its explanation (factors, source reliability, feedback,
 * predictions: whatever the engine's {@code Scorer} combines). Pure computation, no storage.
 * Thread-safe if the scorer is, as the {@code Scorer} SPI requires.
 */
final class ScoreStage {
  /** A hit with its timing and score: what an opportunity is made of. */
  record Scored(MatchStage.Hit hit, TemporalAssessment timing, Score score) {}

  private final RunContext ctx;

  ScoreStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /** Scores a batch of hits at {@code now}. */
  List<Scored> score(List<MatchStage.Hit> hits, Instant now) {
    Map<Signal, TemporalAssessment> timings = new IdentityHashMap<>();
    List<Scored> out = new ArrayList<>(hits.size());
    for (MatchStage.Hit hit : hits) {
      TemporalAssessment timing =
          timings.computeIfAbsent(hit.signal(), s -> ctx.config.output().temporal().assess(s, now));
      out.add(new Scored(hit, timing, score(hit, timing, now)));
    }
    return out;
  }

  /** Scores one hit with a given timing. */
  Score score(MatchStage.Hit hit, TemporalAssessment timing, Instant now) {
    return ctx.config
        .output()
        .scorer()
        .score(
            ScoringInput.builder()
                .profile(hit.profile())
                .signal(hit.signal())
                .matches(hit.matches())
                .temporal(timing)
                .now(now)
                .build());
  }

  /** The timing of a signal now, for opportunities that change without a rescore. */
  TemporalAssessment timing(Signal signal, Instant now) {
    return ctx.config.output().temporal().assess(signal, now);
  }
}
