package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.CostSummary;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CostControlTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:30:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private DiscoveryEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private DiscoveryEngine engine(ScriptedSource source, SourceBudget budget) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(source)
            .scorer(Scoring.defaults())
            .clock(clock);
    if (budget != null) {
      b.budget(source.id(), budget);
    }
    engine = b.build();
    return engine;
  }

  private static Profile profile(String tenant, String id, String... companies) {
    Profile.Builder b =
        Profile.builder()
            .tenant(tenant)
            .id(ProfileId.of(tenant, id))
            .owner("u")
            .name(id)
            .frequency(Frequency.DAILY);
    for (String c : companies) {
      b.addWatchlist(Company.of(c));
    }
    return b.build();
  }

  private Signal signal(String source, String id, String company) {
    return Signal.builder()
        .key(SignalKey.of(source, id))
        .type(SignalType.FUNDING)
        .title(company + " raises a round")
        .publishedAt(clock.instant())
        .observedAt(clock.instant())
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .build();
  }

  private static SourceStats stats(RunReport r) {
    return r.sources().get(0);
  }

  @Test
  void aThousandProfilesOfFiveTenantsAskingTwoHundredQuestionsCostTwoHundredCalls() {
    ScriptedSource sec = ScriptedSource.search("sec").sharedAcrossTenants().costPerCall(0.01);
    engine(sec, null);
    for (int t = 0; t < 5; t++) {
      for (int i = 0; i < 200; i++) {
        engine.profiles().save(profile("tenant-" + t, "p" + i, "Company" + i));
      }
    }
    sec.publish(signal("sec", "s1", "Company7"));

    List<RunReport> round = engine.runDue();

    assertThat(sec.calls()).isEqualTo(200);
    assertThat(round).hasSize(5);
    assertThat(round.stream().mapToInt(r -> stats(r).calls()).sum()).isEqualTo(1_000);
    assertThat(round.stream().mapToInt(r -> stats(r).cacheHits()).sum()).isEqualTo(800);
    assertThat(round).allSatisfy(r -> assertThat(r.opportunitiesNew()).isEqualTo(1));
    CostSummary first = engine.costs(round.get(0).tenant(), T0, T0.plus(Duration.ofDays(1)));
    CostSummary other = engine.costs(round.get(1).tenant(), T0, T0.plus(Duration.ofDays(1)));
    assertThat(first.calls() + other.calls()).isEqualTo(200);
    assertThat(first.cacheHits() + other.cacheHits()).isEqualTo(200);
    assertThat(first.totalCost() + other.totalCost()).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void privateSourcesAreNeverSharedAcrossTenants() {
    ScriptedSource crm = ScriptedSource.search("crm");
    engine(crm, null);
    engine.profiles().save(profile("a", "p1", "Stripe"));
    engine.profiles().save(profile("b", "p1", "Stripe"));

    engine.runDue();

    assertThat(crm.calls()).isEqualTo(2);
  }

  @Test
  void sharedAnswersExpireAfterTheirLifetimeAndAreCleanedUp() {
    ScriptedSource sec = ScriptedSource.search("sec").sharedAcrossTenants();
    engine(sec, null);
    engine.profiles().save(profile("a", "p1", "Stripe"));
    engine.discoverAll("a");
    engine.profiles().save(profile("b", "p1", "Stripe"));
    clock.advance(Duration.ofHours(23));
    engine.discoverAll("b");
    assertThat(sec.calls()).isEqualTo(1);

    clock.advance(Duration.ofHours(2));
    engine.profiles().save(profile("c", "p1", "Stripe"));
    engine.discoverAll("c");

    assertThat(sec.calls()).isEqualTo(2);
    assertThat(engine.cleanCache()).isZero();
    clock.advance(Duration.ofHours(25));
    assertThat(engine.cleanCache()).isEqualTo(1);
  }

  @Test
  void anExhaustedBudgetStopsCallsSaysSoKeepsTheWatermarkAndResumesTheNextDay() {
    ScriptedSource apollo = ScriptedSource.search("apollo").costPerCall(1.0);
    engine(apollo, SourceBudget.calls(2));
    Profile p = engine.profiles().save(profile("acme", "p1", "Adyen", "Klarna", "Stripe"));
    apollo.publish(signal("apollo", "s1", "Stripe"));

    RunReport today = engine.discover(p.id());

    assertThat(apollo.calls()).isEqualTo(2);
    assertThat(today.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .contains("budget of source apollo exhausted for today (2 calls of 2)")
                    .contains("skipped until tomorrow, watermark kept"));
    // Which of the three queries ran out depends on the order the threads took them in.
    assertThat(watermarks()).isEqualTo(2);
    assertThat(engine.discover(p.id()).errors()).hasSize(3);
    assertThat(apollo.calls()).isEqualTo(2);

    clock.advance(Duration.ofDays(1));
    RunReport tomorrow = engine.discover(p.id());

    assertThat(apollo.calls()).isEqualTo(4);
    assertThat(tomorrow.errors()).hasSize(1);
    assertThat(watermarks()).isEqualTo(3);
    assertThat(tomorrow.opportunitiesNew() + today.opportunitiesNew()).isEqualTo(1);
  }

  private long watermarks() {
    return java.util.stream.Stream.of("adyen", "klarna", "stripe")
        .filter(
            c -> storage.sourceState().findWatermark("acme", "apollo", "company:" + c).isPresent())
        .count();
  }

  @Test
  void costsAreSplitAmongTheProfilesThatAskedTheQuery() {
    ScriptedSource apollo = ScriptedSource.search("apollo").costPerCall(0.3);
    engine(apollo, SourceBudget.cost(100));
    engine.profiles().save(profile("acme", "p1", "Stripe", "Adyen"));
    engine.profiles().save(profile("acme", "p2", "Stripe"));
    engine.discoverAll("acme");

    CostSummary costs = engine.costs("acme", T0, T0.plus(Duration.ofDays(1)));

    assertThat(costs.calls()).isEqualTo(2);
    assertThat(costs.totalCost()).isCloseTo(0.6, within(1e-9));
    assertThat(costs.costBySource()).containsOnlyKeys("apollo");
    assertThat(costs.costByProfile().get("p1")).isCloseTo(0.45, within(1e-9));
    assertThat(costs.costByProfile().get("p2")).isCloseTo(0.15, within(1e-9));
  }
}
