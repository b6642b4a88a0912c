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
 * factors. Source reliability (0..1) is looked up by source id (see {@link #reliabilityOf});
 * sources not listed get {@link #defaultReliability()}. Suggested values: {@link
 * #REGULATORY_FILINGS} for SEC filings, {@link #COMPANY_NEWSROOM} for a company's own
 * announcements, {@link #ESTABLISHED_NEWS} for newspapers and trade press, {@link #AGGREGATOR} for
 * aggregators and search feeds. {@link #defaults()} maps every source that {@code
 * discovery-connectors} ships with its default id; see {@link #shippedSourceReliability()}.
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

  /**
   * Reliability of each source id, 0..1. A key ending in {@code ".*"} stands for a family of ids:
   * {@code "greenhouse.*"} covers {@code "greenhouse.acme"} and every other board.
   */
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

  /**
   * The reliability of a source: the entry of its exact id, else the entry of its family (the id up
   * to its first dot, then {@code ".*"}: {@code "lever.*"} for {@code "lever.acme"}), else {@link
   * #defaultReliability()}.
   */
  default double reliabilityOf(String sourceId) {
    Double exact = sourceReliability().get(sourceId);
    if (exact != null) {
      return exact;
    }
    int dot = sourceId.indexOf('.');
    if (dot > 0) {
      Double family = sourceReliability().get(sourceId.substring(0, dot) + ".*");
      if (family != null) {
        return family;
      }
    }
    return defaultReliability();
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

  /**
   * The default policy: the weights, bands and half-lives above, and the reliability of every
   * shipped source ({@link #shippedSourceReliability()}).
   */
  static ScoringPolicy defaults() {
    return builder().putAllSourceReliability(shippedSourceReliability()).build();
  }

  /**
   * The reliability of each source that {@code discovery-connectors} ships, by its default id or id
   * family. A source given an id of the host's own choosing ({@code .id(...)} on a builder, or an
   * id outside these families) gets {@link #defaultReliability()} unless the host adds it with
   * {@code putSourceReliability}.
   *
   * <table>
   *   <caption>Reliability of the shipped sources</caption>
   *   <tr><th>source</th><th>id</th><th>reliability</th><th>why</th></tr>
   *   <tr><td>SEC EDGAR filings</td><td>{@code sec-edgar}</td>
   *       <td>{@link #REGULATORY_FILINGS} 0.95</td><td>filed under legal liability</td></tr>
   *   <tr><td>Greenhouse job board</td><td>{@code greenhouse.*}</td>
   *       <td>{@link #COMPANY_NEWSROOM} 0.85</td><td>the company's own careers site</td></tr>
   *   <tr><td>Lever job board</td><td>{@code lever.*}</td>
   *       <td>{@link #COMPANY_NEWSROOM} 0.85</td><td>the company's own careers site</td></tr>
   *   <tr><td>Ashby job board</td><td>{@code ashby.*}</td>
   *       <td>{@link #COMPANY_NEWSROOM} 0.85</td><td>the company's own careers site</td></tr>
   *   <tr><td>RSS/Atom newsroom of a company</td><td>{@code newsroom.*}</td>
   *       <td>{@link #COMPANY_NEWSROOM} 0.85</td><td>the company's own announcements</td></tr>
   *   <tr><td>Sessionize speakers</td><td>{@code sessionize.*}</td>
   *       <td>{@link #COMPANY_NEWSROOM} 0.85</td><td>the event's own programme</td></tr>
   *   <tr><td>iCalendar feed</td><td>{@code ical.*}</td>
   *       <td>{@link #COMPANY_NEWSROOM} 0.85</td><td>the organiser's own calendar</td></tr>
   *   <tr><td>RSS/Atom feed (news, trade press)</td><td>{@code rss.*}</td>
   *       <td>{@link #ESTABLISHED_NEWS} 0.75</td><td>edited publications</td></tr>
   *   <tr><td>confs.tech conference list</td><td>{@code confs-tech.*}</td>
   *       <td>{@link #AGGREGATOR} 0.6</td><td>community-curated list</td></tr>
   *   <tr><td>Google News search</td><td>{@code google-news}</td>
   *       <td>{@link #AGGREGATOR} 0.6</td><td>search feed over any publisher</td></tr>
   *   <tr><td>GDELT news search</td><td>{@code gdelt}</td>
   *       <td>{@link #AGGREGATOR} 0.6</td><td>machine-collected from any publisher</td></tr>
   * </table>
   *
   * @return an immutable map from source id or id family to reliability
   */
  static Map<String, Double> shippedSourceReliability() {
    return Map.ofEntries(
        Map.entry("sec-edgar", REGULATORY_FILINGS),
        Map.entry("greenhouse.*", COMPANY_NEWSROOM),
        Map.entry("lever.*", COMPANY_NEWSROOM),
        Map.entry("ashby.*", COMPANY_NEWSROOM),
        Map.entry("newsroom.*", COMPANY_NEWSROOM),
        Map.entry("sessionize.*", COMPANY_NEWSROOM),
        Map.entry("ical.*", COMPANY_NEWSROOM),
        Map.entry("rss.*", ESTABLISHED_NEWS),
        Map.entry("confs-tech.*", AGGREGATOR),
        Map.entry("google-news", AGGREGATOR),
        Map.entry("gdelt", AGGREGATOR));
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ScoringPolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableScoringPolicy.Builder {}
}
