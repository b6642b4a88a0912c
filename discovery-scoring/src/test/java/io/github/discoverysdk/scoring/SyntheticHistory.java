package io.github.discoverysdk.scoring;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic synthetic opportunity histories with a known ground truth: each opportunity has a true
 * conversion probability that depends on its industry, signal type and factor scores, so learning
 * can be measured against what is actually true.
 */
final class SyntheticHistory {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final ProfileId PROFILE = ProfileId.of("acme", "p1");
  static final String[] INDUSTRIES = {"fintech", "retail", "health", "logistics"};
  static final String[] FACTORS = {
    "impact", "urgency", "fit", "access", "feasibility", "confidence"
  };
  static final double[] WEIGHTS = {0.25, 0.20, 0.20, 0.15, 0.10, 0.10};
  static final SignalType[] TYPES = {
    SignalType.EVENT, SignalType.NEWS, SignalType.FUNDING, SignalType.JOB_POSTING
  };

  /** An opportunity and its true conversion probability. */
  record Case(Opportunity opportunity, String industry, double truth) {}

  private final Random random;
  private int ids;

  SyntheticHistory(long seed) {
    this.random = new Random(seed);
  }

  List<Case> generate(int n) {
    List<Case> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  Case next() {
    String industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
    SignalType type = TYPES[random.nextInt(TYPES.length)];
    double[] values = new double[FACTORS.length];
    for (int f = 0; f < values.length; f++) {
      values[f] = 20 + random.nextDouble() * 80;
    }
    Integer days = type == SignalType.EVENT ? 3 + random.nextInt(90) : null;
    // The ground truth: industry matters most (which the score does not know), then access and
    // fit, and events close in time convert better.
    double logit =
        -2.2
            + (industry.equals("fintech") ? 2.2 : industry.equals("retail") ? -2.0 : 0)
            + 2.0 * values[3] / 100
            + 1.5 * values[2] / 100
            + (type == SignalType.FUNDING ? 0.8 : 0)
            + (days != null && days < 21 ? 0.7 : 0);
    double truth = 1 / (1 + Math.exp(-logit));
    return new Case(opportunity(industry, type, values, days), industry, truth);
  }

  boolean converts(Case c) {
    return random.nextDouble() < c.truth();
  }

  Opportunity opportunity(String industry, SignalType type, double[] values, Integer days) {
    int id = ++ids;
    List<ScoreFactor> factors = new ArrayList<>();
    double total = 0;
    for (int f = 0; f < FACTORS.length; f++) {
      double v = Math.round(values[f] * 100) / 100.0;
      double c = Math.round(v * WEIGHTS[f] * 100) / 100.0;
      total += c;
      factors.add(ScoreFactor.of(FACTORS[f], v, WEIGHTS[f], c, FACTORS[f] + " reason"));
    }
    total = Math.round(total * 100) / 100.0;
    TemporalAssessment.Builder t =
        TemporalAssessment.builder()
            .assessedAt(NOW)
            .ageDays(1)
            .urgency(Urgency.MEDIUM)
            .window(ActionWindow.OPEN)
            .recommendedAction("test");
    if (days != null) {
      t.daysUntilEvent(days);
    }
    String company = "Company" + (id % 37);
    return Opportunity.builder()
        .id(OpportunityId.of(PROFILE.tenant(), "o" + id))
        .profileId(PROFILE)
        .signalKey(SignalKey.of("source-" + (id % 3), "s" + id))
        .signalType(type)
        .title(company + " " + type)
        .company(company)
        .publishedAt(NOW)
        .occursAt(NOW)
        .score(
            Score.builder()
                .total(total)
                .strength(
                    total >= 70
                        ? SignalStrength.STRONG
                        : total >= 45 ? SignalStrength.MEDIUM : SignalStrength.WEAK)
                .factors(factors)
                .build())
        .addMatches(match(MatchTarget.WATCHLIST, company, random.nextDouble() < 0.3 ? 0.95 : 0.6))
        .addMatches(match(MatchTarget.INDUSTRY, industry, 1.0))
        .temporal(t.build())
        .signalHash("h" + id)
        .createdAt(NOW)
        .updatedAt(NOW)
        .lastSeenAt(NOW)
        .build();
  }

  private static Match match(MatchTarget target, String term, double confidence) {
    return Match.builder()
        .target(target)
        .kind(MatchKind.EXACT)
        .term(term)
        .matchedText(term)
        .confidence(confidence)
        .field(EvidenceField.TEXT)
        .rule("synthetic")
        .build();
  }
}
