package io.github.discoverysdk.recordjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.scoring.ConversionLearner;
import io.github.discoverysdk.scoring.ConversionMapping;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversions of a system of record teach the conversion model of the opportunity they conclude.
 */
class ConversionLearningTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final TransitionRule SIGNED =
      new TransitionRule(
          "signed", States.isNot("status", "signed"), States.is("status", "signed"), "signed", 1.0);
  private static final TransitionRule UNSIGNED =
      new TransitionRule(
          "unsigned", States.is("status", "signed"), States.isNot("status", "signed"), "lost", 0);

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final TableRecordSource users = TableRecordSource.named("users");

  private DiscoveryEngine engine(ConversionLearner learner) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .scorer(Scoring.defaults())
        .clock(clock)
        .addOutcomeListener(learner)
        .addRecordJob(
            RecordJob.tracking("acme", "unsigned-conversions", users)
                .addTransition(SIGNED)
                .addTransition(UNSIGNED)
                .build())
        .build();
  }

  private Opportunity lead(DiscoveryEngine engine) {
    Profile profile =
        engine.profiles().save(Fixtures.profile("acme", "Leads", Fixtures.DEFAULT_COMPANY));
    return storage
        .opportunities()
        .save(
            Fixtures.opportunity(
                OpportunityId.of("acme", "lead-1"),
                profile.id(),
                SignalKey.of("crm", "lead-1"),
                60,
                T0));
  }

  private void user(String status) {
    clock.advance(Duration.ofMinutes(1));
    users.put("u1", clock.instant(), Map.of("status", status, "opportunity_id", "lead-1"));
  }

  @Test
  void aConversionChangesTheModelsPredictionExactlyOnceHoweverOftenTheRunIsRepeated() {
    ConversionLearner learner =
        ConversionLearner.create(clock)
            .learningFromConversions(ConversionMapping.byStateColumn("opportunity_id"));
    try (DiscoveryEngine engine = engine(learner)) {
      Opportunity lead = lead(engine);
      double before = learner.probability(storage, lead);
      user("unsigned");
      engine.records().run("acme", "unsigned-conversions");
      assertThat(learner.probability(storage, lead)).isEqualTo(before);

      user("signed");
      engine.records().run("acme", "unsigned-conversions");
      double after = learner.probability(storage, lead);
      assertThat(after).isGreaterThan(before);
      assertThat(learner.outcomes(storage, lead.profileId())).isEqualTo(1);

      // Re-runs, the safety window's re-reads and a backfill over the whole table: nothing new.
      engine.records().run("acme", "unsigned-conversions");
      engine.records().run("acme", "unsigned-conversions");
      engine.records().backfill("acme", "unsigned-conversions");
      // The record signs again after a reversal; the user also records the conversion by hand.
      user("unsigned");
      engine.records().run("acme", "unsigned-conversions");
      user("signed");
      engine.records().run("acme", "unsigned-conversions");
      engine.feedback(lead.id(), Feedback.converted(BigDecimal.TEN));

      assertThat(engine.records().conversions("acme", 0, 10)).hasSize(3);
      assertThat(learner.outcomes(storage, lead.profileId())).isEqualTo(1);
      assertThat(learner.probability(storage, lead)).isEqualTo(after);
    }
  }

  @Test
  void withoutAMappingAConversionTeachesNothing() {
    ConversionLearner learner = ConversionLearner.create(clock);
    try (DiscoveryEngine engine = engine(learner)) {
      Opportunity lead = lead(engine);
      double before = learner.probability(storage, lead);
      user("unsigned");
      engine.records().run("acme", "unsigned-conversions");
      user("signed");
      engine.records().run("acme", "unsigned-conversions");

      assertThat(engine.records().conversions("acme", 0, 10)).hasSize(1);
      assertThat(learner.outcomes(storage, lead.profileId())).isZero();
      assertThat(learner.probability(storage, lead)).isEqualTo(before);
    }
  }

  @Test
  void aStrayOpportunityIdInTheRecordIsIgnoredAndNeverStopsTheJob() {
    ConversionLearner learner =
        ConversionLearner.create(clock)
            .learningFromConversions(ConversionMapping.byStateColumn("opportunity_id"));
    try (DiscoveryEngine engine = engine(learner)) {
      Opportunity lead = lead(engine);
      users.put("u2", clock.instant(), Map.of("status", "unsigned", "opportunity_id", "nope"));
      engine.records().run("acme", "unsigned-conversions");
      clock.advance(Duration.ofMinutes(1));
      users.put("u2", clock.instant(), Map.of("status", "signed", "opportunity_id", "nope"));

      assertThat(engine.records().run("acme", "unsigned-conversions").conversions()).isEqualTo(1);
      assertThat(learner.outcomes(storage, lead.profileId())).isZero();
    }
  }
}
