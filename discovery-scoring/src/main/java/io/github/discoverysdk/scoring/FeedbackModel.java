package io.github.discoverysdk.scoring;

import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalStrength;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one profile's feedback says about the features of its opportunities ({@link
 * OpportunityFeatures}), learned from saves, dismissals with their reason, actions and outcomes,
 * each weighted by its age ({@link LearningPolicy#halfLife()}). Immutable and thread-safe; learn a
 * new model when feedback arrives.
 *
 * <p>Saves (+1), actions (+1.5) and conversions (+2) raise every feature of their opportunity; a
 * loss (-1) lowers them. A dismissal lowers what its reason blames: the industries for {@code
 * WRONG_INDUSTRY}, the company for {@code WRONG_COMPANY} (-2) or {@code ALREADY_KNOWN} (-0.5),
 * everything for {@code NOT_RELEVANT} (-1) or {@code OTHER} (-0.5), nothing for {@code TOO_LATE} (a
 * timing problem, not a content one). The same feedback on the same opportunity counts once,
 * however often it is recorded.
 *
 * <p>A feature's evidence is the decayed mean of the signs of the feedback on opportunities that
 * have it, shrunk towards 0 by {@link LearningPolicy#priorWeight()} pseudo-observations, so that a
 * single dismissal nudges and a consistent pattern moves. An opportunity's multiplier is {@code
 * exp(learningRate × Σ evidence)} over its features, clamped to the policy's bounds; features
 * nobody gave feedback on leave it at 1, and an explicit watchlist match never falls below the
 * policy's floor.
 */
public final class FeedbackModel {
  /** One piece of feedback with the opportunity it was given on. */
  public record Entry(Opportunity opportunity, Feedback feedback) {
    public Entry {
      Objects.requireNonNull(opportunity, "opportunity");
      Objects.requireNonNull(feedback, "feedback");
    }
  }

  private final LearningPolicy policy;
  private final Map<String, Double> evidence;

  private FeedbackModel(LearningPolicy policy, Map<String, Double> evidence) {
    this.policy = policy;
    this.evidence = Map.copyOf(evidence);
  }

  /** A model that changes nothing. */
  public static FeedbackModel empty(LearningPolicy policy) {
    return new FeedbackModel(Objects.requireNonNull(policy, "policy"), Map.of());
  }

  /**
   * Learns from a profile's feedback as of {@code now}. Feedback without a time ({@link
   * Feedback#at()}) counts as given now.
   */
  public static FeedbackModel learn(
      Collection<Entry> feedback, Instant now, LearningPolicy policy) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(policy, "policy");
    // The same feedback (opportunity, type, reason) counts once: keep its latest time.
    Map<String, Entry> unique = new LinkedHashMap<>();
    for (Entry e : feedback) {
      String key =
          e.opportunity().id()
              + "|"
              + e.feedback().type()
              + "|"
              + e.feedback().dismissReason().map(Enum::name).orElse("");
      Entry kept = unique.get(key);
      if (kept == null || time(e, now).isAfter(time(kept, now))) {
        unique.put(key, e);
      }
    }
    Map<String, Double> signed = new HashMap<>();
    Map<String, Double> weights = new HashMap<>();
    double halfLifeSeconds = policy.halfLife().toSeconds();
    for (Entry e : unique.values()) {
      double age = Math.max(0, Duration.between(time(e, now), now).toSeconds());
      double weight = Math.pow(0.5, age / halfLifeSeconds);
      for (String feature : OpportunityFeatures.of(e.opportunity())) {
        double sign = sign(e.feedback(), feature);
        if (sign != 0) {
          signed.merge(feature, sign * weight, Double::sum);
        }
        weights.merge(feature, weight, Double::sum);
      }
    }
    Map<String, Double> evidence = new HashMap<>();
    signed.forEach(
        (feature, sum) ->
            evidence.put(feature, sum / (weights.get(feature) + policy.priorWeight())));
    return new FeedbackModel(policy, evidence);
  }

  private static Instant time(Entry e, Instant now) {
    return e.feedback().at().orElse(now);
  }

  private static double sign(Feedback f, String feature) {
    return switch (f.type()) {
      case SAVE -> 1;
      case ACTIONED -> 1.5;
      case CONVERTED -> 2;
      case LOST -> -1;
      case DISMISS -> dismissal(f.dismissReason().orElse(DismissReason.NOT_RELEVANT), feature);
    };
  }

  private static double dismissal(DismissReason reason, String feature) {
    return switch (reason) {
      case NOT_RELEVANT -> -1;
      case OTHER -> -0.5;
      case WRONG_INDUSTRY -> OpportunityFeatures.isKind(feature, "industry") ? -2 : 0;
      case WRONG_COMPANY -> OpportunityFeatures.isKind(feature, "company") ? -2 : 0;
      case ALREADY_KNOWN -> OpportunityFeatures.isKind(feature, "company") ? -0.5 : 0;
      case TOO_LATE -> 0;
    };
  }

  /** A model of evidence kept elsewhere (see {@link FeedbackLearner}). */
  static FeedbackModel of(LearningPolicy policy, Map<String, Double> evidence) {
    return new FeedbackModel(policy, evidence);
  }

  /** Whether the model would change nothing. */
  boolean isEmpty() {
    return evidence.isEmpty();
  }

  /** The sign one piece of feedback gives a feature, see the class comment. */
  static double signOf(Feedback f, String feature) {
    return sign(f, feature);
  }

  /** The decayed evidence per feature; positive raises, negative lowers. */
  public Map<String, Double> evidence() {
    return evidence;
  }

  /** The factor by which learning scales an opportunity's score, within the policy's bounds. */
  public double multiplier(Opportunity o) {
    return multiplier(OpportunityFeatures.of(o));
  }

  private double multiplier(Set<String> features) {
    double sum = 0;
    for (String f : features) {
      sum += evidence.getOrDefault(f, 0.0);
    }
    double m = Math.exp(policy.learningRate() * sum);
    return Math.max(policy.minMultiplier(), Math.min(policy.maxMultiplier(), m));
  }

  /**
   * The opportunity's score adjusted by what was learned: every factor scaled alike, so the
   * breakdown still adds up, plus a zero-weight {@code feedback} factor that says why. Unchanged
   * when nothing learned applies. The band is recomputed with the scoring policy's thresholds.
   */
  public Score adjust(Opportunity o, ScoringPolicy scoring) {
    return adjust(
        o.score(),
        OpportunityFeatures.of(o),
        OpportunityFeatures.hasWatchlistMatch(o, policy.explicitWatchlistConfidence()),
        scoring);
  }

  /** {@link #adjust(Opportunity, ScoringPolicy)} for a score not yet part of an opportunity. */
  Score adjust(Score base, Set<String> features, boolean explicitWatchlist, ScoringPolicy scoring) {
    double m = multiplier(features);
    if (m == 1.0 || base.total() == 0) {
      return base;
    }
    double target = base.total() * m;
    if (explicitWatchlist) {
      target = Math.max(target, Math.min(base.total(), policy.watchlistFloor()));
    }
    double scale = Math.min(100, target) / base.total();
    List<ScoreFactor> factors = new ArrayList<>();
    double total = 0;
    for (ScoreFactor f : base.factors()) {
      double value = round(Math.min(100, f.value() * scale));
      double contribution = round(value * f.weight());
      total += contribution;
      factors.add(ScoreFactor.of(f.name(), value, f.weight(), contribution, f.reason()));
    }
    total = round(total);
    factors.add(
        ScoreFactor.of(
            "feedback",
            Math.min(100, round(50 * m)),
            0,
            0,
            String.format(
                Locale.ROOT,
                "%s x%.2f by your feedback on %s",
                m > 1 ? "Raised" : "Lowered",
                m,
                strongest(features))));
    SignalStrength band =
        total >= scoring.strongFrom()
            ? SignalStrength.STRONG
            : total >= scoring.mediumFrom() ? SignalStrength.MEDIUM : SignalStrength.WEAK;
    return Score.builder().total(total).strength(band).factors(factors).build();
  }

  private String strongest(Set<String> features) {
    return features.stream()
        .filter(evidence::containsKey)
        .sorted(Comparator.comparingDouble((String f) -> -Math.abs(evidence.get(f))))
        .limit(2)
        .reduce((a, b) -> a + " and " + b)
        .orElse("similar opportunities");
  }

  private static double round(double x) {
    return Math.round(x * 100.0) / 100.0;
  }
}
