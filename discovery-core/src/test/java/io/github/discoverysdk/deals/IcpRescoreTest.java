package io.github.discoverysdk.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Icp#rescore}, what the chain and the runs apply: the fit is one factor added to the
 * others, the total their sum capped at 100, and scoring again under the same ICP changes nothing.
 */
class IcpRescoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private static final Icp FINTECH =
      new Icp(
          "acme",
          6,
          4,
          List.of(
              new IcpTrait(IcpTrait.Kind.INDUSTRY, "fintech", "Fintech", 6, 6, 0, 4, 0.75),
              new IcpTrait(IcpTrait.Kind.REGION, "germany", "germany", 3, 6, 0, 4, 0.25),
              new IcpTrait(IcpTrait.Kind.TITLE, "vp sales", "VP Sales", 6, 6, 0, 4, 0.9)),
          T0);

  private static Opportunity opportunity(double match, Map<String, String> company) {
    return Opportunity.builder()
        .id(OpportunityId.of("acme", "o-1"))
        .profileId(ProfileId.of("acme", "p-1"))
        .signalKey(SignalKey.of("news", "n-1"))
        .signalType(SignalType.NEWS)
        .title("Stripe raises")
        .company("Stripe")
        .companyAttributes(company)
        .publishedAt(T0)
        .occursAt(T0)
        .score(
            Score.builder()
                .total(match)
                .strength(SignalStrength.MEDIUM)
                .addFactors(ScoreFactor.of("match", match, 1, match, "on the watchlist"))
                .build())
        .addMatches(
            Match.builder()
                .target(MatchTarget.WATCHLIST)
                .kind(MatchKind.EXACT)
                .term("Stripe")
                .matchedText("Stripe")
                .confidence(1.0)
                .field(EvidenceField.TITLE)
                .rule("test")
                .build())
        .temporal(
            TemporalAssessment.builder()
                .assessedAt(T0)
                .ageDays(0)
                .urgency(Urgency.MEDIUM)
                .window(ActionWindow.OPEN)
                .recommendedAction("test")
                .build())
        .signalHash("h")
        .createdAt(T0)
        .updatedAt(T0)
        .lastSeenAt(T0)
        .build();
  }

  @Test
  void theFitIsAddedToTheOtherFactorsAndScoringAgainChangesNothing() {
    Opportunity o = opportunity(40, Map.of("industry", "Fintech", "country", "France"));

    Score once = FINTECH.rescore(o);

    assertThat(once.factors()).extracting(ScoreFactor::name).containsExactly("match", "icp_fit");
    ScoreFactor fit = once.factors().get(1);
    assertThat(fit.value()).as("fintech's lift of the account traits' 1.0").isEqualTo(75.0);
    assertThat(fit.contribution()).isEqualTo(75.0 * 0.15);
    assertThat(once.total()).isEqualTo(40 + 75.0 * 0.15);
    Opportunity rescored = Opportunity.builder().from(o).score(once).build();
    assertThat(FINTECH.rescore(rescored)).isSameAs(rescored.score());
  }

  @Test
  void theTotalStaysCappedAt100AndAScoreWithoutTheFitIsLeftAsItIs() {
    Opportunity high = opportunity(95, Map.of("industry", "Fintech", "country", "Germany"));
    Score capped = FINTECH.rescore(high);
    assertThat(capped.total()).isEqualTo(100.0);
    assertThat(capped.factors().get(1).contribution()).isEqualTo(5.0);

    Opportunity unknown = opportunity(40, Map.of());
    assertThat(FINTECH.rescore(unknown)).isSameAs(unknown.score());
    Opportunity stale =
        Opportunity.builder()
            .from(unknown)
            .score(FINTECH.rescore(opportunity(40, high.companyAttributes())))
            .build();
    assertThat(FINTECH.rescore(stale).factors())
        .as("attributes gone: the fit goes too")
        .extracting(ScoreFactor::name)
        .containsExactly("match");
    assertThatThrownBy(() -> FINTECH.rescore(null)).isInstanceOf(NullPointerException.class);
  }
}
