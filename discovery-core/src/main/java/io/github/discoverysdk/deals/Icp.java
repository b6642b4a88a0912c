package io.github.discoverysdk.deals;

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
}
