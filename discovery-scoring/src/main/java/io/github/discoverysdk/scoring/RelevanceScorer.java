package io.github.discoverysdk.scoring;

import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import io.github.discoverysdk.temporal.ActionWindow;
import io.github.discoverysdk.temporal.TemporalAssessment;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A basic relevance scorer: how strong the best match is, how well the signal fits the profile's
 * industries and regions, how timely it is, and how much its type tends to matter to sellers.
 * Contributions are rounded to two decimals and the total is their sum, so the breakdown always
 * adds up. Stateless and thread-safe.
 */
final class RelevanceScorer implements Scorer {
  static final double MATCH_WEIGHT = 0.45;
  static final double FIT_WEIGHT = 0.20;
  static final double TIMING_WEIGHT = 0.20;
  static final double TYPE_WEIGHT = 0.15;
  static final double STRONG_FROM = 70;
  static final double MEDIUM_FROM = 45;

  @Override
  public Score score(ScoringInput input) {
    List<ScoreFactor> factors =
        List.of(
            matchFactor(input.matches()),
            fitFactor(input.profile(), input.matches()),
            timingFactor(input.temporal()),
            typeFactor(input.signal().type()));
    double total = 0;
    for (ScoreFactor f : factors) {
      total += f.contribution();
    }
    total = round(total);
    SignalStrength strength =
        total >= STRONG_FROM
            ? SignalStrength.STRONG
            : total >= MEDIUM_FROM ? SignalStrength.MEDIUM : SignalStrength.WEAK;
    return Score.builder().total(total).strength(strength).factors(factors).build();
  }

  private static ScoreFactor matchFactor(List<Match> matches) {
    Optional<Match> best =
        matches.stream()
            .filter(m -> m.target().isAnchor())
            .max(Comparator.comparingDouble(m -> m.confidence() * targetWeight(m.target())));
    if (best.isEmpty()) {
      return factor("match", 0, MATCH_WEIGHT, "No direct match");
    }
    Match m = best.get();
    double value = 100 * m.confidence() * targetWeight(m.target());
    long anchors = matches.stream().filter(x -> x.target().isAnchor()).count();
    // Corroborating evidence (a second company, a title) adds a little, never more than the cap.
    value = Math.min(100, value + 5 * (anchors - 1));
    String what =
        switch (m.target()) {
          case WATCHLIST -> "Watchlist company " + m.term();
          case COMPETITOR -> "Competitor " + m.term();
          case TITLE -> "Target title " + m.term() + " (" + m.matchedText() + ")";
          case KEYWORD -> "Keyword \"" + m.term() + "\"";
          default -> m.term();
        };
    return factor(
        "match",
        value,
        MATCH_WEIGHT,
        String.format(
            Locale.ROOT,
            "%s in %s (confidence %.2f)%s",
            what,
            m.field().name().toLowerCase(Locale.ROOT),
            m.confidence(),
            anchors > 1 ? ", plus " + (anchors - 1) + " more" : ""));
  }

  private static double targetWeight(MatchTarget target) {
    return switch (target) {
      case WATCHLIST -> 1.0;
      case COMPETITOR -> 0.9;
      case TITLE -> 0.8;
      case KEYWORD -> 0.7;
      default -> 0.5;
    };
  }

  private static ScoreFactor fitFactor(Profile profile, List<Match> matches) {
    boolean industry = matches.stream().anyMatch(m -> m.target() == MatchTarget.INDUSTRY);
    boolean region = matches.stream().anyMatch(m -> m.target() == MatchTarget.REGION);
    double value =
        part(profile.industries().isEmpty(), industry) + part(profile.regions().isEmpty(), region);
    String reason;
    if (industry && region) {
      reason = "In a target industry and region";
    } else if (industry) {
      reason = "In a target industry";
    } else if (region) {
      reason = "In a target region";
    } else if (profile.industries().isEmpty() && profile.regions().isEmpty()) {
      reason = "No industry or region preference";
    } else {
      reason = "Outside the target industries and regions, or unknown";
    }
    return factor("fit", value, FIT_WEIGHT, reason);
  }

  /** Half of the fit: full if it matched, neutral without a preference, low otherwise. */
  private static double part(boolean noPreference, boolean matched) {
    return matched ? 50 : noPreference ? 30 : 10;
  }

  private static ScoreFactor timingFactor(TemporalAssessment t) {
    double value;
    if (t.window() == ActionWindow.CLOSED) {
      value = 5;
    } else {
      value =
          switch (t.urgency()) {
            case CRITICAL -> 100;
            case HIGH -> 80;
            case MEDIUM -> 55;
            case LOW -> 30;
          };
    }
    String reason =
        t.daysUntilEvent().isPresent()
            ? String.format(
                Locale.ROOT,
                "%s urgency, event in %d days, window %s",
                t.urgency(),
                t.daysUntilEvent().getAsLong(),
                t.window())
            : String.format(
                Locale.ROOT,
                "%s urgency, published %d days ago, window %s",
                t.urgency(),
                t.ageDays(),
                t.window());
    return factor("timing", value, TIMING_WEIGHT, reason);
  }

  private static ScoreFactor typeFactor(SignalType type) {
    double value =
        switch (type) {
          case FUNDING -> 90;
          case LEADERSHIP_CHANGE -> 85;
          case EVENT -> 75;
          case FILING -> 70;
          case JOB_POSTING -> 65;
          case PARTNERSHIP, PRODUCT_LAUNCH -> 60;
          case NEWS -> 55;
          case CRM_CHANGE -> 50;
          case OTHER -> 40;
        };
    return factor(
        "signal",
        value,
        TYPE_WEIGHT,
        type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " signal");
  }

  private static ScoreFactor factor(String name, double value, double weight, String reason) {
    double v = round(Math.max(0, Math.min(100, value)));
    return ScoreFactor.of(name, v, weight, round(v * weight), reason);
  }

  private static double round(double x) {
    return Math.round(x * 100.0) / 100.0;
  }
}
