package io.github.discoverysdk.scoring;

import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The categorical features of an opportunity that feedback learning and conversion prediction look
 * at: {@code type:funding}, {@code source:sec-edgar}, {@code company:stripe}, {@code
 * industry:fintech}, {@code region:emea}, {@code title:vp sales}, {@code keyword:...}. Stateless.
 */
public final class OpportunityFeatures {
  private OpportunityFeatures() {}

  /** The features of an opportunity, in a stable order. */
  public static Set<String> of(Opportunity o) {
    return of(o.signalType(), o.signalKey().sourceId(), o.matches());
  }

  /** The features of a signal of this type and source with these matches. */
  public static Set<String> of(SignalType type, String sourceId, List<Match> matches) {
    Set<String> out = new LinkedHashSet<>();
    out.add("type:" + lower(type.name()));
    out.add("source:" + lower(sourceId));
    for (Match m : matches) {
      String prefix =
          switch (m.target()) {
            case WATCHLIST, COMPETITOR -> "company:";
            case INDUSTRY -> "industry:";
            case REGION -> "region:";
            case TITLE -> "title:";
            case KEYWORD -> "keyword:";
          };
      out.add(prefix + lower(m.term()));
    }
    return out;
  }

  /**
   * Whether a feature is of the given kind, for example {@code isKind("industry:x", "industry")}.
   */
  static boolean isKind(String feature, String kind) {
    return feature.startsWith(kind + ":");
  }

  /** The value 0..1 of a named score factor of the opportunity, 0 when absent. */
  static double factor(Opportunity o, String name) {
    for (ScoreFactor f : o.score().factors()) {
      if (f.name().equals(name)) {
        return f.value() / 100.0;
      }
    }
    return 0;
  }

  /** Whether the opportunity has an explicit watchlist match at or above a confidence. */
  static boolean hasWatchlistMatch(Opportunity o, double minConfidence) {
    return hasWatchlistMatch(o.matches(), minConfidence);
  }

  static boolean hasWatchlistMatch(List<Match> matches, double minConfidence) {
    return matches.stream()
        .anyMatch(m -> m.target() == MatchTarget.WATCHLIST && m.confidence() >= minConfidence);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
