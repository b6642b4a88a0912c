package io.github.discoverysdk.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * An opportunity's relevance 0..100 with the factors it is made of. The factors' contributions
 * always add up to {@link #total()} (to within 0.01, rounding). Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Score {
  double total();

  SignalStrength strength();

  List<ScoreFactor> factors();

  /** The factors' reasons, strongest contribution first. */
  default List<String> reasons() {
    return factors().stream()
        .sorted((a, b) -> Double.compare(b.contribution(), a.contribution()))
        .map(ScoreFactor::reason)
        .toList();
  }

  @Value.Check
  default void check() {
    Checks.range("score.total", total(), 0, 100);
    if (!factors().isEmpty()) {
      double sum = factors().stream().mapToDouble(ScoreFactor::contribution).sum();
      if (Math.abs(sum - total()) > 0.01) {
        throw new io.github.discoverysdk.ValidationException(
            "score.factors must add up to score.total, " + sum + " != " + total());
      }
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableScore.Builder {
    @Override
    public Score build() {
      return Checks.build("Score", super::build);
    }
  }
}
