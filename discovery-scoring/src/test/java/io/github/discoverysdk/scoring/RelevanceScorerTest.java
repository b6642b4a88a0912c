package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import io.github.discoverysdk.temporal.ActionWindow;
import io.github.discoverysdk.temporal.TemporalAssessment;
import io.github.discoverysdk.temporal.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RelevanceScorerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private final Scorer scorer = Scoring.defaults();

  private final Profile profile =
      Profile.builder()
          .tenant("acme")
          .owner("u1")
          .name("Fintech")
          .addIndustries("fintech")
          .addRegions("EMEA")
          .addWatchlist(Company.of("Stripe", "stripe.com"))
          .addKeywords("payments")
          .build();

  @Test
  void breakdownAlwaysAddsUpToTheTotalAndStaysInRange() {
    Random random = new Random(42);
    MatchTarget[] targets = MatchTarget.values();
    for (int i = 0; i < 5_000; i++) {
      List<Match> matches = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      matches.add(match(MatchTarget.values()[random.nextInt(4)], random.nextDouble()));
      for (int k = 1; k < n; k++) {
        matches.add(match(targets[random.nextInt(targets.length)], random.nextDouble()));
      }
      SignalType type = SignalType.values()[random.nextInt(SignalType.values().length)];
      TemporalAssessment t =
          timing(
              Urgency.values()[random.nextInt(Urgency.values().length)],
              ActionWindow.values()[random.nextInt(ActionWindow.values().length)]);
      Score score = scorer.score(input(type, matches, t));

      double sum = score.factors().stream().mapToDouble(ScoreFactor::contribution).sum();
      assertThat(score.total()).isCloseTo(sum, within(0.01)).isBetween(0.0, 100.0);
      assertThat(score.factors()).hasSize(4).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
      SignalStrength expected =
          score.total() >= 70
              ? SignalStrength.STRONG
              : score.total() >= 45 ? SignalStrength.MEDIUM : SignalStrength.WEAK;
      assertThat(score.strength()).isEqualTo(expected);
    }
  }

  @Test
  void watchlistMatchOutscoresKeywordMatchOfEqualConfidence() {
    TemporalAssessment t = timing(Urgency.HIGH, ActionWindow.OPEN);
    Score watchlist =
        scorer.score(input(SignalType.NEWS, List.of(match(MatchTarget.WATCHLIST, 0.8)), t));
    Score keyword =
        scorer.score(input(SignalType.NEWS, List.of(match(MatchTarget.KEYWORD, 0.8)), t));

    assertThat(watchlist.total()).isGreaterThan(keyword.total());
    assertThat(watchlist.reasons()).anyMatch(r -> r.contains("Watchlist company Stripe"));
  }

  @Test
  void closedWindowScoresLowerThanCriticalUrgency() {
    List<Match> matches = List.of(match(MatchTarget.WATCHLIST, 0.95));
    Score closed =
        scorer.score(input(SignalType.EVENT, matches, timing(Urgency.LOW, ActionWindow.CLOSED)));
    Score critical =
        scorer.score(input(SignalType.EVENT, matches, timing(Urgency.CRITICAL, ActionWindow.OPEN)));

    assertThat(critical.total()).isGreaterThan(closed.total());
  }

  @Test
  void industryAndRegionFitRaiseTheScore() {
    TemporalAssessment t = timing(Urgency.MEDIUM, ActionWindow.OPEN);
    Match company = match(MatchTarget.WATCHLIST, 0.9);
    Score bare = scorer.score(input(SignalType.NEWS, List.of(company), t));
    Score fitting =
        scorer.score(
            input(
                SignalType.NEWS,
                List.of(company, match(MatchTarget.INDUSTRY, 1), match(MatchTarget.REGION, 1)),
                t));

    assertThat(fitting.total()).isGreaterThan(bare.total());
    assertThat(fitting.factors())
        .filteredOn(f -> f.name().equals("fit"))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("In a target industry and region"));
  }

  private ScoringInput input(SignalType type, List<Match> matches, TemporalAssessment t) {
    Signal signal =
        Signal.builder()
            .key(SignalKey.of("test", "1"))
            .type(type)
            .title("Stripe expands in Europe")
            .publishedAt(NOW.minusSeconds(3600))
            .observedAt(NOW)
            .build();
    return ScoringInput.builder()
        .profile(profile)
        .signal(signal)
        .matches(matches)
        .temporal(t)
        .now(NOW)
        .build();
  }

  private static Match match(MatchTarget target, double confidence) {
    return Match.builder()
        .target(target)
        .kind(MatchKind.EXACT)
        .term(target == MatchTarget.WATCHLIST ? "Stripe" : "term")
        .matchedText("Stripe")
        .confidence(confidence)
        .field(EvidenceField.TITLE)
        .rule("test")
        .build();
  }

  private static TemporalAssessment timing(Urgency urgency, ActionWindow window) {
    return TemporalAssessment.builder()
        .assessedAt(NOW)
        .ageDays(1)
        .urgency(urgency)
        .window(window)
        .recommendedAction("test")
        .build();
  }
}
