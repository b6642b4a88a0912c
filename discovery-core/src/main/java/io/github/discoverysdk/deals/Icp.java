package io.github.discoverysdk.deals;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Score;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ideal customer as a tenant's closed deals describe it: the traits that set won deals apart
 * from lost ones, strongest first, each with its evidence ({@link IcpTrait#evidence()}).
 *
 * @param tenant whose deals
 * @param won won deals considered
 * @param lost lost deals considered
 * @param traits the traits, by falling lift
 * @param derivedAt when
 */
public record Icp(String tenant, int won, int lost, List<IcpTrait> traits, Instant derivedAt) {
  public Icp {
    Objects.requireNonNull(tenant, "tenant");
    traits = List.copyOf(traits);
    Objects.requireNonNull(derivedAt, "derivedAt");
  }

  /** The traits of one kind, strongest first. */
  public List<IcpTrait> traits(IcpTrait.Kind kind) {
    return traits.stream().filter(t -> t.kind() == kind).toList();
  }

  /**
   * The opportunity's score with its fit with this ICP as one factor, {@code icp_fit}: the share of
   * the ICP's account traits (industry, size band, country, technologies, each weighted by its
   * lift) that the opportunity's {@link Opportunity#companyAttributes()} have, 0..100, weighted
   * 0.15 and added to the other factors, the total their sum capped at 100. The factor is replaced
   * when present and left out when the company has no attributes or the ICP no account trait with a
   * positive lift. The score comes back as it is (the same instance) when its factors would not
   * change, so that scoring again under the same ICP changes nothing; a score without factors is
   * left as it is too. What the monthly chain and the engine's runs apply.
   */
  public Score rescore(Opportunity opportunity) {
    Objects.requireNonNull(opportunity, "opportunity");
    return IcpFit.rescore(opportunity, this);
  }
}
