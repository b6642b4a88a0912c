package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Weights, bands, source reliabilities and recency half-lives of the factor scorer. Immutable,
 * thread-safe, validated when built: an invalid value fails with a {@link ValidationException}
 * naming it.
 *
 * <p>The six factor weights must add up to 1, so that the total stays on the 0..100 scale of the
 * factors. Source reliability (0..1) is looked up by source id; sources not listed get {@link
 * #defaultReliability()}. Suggested values: {@link #REGULATORY_FILINGS} for SEC filings, {@link
 * #COMPANY_NEWSROOM} for a company's own announcements, {@link #ESTABLISHED_NEWS} for newspapers
 * and trade press, {@link #AGGREGATOR} for aggregators and search feeds.
 */
@Value.Immutable
@DiscoveryStyle
public interface ScoringPolicy {
  /** Reliability of regulatory filings (SEC EDGAR): 0.95. */
  double REGULATORY_FILINGS = 0.95;

  /** Reliability of a company's own newsroom, careers site or event page: 0.85. */
  double COMPANY_NEWSROOM = 0.85;

  /** Reliability of established news and trade press: 0.75. */
  double ESTABLISHED_NEWS = 0.75;

  /** Reliability of aggregators and search feeds: 0.6. */
  double AGGREGATOR = 0.6;

  /** How much the signal could matter to the account: its type and the account's role. 0.25. */
  @Value.Default
  default double impactWeight() {
    return 0.25;
  }

  /** How soon to act: the temporal assessment and recency. 0.20. */
  @Value.Default
  default double urgencyWeight() {
    return 0.20;
  }

  /** How well it fits the profile: industry, region, title. 0.20. */
  @Value.Default
  default double fitWeight() {
    return 0.20;
  }

  /** How reachable: a named person with a target title beats a company mention. 0.15. */
  @Value.Default
  default double accessWeight() {
    return 0.15;
  }

  /** Whether action is still possible: the action window. 0.10. */
  @Value.Default
  default double feasibilityWeight() {
    return 0.10;
  }

  /** How sure we are: match confidence times source reliability. 0.10. */
  @Value.Default
  default double confidenceWeight() {
    return 0.10;
  }

  /** A total at or above this is STRONG. Default 70. */
  @Value.Default
  default double strongFrom() {
    return 70;
  }

  /** A total at or above this (and below {@link #strongFrom()}) is MEDIUM. Default 45. */
  @Value.Default
  default double mediumFrom() {
    return 45;
  }

  /** Reliability of each source id, 0..1. */
  Map<String, Double> sourceReliability();

  /** Reliability of sources not in {@link #sourceReliability()}. Default 0.7. */
  @Value.Default
  default double defaultReliability() {
    return 0.7;
  }

  /**
   * Half-life of a signal's urgency by type, for signals without an event date: after one half-life
   * since publication the urgency factor is halved. Defaults: news 3 days, product launches and
   * partnerships 5 days, funding and filings 14 days, job postings 21 days, leadership changes 30
   * days; other types {@link #defaultHalfLife()}.
   */
  @Value.Default
  default Map<SignalType, Duration> halfLives() {
    Map<SignalType, Duration> m = new EnumMap<>(SignalType.class);
    m.put(SignalType.NEWS, Duration.ofDays(3));
    m.put(SignalType.PRODUCT_LAUNCH, Duration.ofDays(5));
    m.put(SignalType.PARTNERSHIP, Duration.ofDays(5));
    m.put(SignalType.FUNDING, Duration.ofDays(14));
    m.put(SignalType.FILING, Duration.ofDays(14));
    m.put(SignalType.JOB_POSTING, Duration.ofDays(21));
    m.put(SignalType.LEADERSHIP_CHANGE, Duration.ofDays(30));
    return m;
  }

  /** Half-life of types without their own. Default 7 days. */
  @Value.Default
  default Duration defaultHalfLife() {
    return Duration.ofDays(7);
  }

  /** The reliability of a source. */
  default double reliabilityOf(String sourceId) {
    return sourceReliability().getOrDefault(sourceId, defaultReliability());
  }

  /** The half-life of a signal type. */
  default Duration halfLifeOf(SignalType type) {
    return halfLives().getOrDefault(type, defaultHalfLife());
  }

  @Value.Check
  default void check() {
    double[] weights = {
      impactWeight(),
      urgencyWeight(),
      fitWeight(),
      accessWeight(),
      feasibilityWeight(),
      confidenceWeight()
    };
    String[] names = {
      "impactWeight",
      "urgencyWeight",
      "fitWeight",
      "accessWeight",
      "feasibilityWeight",
      "confidenceWeight"
    };
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      unit(names[i], weights[i]);
      sum += weights[i];
    }
    if (Math.abs(sum - 1.0) > 1e-9) {
      throw new ValidationException(
          "the six factor weights must add up to 1, they add up to " + sum);
    }
    if (!(mediumFrom() >= 0 && mediumFrom() <= strongFrom() && strongFrom() <= 100)) {
      throw new ValidationException(
          "0 <= mediumFrom <= strongFrom <= 100 must hold, was "
              + mediumFrom()
              + ", "
              + strongFrom());
    }
    unit("defaultReliability", defaultReliability());
    sourceReliability().forEach((id, r) -> unit("sourceReliability[" + id + "]", r));
    Require.positive("defaultHalfLife", defaultHalfLife());
    halfLives().forEach((type, d) -> Require.positive("halfLives[" + type + "]", d));
  }

  private static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new ValidationException(name + " must be between 0 and 1, was " + v);
    }
  }

  static ScoringPolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ScoringPolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableScoringPolicy.Builder {}
}
