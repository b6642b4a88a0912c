package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.scoring.SyntheticHistory.Case;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionLearnerTest {
  private static final Clock CLOCK = Clock.fixed(SyntheticHistory.NOW, ZoneOffset.UTC);
  private static final String MODEL = "conversion:" + SyntheticHistory.PROFILE.value();

  private final Storage storage = InMemoryStorage.create();
  private final SyntheticHistory history = new SyntheticHistory(6);

  @Test
  void feedbackThroughTheEngineTrainsTheProfilesModelAndStoresIt() {
    saveProfile(SyntheticHistory.PROFILE);
    List<Case> cases = saveCases(600);
    ConversionLearner learner = ConversionLearner.create(CLOCK);
    Opportunity fintech = bestOf(cases, "fintech");
    Opportunity retail = bestOf(cases, "retail");
    assertThat(learner.probability(storage, fintech)).isEqualTo(0.5);

    try (DiscoveryEngine engine = engine(learner)) {
      for (Case c : cases) {
        engine.feedback(c.opportunity().id(), outcome(c));
      }
    }

    ModelState state = storage.models().find("acme", MODEL).orElseThrow();
    assertThat(state.version()).isEqualTo(cases.size());
    assertThat(state.updatedAt()).isEqualTo(SyntheticHistory.NOW);
    assertThat(learner.outcomes(storage, SyntheticHistory.PROFILE)).isEqualTo(cases.size());
    double pFintech = learner.probability(storage, fintech);
    double pRetail = learner.probability(storage, retail);
    System.out.printf(
        "conversion learner: after %d outcomes P(fintech)=%.3f P(retail)=%.3f%n",
        cases.size(), pFintech, pRetail);
    assertThat(pFintech).isGreaterThan(pRetail + 0.2);
    assertThat(learner.priority(storage, fintech).ordinal())
        .isLessThanOrEqualTo(learner.priority(storage, retail).ordinal());
  }

  @Test
  void theStoredModelSurvivesARestartAndLearnsOnAsIfThereHadBeenNone() {
    saveProfile(SyntheticHistory.PROFILE);
    List<Case> cases = saveCases(300);
    List<Feedback> outcomes = cases.stream().map(this::outcome).toList();
    double before;
    try (DiscoveryEngine first = engine(ConversionLearner.create(CLOCK))) {
      for (int i = 0; i < 150; i++) {
        first.feedback(cases.get(i).opportunity().id(), outcomes.get(i));
      }
      before = ConversionLearner.create().probability(storage, cases.get(299).opportunity());
    }

    // A new engine and a new learner over the same storage: nothing but storage carries over.
    ConversionLearner restarted = ConversionLearner.create(CLOCK);
    assertThat(restarted.probability(storage, cases.get(299).opportunity())).isEqualTo(before);
    try (DiscoveryEngine second = engine(restarted)) {
      for (int i = 150; i < cases.size(); i++) {
        second.feedback(cases.get(i).opportunity().id(), outcomes.get(i));
      }
    }

    // The same outcomes learned in one process without storage give the same model.
    ConversionModel reference = ConversionModel.create();
    int converted = 0;
    for (int i = 0; i < cases.size(); i++) {
      FeedbackType type = outcomes.get(i).type();
      reference.learn(cases.get(i).opportunity(), type, i == 0 ? 0 : (double) converted / i);
      converted += type == FeedbackType.CONVERTED ? 1 : 0;
    }
    double expectedHistory = (double) converted / cases.size();
    for (Case c : cases.subList(0, 20)) {
      assertThat(restarted.probability(storage, c.opportunity()))
          .isCloseTo(reference.probability(c.opportunity(), expectedHistory), within(1e-12));
    }
    assertThat(storage.models().find("acme", MODEL).orElseThrow().version()).isEqualTo(300);
  }

  @Test
  void savesAreNotOutcomesAndTheSameOutcomeTwiceIsLearnedOnce() {
    saveProfile(SyntheticHistory.PROFILE);
    List<Case> cases = saveCases(2);
    ConversionLearner learner = ConversionLearner.create(CLOCK);
    try (DiscoveryEngine engine = engine(learner)) {
      engine.feedback(cases.get(0).opportunity().id(), Feedback.save());
      assertThat(storage.models().find("acme", MODEL)).isEmpty();

      engine.feedback(cases.get(0).opportunity().id(), Feedback.lost());
      double once = learner.probability(storage, cases.get(1).opportunity());
      engine.feedback(cases.get(0).opportunity().id(), Feedback.lost());

      assertThat(learner.probability(storage, cases.get(1).opportunity())).isEqualTo(once);
      assertThat(learner.outcomes(storage, SyntheticHistory.PROFILE)).isEqualTo(1);
      assertThat(storage.models().find("acme", MODEL).orElseThrow().version()).isEqualTo(1);
    }
  }

  @Test
  void eachProfileHasItsOwnModelAndANewOneStartsFromItsMostSimilarPeers() {
    ProfileId other = ProfileId.of("acme", "p2");
    ProfileId unlike = ProfileId.of("acme", "p3");
    saveProfile(SyntheticHistory.PROFILE);
    saveProfile(other);
    storage
        .profiles()
        .save(
            Profile.builder()
                .id(unlike)
                .tenant("acme")
                .owner("seller")
                .name("Unlike")
                .addIndustries("mining")
                .addKeywords("drilling")
                .build());
    List<Case> cases = saveCases(50);
    ConversionLearner learner = ConversionLearner.create(CLOCK);
    try (DiscoveryEngine engine = engine(learner)) {
      for (Case c : cases) {
        engine.feedback(c.opportunity().id(), Feedback.builder().type(FeedbackType.LOST).build());
      }
    }
    Opportunity ofOther =
        Opportunity.builder()
            .from(cases.get(0).opportunity())
            .id(io.github.discoverysdk.model.OpportunityId.of("acme", "other-1"))
            .profileId(other)
            .build();

    Opportunity ofUnlike =
        Opportunity.builder()
            .from(cases.get(0).opportunity())
            .id(io.github.discoverysdk.model.OpportunityId.of("acme", "unlike-1"))
            .profileId(unlike)
            .build();

    double own = learner.probability(storage, cases.get(0).opportunity());
    assertThat(own).isLessThan(0.5);
    // p2 has no model yet: it borrows the model of p1, the only similar profile with one.
    assertThat(learner.probability(storage, ofOther)).isEqualTo(own);
    assertThat(learner.probability(storage, ofUnlike)).isEqualTo(0.5);
    assertThat(storage.models().find("acme", "conversion:p2")).isEmpty();
    assertThat(storage.models().find("other-tenant", MODEL)).isEmpty();
  }

  @Test
  void aListenerThatFailsRollsTheFeedbackAndTheModelBack() {
    saveProfile(SyntheticHistory.PROFILE);
    Opportunity opportunity = saveCases(1).get(0).opportunity();
    IllegalStateException failure = new IllegalStateException("listener failed");
    OutcomeListener failing =
        (o, f, tx) -> {
          throw failure;
        };
    try (DiscoveryEngine engine =
        builder()
            .addOutcomeListener(ConversionLearner.create(CLOCK))
            .addOutcomeListener(failing)
            .build()) {
      assertThatThrownBy(() -> engine.feedback(opportunity.id(), Feedback.lost()))
          .isSameAs(failure);
    }

    assertThat(storage.models().find("acme", MODEL)).isEmpty();
    assertThat(storage.opportunities().listFeedback(opportunity.id())).isEmpty();
    assertThat(storage.opportunities().find(opportunity.id()).orElseThrow().status())
        .isEqualTo(OpportunityStatus.NEW);
  }

  @Test
  void anUnreadableStoredStateFailsTheFeedbackInsteadOfBeingOverwritten() {
    saveProfile(SyntheticHistory.PROFILE);
    Opportunity opportunity = saveCases(1).get(0).opportunity();
    ModelState corrupt =
        storage
            .models()
            .save(
                ModelState.builder()
                    .tenant("acme")
                    .name(MODEL)
                    .payload("{\"format\":1,\"weights\":[1,2]}")
                    .updatedAt(SyntheticHistory.NOW)
                    .build());
    try (DiscoveryEngine engine = engine(ConversionLearner.create(CLOCK))) {
      assertThatThrownBy(() -> engine.feedback(opportunity.id(), Feedback.lost()))
          .isInstanceOf(io.github.discoverysdk.ValidationException.class);
    }
    assertThat(storage.models().find("acme", MODEL)).contains(corrupt);
    assertThat(storage.opportunities().listFeedback(opportunity.id())).isEmpty();
  }

  private DiscoveryEngine engine(ConversionLearner learner) {
    return builder().addOutcomeListener(learner).build();
  }

  private DiscoveryEngine.Builder builder() {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .scorer(Scoring.defaults())
        .clock(CLOCK)
        .threads(1);
  }

  private void saveProfile(ProfileId id) {
    storage
        .profiles()
        .save(
            Profile.builder()
                .id(id)
                .tenant(id.tenant())
                .owner("seller")
                .name("Profile " + id.value())
                .addIndustries("fintech", "retail", "health", "logistics")
                .addKeywords("expansion")
                .build());
  }

  private List<Case> saveCases(int n) {
    List<Case> cases = new ArrayList<>(history.generate(n));
    cases.forEach(c -> storage.opportunities().save(c.opportunity()));
    return cases;
  }

  private Feedback outcome(Case c) {
    return Feedback.builder()
        .type(history.converts(c) ? FeedbackType.CONVERTED : FeedbackType.LOST)
        .build();
  }

  /** The case of an industry with the highest access and fit: where the truth differs most. */
  private static Opportunity bestOf(List<Case> cases, String industry) {
    return cases.stream()
        .filter(c -> c.industry().equals(industry))
        .max(
            java.util.Comparator.comparingDouble(
                c ->
                    c.opportunity().score().factors().get(2).value()
                        + c.opportunity().score().factors().get(3).value()))
        .orElseThrow()
        .opportunity();
  }
}
