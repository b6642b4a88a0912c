package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.scoring.FeedbackModel.Entry;
import io.github.discoverysdk.scoring.SyntheticHistory.Case;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FeedbackModelTest {
  private final LearningPolicy policy = LearningPolicy.defaults();

  @Test
  void rankingOfConvertingOpportunitiesImprovesAfterFeedback() {
    double before = 0;
    double after = 0;
    int rounds = 20;
    for (int round = 0; round < rounds; round++) {
      SyntheticHistory history = new SyntheticHistory(1_000 + round);
      List<Entry> feedback = new ArrayList<>();
      for (Case c : history.generate(300)) {
        feedback.add(new Entry(c.opportunity(), simulatedFeedback(history, c)));
      }
      FeedbackModel model = FeedbackModel.learn(feedback, SyntheticHistory.NOW, policy);
      List<Case> fresh = history.generate(200);
      before += precisionAt10(fresh, c -> c.opportunity().score().total());
      after +=
          precisionAt10(
              fresh, c -> model.adjust(c.opportunity(), ScoringPolicy.defaults()).total());
    }
    before /= rounds;
    after /= rounds;
    System.out.printf(
        "feedback learning: expected precision@10 of converting opportunities %.3f before, %.3f"
            + " after (%d rounds of 300 feedback, 200 fresh)%n",
        before, after, rounds);
    assertThat(after).isGreaterThan(before + 0.1);
  }

  /** A user who converts some, dismisses retail as the wrong industry, and ignores the rest. */
  private static Feedback simulatedFeedback(SyntheticHistory history, Case c) {
    if (history.converts(c)) {
      return Feedback.converted(BigDecimal.valueOf(10_000));
    }
    return c.industry().equals("retail")
        ? Feedback.dismiss(DismissReason.WRONG_INDUSTRY)
        : Feedback.lost();
  }

  /** Mean true conversion probability of the top ten: the expected precision at 10. */
  private static double precisionAt10(List<Case> cases, ToDoubleFunction<Case> score) {
    return cases.stream()
        .sorted(Comparator.comparingDouble(score).reversed())
        .limit(10)
        .mapToDouble(Case::truth)
        .average()
        .orElseThrow();
  }

  @Test
  void dismissingAnIndustryMovesThoseOpportunitiesDownAndNothingElse() {
    SyntheticHistory history = new SyntheticHistory(7);
    List<Case> cases = history.generate(200);
    List<Entry> feedback = new ArrayList<>();
    for (Case c : cases.subList(0, 100)) {
      if (c.industry().equals("retail")) {
        feedback.add(new Entry(c.opportunity(), Feedback.dismiss(DismissReason.WRONG_INDUSTRY)));
      }
    }
    FeedbackModel model = FeedbackModel.learn(feedback, SyntheticHistory.NOW, policy);

    for (Case c : cases.subList(100, 200)) {
      double m = model.multiplier(c.opportunity());
      if (c.industry().equals("retail")) {
        assertThat(m).as("retail multiplier").isLessThan(1.0);
      } else {
        assertThat(m).as("%s multiplier", c.industry()).isEqualTo(1.0);
        assertThat(model.adjust(c.opportunity(), ScoringPolicy.defaults()))
            .isEqualTo(c.opportunity().score());
      }
    }
  }

  @Test
  void theSameFeedbackTwiceCountsOnce() {
    Opportunity o = new SyntheticHistory(1).generate(1).get(0).opportunity();
    Feedback save = Feedback.builder().from(Feedback.save()).at(SyntheticHistory.NOW).build();

    FeedbackModel once =
        FeedbackModel.learn(List.of(new Entry(o, save)), SyntheticHistory.NOW, policy);
    FeedbackModel twice =
        FeedbackModel.learn(
            List.of(new Entry(o, save), new Entry(o, save)), SyntheticHistory.NOW, policy);

    assertThat(twice.evidence()).isEqualTo(once.evidence());
  }

  @Test
  void oldFeedbackWeighsLessByItsHalfLife() {
    Opportunity o = new SyntheticHistory(1).generate(1).get(0).opportunity();
    Feedback fresh = Feedback.builder().from(Feedback.save()).at(SyntheticHistory.NOW).build();
    Feedback old =
        Feedback.builder()
            .from(Feedback.save())
            .at(SyntheticHistory.NOW.minus(Duration.ofDays(30)))
            .build();

    FeedbackModel a =
        FeedbackModel.learn(List.of(new Entry(o, fresh)), SyntheticHistory.NOW, policy);
    FeedbackModel b = FeedbackModel.learn(List.of(new Entry(o, old)), SyntheticHistory.NOW, policy);

    String feature = "type:" + o.signalType().name().toLowerCase(java.util.Locale.ROOT);
    // One save is a mean of +1 over one observation and two neutral pseudo-observations; a month
    // later it weighs half as much.
    assertThat(a.evidence().get(feature)).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(b.evidence().get(feature)).isCloseTo(0.5 / 2.5, within(1e-9));
  }

  @Test
  void anExplicitWatchlistMatchNeverFallsBelowTheFloor() {
    SyntheticHistory history = new SyntheticHistory(3);
    Opportunity watched =
        history.generate(50).stream()
            .map(Case::opportunity)
            .filter(o -> OpportunityFeatures.hasWatchlistMatch(o, 0.8) && o.score().total() > 45)
            .findFirst()
            .orElseThrow();
    List<Entry> feedback = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      feedback.add(
          new Entry(copyWithId(watched, "d" + i), Feedback.dismiss(DismissReason.NOT_RELEVANT)));
    }
    LearningPolicy strong = LearningPolicy.builder().learningRate(1.0).build();
    FeedbackModel model = FeedbackModel.learn(feedback, SyntheticHistory.NOW, strong);

    Score adjusted = model.adjust(watched, ScoringPolicy.defaults());

    assertThat(model.multiplier(watched)).isEqualTo(strong.minMultiplier());
    assertThat(watched.score().total() * strong.minMultiplier()).isLessThan(40);
    assertThat(adjusted.total()).isGreaterThanOrEqualTo(39.9).isLessThan(watched.score().total());
    double sum = adjusted.factors().stream().mapToDouble(ScoreFactor::contribution).sum();
    assertThat(adjusted.total()).isCloseTo(sum, within(0.01));
    assertThat(adjusted.factors())
        .filteredOn(f -> f.name().equals("feedback"))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("Lowered x0.30 by your feedback on"));
  }

  @Test
  void theLearningPolicyIsValidatedNamingTheBadValue() {
    assertThatThrownBy(() -> LearningPolicy.builder().halfLife(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("halfLife must be positive, was PT0S");
    assertThatThrownBy(() -> LearningPolicy.builder().minMultiplier(1.2).build())
        .hasMessageContaining("0 < minMultiplier <= 1 <= maxMultiplier must hold");
    assertThatThrownBy(() -> LearningPolicy.builder().priorWeight(-1).build())
        .hasMessage("priorWeight must not be negative, was -1.0");
  }

  private static Opportunity copyWithId(Opportunity o, String id) {
    return Opportunity.builder()
        .from(o)
        .id(io.github.discoverysdk.model.OpportunityId.of(o.tenant(), id))
        .build();
  }
}
