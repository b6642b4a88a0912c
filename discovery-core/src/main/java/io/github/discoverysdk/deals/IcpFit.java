package io.github.discoverysdk.deals;

import io.github.discoverysdk.deals.IcpTrait.Kind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An opportunity's fit with the ideal customer, as one factor of its score: the share of the ICP's
 * account traits (industry, size band, country, technologies, each weighted by its lift) that the
 * opportunity's company attributes have, 0..100, weighted {@value #WEIGHT}. The factor is added to
 * the score's others, never scaling them, so re-scoring under the same ICP changes nothing and a
 * new ICP moves only the opportunities whose fit changed. A score without factors is left as it is.
 * Stateless and thread-safe.
 */
final class IcpFit {
  /** The factor's name in {@link Score#factors()}. */
  static final String FACTOR = "icp_fit";

  /** The factor's weight: at most 15 points of the total. */
  static final double WEIGHT = 0.15;

  private static final Set<Kind> ACCOUNT_KINDS =
      EnumSet.of(Kind.INDUSTRY, Kind.COMPANY_SIZE, Kind.REGION, Kind.TECHNOLOGY);

  private IcpFit() {}

  /**
   * The opportunity's score with its ICP factor for {@code icp}: replaced, added, or removed when
   * the ICP has no account trait with a positive lift or the company has no attributes; the score
   * itself when its factors stay the same.
   */
  static Score rescore(Opportunity o, Icp icp) {
    if (o.score().factors().isEmpty()) {
      // A score without its breakdown cannot take one more factor and still add up.
      return o.score();
    }
    List<ScoreFactor> others = new ArrayList<>();
    double rest = 0;
    for (ScoreFactor f : o.score().factors()) {
      if (!f.name().equals(FACTOR)) {
        others.add(f);
        rest += f.contribution();
      }
    }
    Optional<ScoreFactor> factor = factor(o.companyAttributes(), icp, rest);
    factor.ifPresent(others::add);
    if (others.equals(o.score().factors())) {
      // Same ICP, same attributes: nothing moves, not even a total the scorer did not sum.
      return o.score();
    }
    double total = Math.min(100, rest + factor.map(ScoreFactor::contribution).orElse(0.0));
    return Score.builder().from(o.score()).factors(others).total(total).build();
  }

  private static Optional<ScoreFactor> factor(Map<String, String> company, Icp icp, double rest) {
    if (company.isEmpty()) {
      return Optional.empty();
    }
    Map<Kind, Set<String>> has = IcpDerivation.accountTraits(company);
    double all = 0;
    double matched = 0;
    List<String> matches = new ArrayList<>();
    for (IcpTrait t : icp.traits()) {
      if (!ACCOUNT_KINDS.contains(t.kind()) || t.lift() <= 0) {
        continue;
      }
      all += t.lift();
      if (has.getOrDefault(t.kind(), Set.of()).contains(t.value())) {
        matched += t.lift();
        matches.add(t.example());
      }
    }
    if (all <= 0) {
      return Optional.empty();
    }
    double value = Math.round(1000 * matched / all) / 10.0;
    double contribution = Math.max(0, Math.min(100 - rest, value * WEIGHT));
    String reason =
        matches.isEmpty()
            ? "fits none of the ideal customer's traits"
            : String.format(
                Locale.ROOT,
                "fits the ideal customer (%.0f%%): %s",
                value,
                String.join(", ", matches));
    return Optional.of(ScoreFactor.of(FACTOR, value, WEIGHT, contribution, reason));
  }
}
