package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FactorScorerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private final Scorer scorer = Scoring.defaults();

  private final Profile profile =
      Profile.builder()
          .tenant("acme")
          .owner("u1")
          .name("Fintech")
          .addIndustries("fintech")
          .addRegions("EMEA")
          .addTargetTitles("VP Sales")
          .addWatchlist(Company.of("Stripe", "stripe.com"))
          .addKeywords("payments")
          .build();

  @Test
  void breakdownAlwaysAddsUpToTheTotalForThousandsOfGeneratedInputs() {
    Random random = new Random(42);
    MatchTarget[] targets = MatchTarget.values();
    SignalType[] types = SignalType.values();
    for (int i = 0; i < 5_000; i++) {
      List<Match> matches = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      matches.add(match(targets[random.nextInt(4)], random.nextDouble(), EvidenceField.TEXT, 0));
      for (int k = 1; k < n; k++) {
        matches.add(
            match(
                targets[random.nextInt(targets.length)],
                random.nextDouble(),
                EvidenceField.TEXT,
                0));
      }
      Signal signal =
          signal(types[random.nextInt(types.length)], Duration.ofHours(random.nextInt(24 * 60)));
      TemporalAssessment t =
          timing(
              Urgency.values()[random.nextInt(Urgency.values().length)],
              ActionWindow.values()[random.nextInt(ActionWindow.values().length)],
              random.nextBoolean() ? random.nextInt(120) : null);

      Score score = scorer.score(input(signal, matches, t));

      double sum = score.factors().stream().mapToDouble(ScoreFactor::contribution).sum();
      assertThat(score.total()).isCloseTo(sum, within(0.01)).isBetween(0.0, 100.0);
      assertThat(score.factors())
          .extracting(ScoreFactor::name)
          .containsExactly("impact", "urgency", "fit", "access", "feasibility", "confidence");
      assertThat(score.factors()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
      SignalStrength expected =
          score.total() >= 70
              ? SignalStrength.STRONG
              : score.total() >= 45 ? SignalStrength.MEDIUM : SignalStrength.WEAK;
      assertThat(score.strength()).isEqualTo(expected);
    }
  }

  @Test
  void theAccountsRoleDrivesImpact() {
    TemporalAssessment t = timing(Urgency.HIGH, ActionWindow.OPEN, null);
    Signal funding =
        Signal.builder()
            .from(signal(SignalType.FUNDING, Duration.ofHours(2)))
            .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SUBJECT))
            .build();
    Score subject =
        scorer.score(
            input(
                funding,
                List.of(match(MatchTarget.WATCHLIST, 0.95, EvidenceField.ORGANIZATION, 0)),
                t));
    Score inText =
        scorer.score(
            input(funding, List.of(match(MatchTarget.WATCHLIST, 0.8, EvidenceField.TEXT, 5)), t));
    Score keywordOnly =
        scorer.score(
            input(funding, List.of(match(MatchTarget.KEYWORD, 0.7, EvidenceField.TEXT, 5)), t));

    assertThat(value(subject, "impact")).isEqualTo(90);
    assertThat(reason(subject, "impact"))
        .isEqualTo("Watchlist company Stripe as subject of a funding signal");
    assertThat(value(inText, "impact")).isLessThan(value(subject, "impact"));
    assertThat(value(keywordOnly, "impact")).isLessThan(value(inText, "impact"));
  }

  @Test
  void aNamedContactWithATargetTitleBeatsACompanyMention() {
    TemporalAssessment t = timing(Urgency.HIGH, ActionWindow.OPEN, 12);
    Signal event =
        Signal.builder()
            .from(signal(SignalType.EVENT, Duration.ofDays(2)))
            .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SPONSOR))
            .addPeople(
                PersonMention.builder()
                    .name("Ana Ruiz")
                    .title("VP, Sales")
                    .employer("Stripe")
                    .build())
            .build();
    Match sponsor = match(MatchTarget.WATCHLIST, 0.95, EvidenceField.ORGANIZATION, 0);
    Match speaker = match(MatchTarget.TITLE, 0.9, EvidenceField.PERSON, 0);

    Score withContact = scorer.score(input(event, List.of(sponsor, speaker), t));
    Score companyOnly = scorer.score(input(event, List.of(sponsor), t));

    assertThat(value(withContact, "access")).isEqualTo(100);
    assertThat(reason(withContact, "access")).isEqualTo("Named contact Ana Ruiz, VP Sales");
    assertThat(value(companyOnly, "access")).isEqualTo(65);
    assertThat(withContact.total()).isGreaterThan(companyOnly.total());
  }

  @Test
  void urgencyOfUndatedSignalsHalvesAfterTheTypesHalfLife() {
    TemporalAssessment t = timing(Urgency.MEDIUM, ActionWindow.OPEN, null);
    List<Match> m = List.of(match(MatchTarget.WATCHLIST, 0.9, EvidenceField.TEXT, 0));

    double fresh =
        value(scorer.score(input(signal(SignalType.NEWS, Duration.ZERO), m, t)), "urgency");
    double oneHalfLife =
        value(scorer.score(input(signal(SignalType.NEWS, Duration.ofDays(3)), m, t)), "urgency");
    double fundingSameAge =
        value(scorer.score(input(signal(SignalType.FUNDING, Duration.ofDays(3)), m, t)), "urgency");

    assertThat(fresh).isEqualTo(100);
    assertThat(oneHalfLife).isEqualTo(50);
    assertThat(fundingSameAge).isGreaterThan(oneHalfLife);
  }

  @Test
  void sourceReliabilityScalesConfidence() {
    Scorer custom =
        Scoring.withPolicy(
            ScoringPolicy.builder()
                .putSourceReliability("sec-edgar", ScoringPolicy.REGULATORY_FILINGS)
                .putSourceReliability("aggregator", ScoringPolicy.AGGREGATOR)
                .build());
    TemporalAssessment t = timing(Urgency.HIGH, ActionWindow.OPEN, null);
    List<Match> m = List.of(match(MatchTarget.WATCHLIST, 1.0, EvidenceField.TEXT, 0));

    Score sec = custom.score(input(signal("sec-edgar", SignalType.FILING, Duration.ZERO), m, t));
    Score agg = custom.score(input(signal("aggregator", SignalType.FILING, Duration.ZERO), m, t));

    assertThat(value(sec, "confidence")).isEqualTo(95);
    assertThat(value(agg, "confidence")).isEqualTo(60);
    assertThat(reason(sec, "confidence"))
        .isEqualTo("Match confidence 1.00, source sec-edgar reliability 0.95");
  }

  @Test
  void aClosedWindowScoresLowerThanAnOpenOne() {
    List<Match> m = List.of(match(MatchTarget.WATCHLIST, 0.95, EvidenceField.TEXT, 0));
    Signal event = signal(SignalType.EVENT, Duration.ofDays(1));
    Score closed = scorer.score(input(event, m, timing(Urgency.LOW, ActionWindow.CLOSED, -1)));
    Score open = scorer.score(input(event, m, timing(Urgency.CRITICAL, ActionWindow.OPEN, 4)));

    assertThat(open.total()).isGreaterThan(closed.total());
    assertThat(value(closed, "feasibility")).isZero();
  }

  @Test
  void fitCountsOnlyThePreferencesTheProfileHas() {
    TemporalAssessment t = timing(Urgency.MEDIUM, ActionWindow.OPEN, null);
    Signal s = signal(SignalType.NEWS, Duration.ZERO);
    Match company = match(MatchTarget.WATCHLIST, 0.9, EvidenceField.TEXT, 0);
    Score all =
        scorer.score(
            input(
                s,
                List.of(
                    company,
                    match(MatchTarget.INDUSTRY, 1, EvidenceField.INDUSTRY, 0),
                    match(MatchTarget.REGION, 1, EvidenceField.REGION, 0),
                    match(MatchTarget.TITLE, 0.9, EvidenceField.TEXT, 0)),
                t));
    Score none = scorer.score(input(s, List.of(company), t));

    assertThat(value(all, "fit")).isEqualTo(100);
    assertThat(value(none, "fit")).isZero();
    assertThat(reason(none, "fit")).isEqualTo("no match on industry, region, title");
  }

  @Test
  void thePolicyIsValidatedNamingTheBadValue() {
    assertThatThrownBy(() -> ScoringPolicy.builder().impactWeight(0.5).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("the six factor weights must add up to 1");
    assertThatThrownBy(() -> ScoringPolicy.builder().putSourceReliability("x", 1.5).build())
        .hasMessage("sourceReliability[x] must be between 0 and 1, was 1.5");
    assertThatThrownBy(
            () -> ScoringPolicy.builder().putHalfLives(SignalType.NEWS, Duration.ZERO).build())
        .hasMessage("halfLives[NEWS] must be positive, was PT0S");
    assertThatThrownBy(() -> ScoringPolicy.builder().strongFrom(40).build())
        .hasMessageContaining("0 <= mediumFrom <= strongFrom <= 100");
    assertThat(ScoringPolicy.defaults().halfLives())
        .containsEntry(SignalType.NEWS, Duration.ofDays(3));
    assertThat(ScoringPolicy.defaults().sourceReliability())
        .isEqualTo(ScoringPolicy.shippedSourceReliability());
  }

  @Test
  void aSourceIsWeighedByItsExactIdThenItsFamilyThenTheDefault() {
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .putSourceReliability("lever.*", 0.8)
            .putSourceReliability("lever.special", 0.3)
            .build();

    assertThat(policy.reliabilityOf("lever.acme")).isEqualTo(0.8);
    assertThat(policy.reliabilityOf("lever.special")).isEqualTo(0.3);
    assertThat(policy.reliabilityOf("lever")).isEqualTo(0.7);
    assertThat(policy.reliabilityOf("leverage.acme")).isEqualTo(0.7);
    assertThat(ScoringPolicy.defaults().reliabilityOf("sec-edgar")).isEqualTo(0.95);
    assertThat(ScoringPolicy.defaults().reliabilityOf("google-news")).isEqualTo(0.6);
    assertThat(ScoringPolicy.defaults().reliabilityOf("greenhouse.vaulttec")).isEqualTo(0.85);
  }

  private static double value(Score s, String factor) {
    return s.factors().stream()
        .filter(f -> f.name().equals(factor))
        .findFirst()
        .orElseThrow()
        .value();
  }

  private static String reason(Score s, String factor) {
    return s.factors().stream()
        .filter(f -> f.name().equals(factor))
        .findFirst()
        .orElseThrow()
        .reason();
  }

  private ScoringInput input(Signal signal, List<Match> matches, TemporalAssessment t) {
    return ScoringInput.builder()
        .profile(profile)
        .signal(signal)
        .matches(matches)
        .temporal(t)
        .now(NOW)
        .build();
  }

  private static Signal signal(SignalType type, Duration age) {
    return signal("news-feed", type, age);
  }

  private static Signal signal(String source, SignalType type, Duration age) {
    return Signal.builder()
        .key(SignalKey.of(source, "1"))
        .type(type)
        .title("Stripe expands in Europe")
        .publishedAt(NOW.minus(age))
        .observedAt(NOW)
        .build();
  }

  private static Match match(
      MatchTarget target, double confidence, EvidenceField field, int start) {
    return Match.builder()
        .target(target)
        .kind(MatchKind.EXACT)
        .term(
            target == MatchTarget.WATCHLIST
                ? "Stripe"
                : target == MatchTarget.TITLE ? "VP Sales" : "term")
        .matchedText(target == MatchTarget.TITLE ? "VP Sales" : "Stripe")
        .confidence(confidence)
        .field(field)
        .start(start)
        .rule("test")
        .build();
  }

  private static TemporalAssessment timing(Urgency urgency, ActionWindow window, Integer days) {
    TemporalAssessment.Builder b =
        TemporalAssessment.builder()
            .assessedAt(NOW)
            .ageDays(1)
            .urgency(urgency)
            .window(window)
            .recommendedAction("test");
    if (days != null) {
      b.daysUntilEvent(days);
    }
    return b.build();
  }
}
