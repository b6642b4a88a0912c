package io.github.discoverysdk.model;

import java.util.Collection;
import org.immutables.value.Value;

/**
 * One piece of evidence that a signal concerns a profile: what matched, how, how sure, and where.
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Match {
  MatchTarget target();

  MatchKind kind();

  /** The profile's term that matched: the watchlist company's name, a title, a keyword. */
  String term();

  /** The signal's text that matched, as written there. */
  String matchedText();

  /** 0..1; see the matching package for how evidence orders it. */
  double confidence();

  EvidenceField field();

  /**
   * Start of the matched text in the field (a character offset, or for structured fields the index
   * of the organisation or person).
   */
  @Value.Default
  default int start() {
    return 0;
  }

  /** End (exclusive) of the matched text in the field. */
  @Value.Default
  default int end() {
    return start() + matchedText().length();
  }

  /** Short name of the rule that made the match, for explanations and debugging. */
  String rule();

  @Value.Check
  default void check() {
    Checks.notBlank("match.term", term());
    Checks.unitInterval("match.confidence", confidence());
    if (start() < 0 || end() < start()) {
      throw new io.github.discoverysdk.ValidationException(
          "match span must satisfy 0 <= start <= end, was " + start() + ".." + end());
    }
  }

  /**
   * The highest confidence among anchor matches ({@link MatchTarget#isAnchor()}), 0 when there is
   * none: how sure a set of matches is that the signal concerns the profile.
   */
  static double bestAnchorConfidence(Collection<Match> matches) {
    double best = 0;
    for (Match m : matches) {
      if (m.target().isAnchor()) {
        best = Math.max(best, m.confidence());
      }
    }
    return best;
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableMatch.Builder {
    @Override
    public Match build() {
      return Checks.build("Match", super::build);
    }
  }
}
