package io.github.discoverysdk.playbook;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.support.Fields;
import org.immutables.value.Value;

/**
 * A condition of a {@link PlaybookRule} on one score factor: the card's factor {@link #factor()}
 * has a value (0..100, see {@link ScoreFactor#value()}) of at least {@link #atLeast()}. A card
 * without that factor does not meet it. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface FactorCondition {
  /** The factor's name, as in {@link ScoreFactor#name()}. */
  @Value.Parameter
  String factor();

  /** The least value, 0..100. */
  @Value.Parameter
  double atLeast();

  @Value.Check
  default void check() {
    Fields.identifier("factorCondition.factor", factor(), 100);
    if (!(atLeast() >= 0 && atLeast() <= 100)) {
      throw new io.github.discoverysdk.ValidationException(
          "factorCondition.atLeast must be between 0 and 100, was " + atLeast());
    }
  }

  /** The factor {@code factor} is at least {@code value}. */
  static FactorCondition atLeast(String factor, double value) {
    return Fields.build("FactorCondition", () -> ImmutableFactorCondition.of(factor, value));
  }
}
