package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.scoring.SyntheticHistory.Case;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionModelTest {
  @Test
  void predictsHeldOutConversionsWithAnAucOfAtLeast075() {
    SyntheticHistory history = new SyntheticHistory(2026);
    ConversionModel model = ConversionModel.create();
    for (int epoch = 0; epoch < 3; epoch++) {
      for (Case c : history.generate(3_000)) {
        model.learn(
            c.opportunity(), history.converts(c) ? FeedbackType.CONVERTED : FeedbackType.LOST, 0.2);
      }
    }
    List<double[]> scored = new ArrayList<>();
    for (Case c : history.generate(2_000)) {
      scored.add(
          new double[] {model.probability(c.opportunity(), 0.2), history.converts(c) ? 1 : 0});
    }

    double auc = auc(scored);
    System.out.printf("conversion model: AUC %.3f on 2,000 held-out opportunities%n", auc);
    assertThat(auc).isGreaterThanOrEqualTo(0.75);
  }

  /** Probability that a random positive is ranked above a random negative. */
  private static double auc(List<double[]> scored) {
    double pairs = 0;
    double wins = 0;
    for (double[] p : scored) {
      if (p[1] != 1) {
        continue;
      }
      for (double[] n : scored) {
        if (n[1] != 0) {
          continue;
        }
        pairs++;
        wins += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }

  @Test
  void stateRoundTripsAndInvalidStateIsRejected() {
    SyntheticHistory history = new SyntheticHistory(5);
    ConversionModel model = ConversionModel.create();
    for (Case c : history.generate(200)) {
      model.learn(c.opportunity(), FeedbackType.CONVERTED, 0.5);
    }
    Opportunity o = history.generate(1).get(0).opportunity();

    ConversionModel restored = ConversionModel.fromState(model.state());

    assertThat(restored.probability(o, 0.5)).isEqualTo(model.probability(o, 0.5));
    assertThat(model.updates()).isEqualTo(200);
    assertThatThrownBy(() -> ConversionModel.fromState(new double[3]))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("state must hold " + ConversionModel.DIM + " weights, was 3");
  }

  @Test
  void aNewProfileBorrowsThePriorOfSimilarProfiles() {
    SyntheticHistory history = new SyntheticHistory(9);
    ConversionModel optimist = ConversionModel.create();
    ConversionModel pessimist = ConversionModel.create();
    for (Case c : history.generate(300)) {
      optimist.learn(c.opportunity(), FeedbackType.CONVERTED, 0);
      pessimist.learn(c.opportunity(), FeedbackType.LOST, 0);
    }
    Opportunity o = history.generate(1).get(0).opportunity();

    ConversionModel prior = ConversionModel.prior(List.of(optimist, optimist, pessimist));

    assertThat(prior.probability(o, 0))
        .isBetween(pessimist.probability(o, 0), optimist.probability(o, 0))
        .isGreaterThan(0.5);
    assertThat(ConversionModel.prior(List.of()).probability(o, 0)).isEqualTo(0.5);
  }

  @Test
  void savesAreNotOutcomes() {
    ConversionModel model = ConversionModel.create();
    model.learn(new SyntheticHistory(1).generate(1).get(0).opportunity(), FeedbackType.SAVE, 0);
    assertThat(model.updates()).isZero();
  }

  @Test
  void dealSizeIsTheMeanOfTheMostSimilarConvertedDeals() {
    SyntheticHistory history = new SyntheticHistory(11);
    Opportunity target = history.generate(1).get(0).opportunity();
    List<ConversionModel.Converted> converted = new ArrayList<>();
    converted.add(new ConversionModel.Converted(target, new BigDecimal("50000")));
    converted.add(new ConversionModel.Converted(target, new BigDecimal("30000")));
    for (Case c : history.generate(20)) {
      converted.add(new ConversionModel.Converted(c.opportunity(), new BigDecimal("1")));
    }

    assertThat(ConversionModel.estimateDealSize(target, converted, 2))
        .contains(new BigDecimal("40000.00"));
    assertThat(ConversionModel.estimateDealSize(target, List.of(), 3)).isEmpty();
  }

  @Test
  void priorityFollowsTheProbability() {
    assertThat(Priority.of(0.6)).isEqualTo(Priority.P1);
    assertThat(Priority.of(0.59)).isEqualTo(Priority.P2);
    assertThat(Priority.of(0.35)).isEqualTo(Priority.P2);
    assertThat(Priority.of(0.2)).isEqualTo(Priority.P3);
    assertThat(Priority.of(0.1)).isEqualTo(Priority.P4);
  }
}
