package io.github.discoverysdk.benchmarks.scoring;

import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.scoring.ConversionModel;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opportunities scored per second by {@code Scoring.defaults()} on one thread; one operation is one
 * opportunity. {@code score}: the factor scorer alone. {@code scoreAndPredict}: what the engine
 * does per opportunity with prediction on: score, build the {@link Opportunity}, and ask a trained
 * {@link ConversionModel} for its probability. {@code buildOpportunity}: the build alone, so that
 * the prediction's own cost is the difference. {@code predict}: the probability alone on an
 * opportunity already built. Allocation per opportunity: run with {@code -prof gc} and read {@code
 * gc.alloc.rate.norm}. Run: see {@code docs/benchmarks/scoring.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class ScoringBenchmark {
  private static final int SIZE = 4_096;

  private Scorer scorer;
  private ConversionModel model;
  private List<ScoringInput> inputs;
  private List<Score> scores;
  private List<Opportunity> opportunities;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    scorer = Scoring.defaults();
    inputs = new ScoringWorkload(SIZE, 42).inputs;
    scores = new ArrayList<>(SIZE);
    opportunities = new ArrayList<>(SIZE);
    for (int i = 0; i < SIZE; i++) {
      Score s = scorer.score(inputs.get(i));
      scores.add(s);
      opportunities.add(ScoringWorkload.opportunity(inputs.get(i), s, i));
    }
    // A model that has learned, so that its weights are not all zero.
    model = ConversionModel.create();
    Random random = new Random(7);
    FeedbackType[] outcomes = {
      FeedbackType.CONVERTED, FeedbackType.LOST, FeedbackType.DISMISS, FeedbackType.ACTIONED
    };
    for (int i = 0; i < 5 * SIZE; i++) {
      model.learn(
          opportunities.get(random.nextInt(SIZE)),
          outcomes[random.nextInt(outcomes.length)],
          random.nextDouble());
    }
  }

  private int index() {
    int i = next;
    next = (i + 1) & (SIZE - 1);
    return i;
  }

  @Benchmark
  public Score score() {
    return scorer.score(inputs.get(index()));
  }

  @Benchmark
  public double scoreAndPredict() {
    int i = index();
    ScoringInput in = inputs.get(i);
    Opportunity o = ScoringWorkload.opportunity(in, scorer.score(in), i);
    return model.probability(o, 0.2);
  }

  @Benchmark
  public Opportunity buildOpportunity() {
    int i = index();
    return ScoringWorkload.opportunity(inputs.get(i), scores.get(i), i);
  }

  @Benchmark
  public double predict() {
    return model.probability(opportunities.get(index()), 0.2);
  }
}
