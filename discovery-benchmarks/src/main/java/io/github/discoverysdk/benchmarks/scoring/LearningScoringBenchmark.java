package io.github.discoverysdk.benchmarks.scoring;

import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.scoring.FeedbackLearner;
import io.github.discoverysdk.scoring.LearningPolicy;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.scoring.ScoringPolicy;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opportunities scored per second by {@code Scoring.learning} on one thread, with the profile's
 * feedback model in an embedded H2 database ({@code JdbcStorage.h2InMemory()}): {@code cacheTtl}
 * {@code PT30S} (the default) reads the model about once and reuses it, {@code PT0S} reads it from
 * the database for every score, as the scorer did before it had a cache. The profile has 40
 * dismissals and saves learned, so every score is adjusted. Run: see {@code
 * docs/benchmarks/scoring.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class LearningScoringBenchmark {
  private static final int SIZE = 4_096;

  @Param({"PT30S", "PT0S"})
  public String cacheTtl;

  private JdbcStorage storage;
  private Scorer scorer;
  private List<ScoringInput> inputs;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    ScoringWorkload workload = new ScoringWorkload(SIZE, 42);
    inputs = workload.inputs;
    storage = JdbcStorage.h2InMemory();
    storage.profiles().save(workload.profile);
    Clock clock = Clock.fixed(ScoringWorkload.NOW, ZoneOffset.UTC);
    FeedbackLearner learner =
        FeedbackLearner.create(
            LearningPolicy.builder().modelCacheTtl(Duration.parse(cacheTtl)).build(), clock);
    Scorer factors = Scoring.defaults();
    for (int i = 0; i < 40; i++) {
      ScoringInput in = inputs.get(i);
      Opportunity o =
          storage.opportunities().save(ScoringWorkload.opportunity(in, factors.score(in), i));
      Feedback f =
          Feedback.builder()
              .from(i % 2 == 0 ? Feedback.dismiss(DismissReason.WRONG_INDUSTRY) : Feedback.save())
              .at(ScoringWorkload.NOW)
              .build();
      storage.opportunities().addFeedback(o.id(), f);
      learner.onFeedback(o, f, storage);
    }
    scorer = Scoring.learning(ScoringPolicy.defaults(), learner, storage);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    storage.close();
  }

  @Benchmark
  public Score learningScore() {
    int i = next;
    next = (i + 1) & (SIZE - 1);
    return scorer.score(inputs.get(i));
  }
}
