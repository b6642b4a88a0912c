package io.github.discoverysdk.model;

import org.immutables.value.Value;

/**
 * One factor of a {@link Score}: its value 0..100, its weight, its contribution to the total and a
 * one-line reason a seller can read. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface ScoreFactor {
  @Value.Parameter
  String name();

  /** 0..100. */
  @Value.Parameter
  double value();

  /** 0..1. */
  @Value.Parameter
  double weight();

  /** This factor's part of {@link Score#total()}. */
  @Value.Parameter
  double contribution();

  @Value.Parameter
  String reason();

  @Value.Check
  default void check() {
    Checks.notBlank("factor.name", name());
    Checks.range("factor.value", value(), 0, 100);
    Checks.unitInterval("factor.weight", weight());
    Checks.range("factor.contribution", contribution(), 0, 100);
  }

  static ScoreFactor of(
      String name, double value, double weight, double contribution, String reason) {
    return Checks.build(
        "ScoreFactor", () -> ImmutableScoreFactor.of(name, value, weight, contribution, reason));
  }
}
