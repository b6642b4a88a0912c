package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.scoring.WarmStart.Candidate;
import io.github.discoverysdk.spi.WarmStarter.Rescorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmStartTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  /** Re-scores every opportunity as 10 points below its source's score. */
  private static final Rescorer TEN_LESS = o -> Optional.of(score(o.score().total() - 10));

  private final WarmStart warmStart = WarmStart.defaults();
  private final Profile newcomer = ProfileSimilarityTest.fintech("newcomer").build();
  private final Profile twin = ProfileSimilarityTest.fintech("twin").build();
  private final Profile cousin =
      ProfileSimilarityTest.fintech("cousin").addWatchlist(Company.of("Klarna")).build();
  private final Profile stranger =
      Profile.builder()
          .tenant("acme")
          .owner("u")
          .name("stranger")
          .addIndustries("retail")
          .addWatchlist(Company.of("Walmart"))
          .build();

  @Test
  void copiesTheStillValidOpportunitiesOfSimilarProfilesRescored() {
    List<Opportunity> twins =
        List.of(
            opp(twin, "open", 80),
            opp(twin, "closing", 70, o -> o.temporal(timing(ActionWindow.CLOSING_SOON, null))),
            opp(twin, "saved", 60, o -> o.status(OpportunityStatus.SAVED)),
            opp(twin, "converted", 55, o -> o.status(OpportunityStatus.CONVERTED)));

    WarmStartPlan plan =
        warmStart.plan(newcomer, List.of(new Candidate(twin, twins)), NOW, TEN_LESS);

    assertThat(plan.similar())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.profile()).isEqualTo(twin.id());
              assertThat(s.similarity()).isEqualTo(1.0);
            });
    assertThat(plan.copies())
        .extracting(c -> c.source().signalKey().externalId())
        .containsExactly("open", "closing", "saved", "converted");
    assertThat(plan.copies())
        .extracting(c -> c.score().total())
        .containsExactly(70.0, 60.0, 50.0, 45.0);
    assertThat(plan.copies()).allSatisfy(c -> assertThat(c.from().profile()).isEqualTo(twin.id()));
  }

  @Test
  void leavesOutWhatIsNoLongerValid() {
    List<Opportunity> twins =
        List.of(
            opp(twin, "valid", 80),
            opp(twin, "closed", 80, o -> o.temporal(timing(ActionWindow.CLOSED, null))),
            opp(twin, "dismissed", 80, o -> o.status(OpportunityStatus.DISMISSED)),
            opp(twin, "archived", 80, o -> o.status(OpportunityStatus.ARCHIVED)),
            opp(twin, "lost", 80, o -> o.status(OpportunityStatus.LOST)),
            opp(twin, "rejected", 80, o -> o.status(OpportunityStatus.REJECTED)),
            opp(
                twin,
                "event-started",
                80,
                o -> o.temporal(timing(ActionWindow.OPEN, 3L)).occursAt(NOW.minusSeconds(1))),
            opp(
                twin,
                "event-ahead",
                80,
                o -> o.temporal(timing(ActionWindow.OPEN, 3L)).occursAt(NOW.plusSeconds(60))),
            opp(twin, "too-old", 80, o -> o.publishedAt(NOW.minus(Duration.ofDays(31)))),
            opp(twin, "just-in-time", 80, o -> o.publishedAt(NOW.minus(Duration.ofDays(30)))));

    WarmStartPlan plan =
        warmStart.plan(newcomer, List.of(new Candidate(twin, twins)), NOW, TEN_LESS);

    assertThat(plan.copies())
        .extracting(c -> c.source().signalKey().externalId())
        .containsExactlyInAnyOrder("valid", "event-ahead", "just-in-time");
  }

  @Test
  void signalTypesTheNewProfileDoesNotAcceptAreLeftOut() {
    Profile eventsOnly =
        Profile.builder().from(newcomer).signalTypes(Set.of(SignalType.EVENT)).build();
    List<Opportunity> twins =
        List.of(
            opp(twin, "news", 80),
            opp(
                twin,
                "event",
                80,
                o ->
                    o.signalType(SignalType.EVENT)
                        .temporal(timing(ActionWindow.OPEN, 10L))
                        .occursAt(NOW.plus(Duration.ofDays(10)))));

    WarmStartPlan plan =
        warmStart.plan(eventsOnly, List.of(new Candidate(twin, twins)), NOW, TEN_LESS);

    assertThat(plan.copies())
        .extracting(c -> c.source().signalKey().externalId())
        .containsExactly("event");
  }

  @Test
  void profilesBelowTheThresholdLendNothing() {
    WarmStartPlan plan =
        warmStart.plan(
            newcomer,
            List.of(new Candidate(stranger, List.of(opp(stranger, "walmart", 90)))),
            NOW,
            TEN_LESS);

    assertThat(plan.similar()).isEmpty();
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void onlyTheMostSimilarProfilesLend() {
    WarmStart oneProfile = WarmStart.withPolicy(WarmStartPolicy.builder().maxProfiles(1).build());
    List<Candidate> candidates =
        List.of(
            new Candidate(cousin, List.of(opp(cousin, "from-cousin", 90))),
            new Candidate(twin, List.of(opp(twin, "from-twin", 50))));

    WarmStartPlan plan = oneProfile.plan(newcomer, candidates, NOW, TEN_LESS);

    assertThat(plan.similar()).extracting(s -> s.profile()).containsExactly(twin.id());
    assertThat(plan.copies())
        .extracting(c -> c.source().signalKey().externalId())
        .containsExactly("from-twin");
  }

  @Test
  void aSignalSeveralProfilesHaveIsCopiedOnceFromTheMostSimilarProfile() {
    List<Candidate> candidates =
        List.of(
            new Candidate(cousin, List.of(opp(cousin, "shared", 95))),
            new Candidate(twin, List.of(opp(twin, "shared", 60))));

    WarmStartPlan plan = warmStart.plan(newcomer, candidates, NOW, TEN_LESS);

    assertThat(plan.similar()).extracting(s -> s.profile()).containsExactly(twin.id(), cousin.id());
    assertThat(plan.copies())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.from().profile()).isEqualTo(twin.id());
              assertThat(c.source().score().total()).isEqualTo(60.0);
            });
  }

  @Test
  void amongEquallySimilarSourcesTheHigherScoreIsKept() {
    Profile twin2 = ProfileSimilarityTest.fintech("twin2").build();
    List<Candidate> candidates =
        List.of(
            new Candidate(twin, List.of(opp(twin, "shared", 60))),
            new Candidate(twin2, List.of(opp(twin2, "shared", 75))));

    WarmStartPlan plan = warmStart.plan(newcomer, candidates, NOW, TEN_LESS);

    assertThat(plan.copies())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.from().profile()).isEqualTo(twin2.id());
              assertThat(c.score().total()).isEqualTo(65.0);
            });
  }

  @Test
  void theRescorerDecidesTheNewScoreAndMayLeaveAnOpportunityOut() {
    List<Opportunity> twins = List.of(opp(twin, "keep", 40), opp(twin, "drop", 90));
    Rescorer rescorer =
        o -> o.signalKey().externalId().equals("drop") ? Optional.empty() : Optional.of(score(77));

    WarmStartPlan plan =
        warmStart.plan(newcomer, List.of(new Candidate(twin, twins)), NOW, rescorer);

    assertThat(plan.copies())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.source().signalKey().externalId()).isEqualTo("keep");
              assertThat(c.score().total()).isEqualTo(77.0);
            });
  }

  @Test
  void everyKeptSignalIsRescoredOnceAndTheBestNewScoresAreKept() {
    Random random = new Random(3);
    List<Candidate> candidates = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      Profile similar = ProfileSimilarityTest.fintech("similar-" + p).build();
      List<Opportunity> opps = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        opps.add(opp(similar, "s" + random.nextInt(40), 10 + random.nextInt(90)));
      }
      candidates.add(new Candidate(similar, opps));
    }
    AtomicInteger calls = new AtomicInteger();
    WarmStart tenBest =
        WarmStart.withPolicy(WarmStartPolicy.builder().maxOpportunities(10).build());

    WarmStartPlan plan =
        tenBest.plan(
            newcomer,
            candidates,
            NOW,
            o -> {
              calls.incrementAndGet();
              return TEN_LESS.rescore(o);
            });

    long distinct =
        candidates.stream()
            .flatMap(c -> c.opportunities().stream())
            .map(Opportunity::signalKey)
            .distinct()
            .count();
    assertThat(calls.get()).isEqualTo(distinct);
    assertThat(plan.copies()).hasSize(10);
    assertThat(plan.copies()).extracting(c -> c.source().signalKey()).doesNotHaveDuplicates();
    assertThat(plan.copies())
        .extracting(c -> c.score().total())
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void theNewProfileIsNotItsOwnSource() {
    WarmStartPlan plan =
        warmStart.plan(
            newcomer,
            List.of(new Candidate(newcomer, List.of(opp(newcomer, "own", 80)))),
            NOW,
            TEN_LESS);

    assertThat(plan.similar()).isEmpty();
    assertThat(plan.copies()).isEmpty();
  }

  @Test
  void aCandidateOfAnotherTenantIsRefused() {
    Profile foreign =
        Profile.builder().from(twin).tenant("globex").id(ProfileId.of("globex", "t")).build();

    assertThatThrownBy(
            () ->
                warmStart.plan(newcomer, List.of(new Candidate(foreign, List.of())), NOW, TEN_LESS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("globex/t belongs to another tenant");
  }

  @Test
  void anOpportunityOfAnotherProfileThanItsCandidateIsRefused() {
    Opportunity cousins = opp(cousin, "x", 80);

    assertThatThrownBy(
            () ->
                warmStart.plan(
                    newcomer, List.of(new Candidate(twin, List.of(cousins))), NOW, TEN_LESS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not to its candidate " + twin.id());
  }

  @Test
  void policyRejectsValuesOutOfRange() {
    assertThatThrownBy(() -> WarmStartPolicy.builder().minSimilarity(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("minSimilarity must be in (0, 1], was 0.0");
    assertThatThrownBy(() -> WarmStartPolicy.builder().maxProfiles(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxProfiles must be positive, was 0");
    assertThatThrownBy(() -> WarmStartPolicy.builder().maxOpportunities(-1).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxOpportunities must be positive, was -1");
    assertThatThrownBy(() -> WarmStartPolicy.builder().maxAge(Duration.ofDays(-1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxAge must be positive, was PT-24H");
  }

  private interface Change {
    void apply(Opportunity.Builder b);
  }

  private static Opportunity opp(Profile owner, String key, double total, Change... changes) {
    Opportunity.Builder b =
        Opportunity.builder()
            .id(OpportunityId.of(owner.tenant(), owner.name() + "-" + key))
            .profileId(owner.id())
            .signalKey(SignalKey.of("news", key))
            .signalType(SignalType.NEWS)
            .title("Stripe " + key)
            .company("Stripe")
            .publishedAt(NOW.minus(Duration.ofDays(2)))
            .occursAt(NOW.minus(Duration.ofDays(2)))
            .score(score(total))
            .addMatches(
                Match.builder()
                    .target(MatchTarget.WATCHLIST)
                    .kind(MatchKind.EXACT)
                    .term("Stripe")
                    .matchedText("Stripe")
                    .confidence(0.95)
                    .field(EvidenceField.TEXT)
                    .rule("test")
                    .build())
            .temporal(timing(ActionWindow.OPEN, null))
            .signalHash("h-" + key)
            .createdAt(NOW.minus(Duration.ofDays(2)))
            .updatedAt(NOW.minus(Duration.ofDays(1)))
            .lastSeenAt(NOW.minus(Duration.ofDays(1)));
    for (Change c : changes) {
      c.apply(b);
    }
    return b.build();
  }

  private static TemporalAssessment timing(ActionWindow window, Long daysUntilEvent) {
    TemporalAssessment.Builder t =
        TemporalAssessment.builder()
            .assessedAt(NOW.minus(Duration.ofDays(1)))
            .ageDays(1)
            .urgency(Urgency.MEDIUM)
            .window(window)
            .recommendedAction("test");
    if (daysUntilEvent != null) {
      t.daysUntilEvent(daysUntilEvent);
    }
    return t.build();
  }

  private static Score score(double total) {
    return Score.builder()
        .total(total)
        .strength(
            total >= 70
                ? SignalStrength.STRONG
                : total >= 45 ? SignalStrength.MEDIUM : SignalStrength.WEAK)
        .addFactors(ScoreFactor.of("impact", total, 1.0, total, "test"))
        .build();
  }
}
