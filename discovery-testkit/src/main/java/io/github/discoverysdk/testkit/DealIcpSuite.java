package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.Icp;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.deals.IcpTrait.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of the ICPs of deals(): one current ICP per tenant, with its counts,
 * every trait with its evidence and exact lift, and when it was derived; replaced by the next save,
 * never seen by another tenant.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code DealIcps}; never extend this class directly.
 */
public abstract class DealIcpSuite extends StoreSuiteSupport {
  DealIcpSuite() {}

  private DealStore deals() {
    return storage().deals();
  }

  /** An ICP with a trait of every kind, lifts that are no short decimals, and a negative one. */
  static Icp everyKind(String tenant, Instant at) {
    List<IcpTrait> traits = new ArrayList<>();
    int i = 0;
    for (Kind k : Kind.values()) {
      traits.add(
          new IcpTrait(
              k,
              "value " + k.name().toLowerCase() + " ü",
              "Example " + i,
              7 + i,
              9,
              i,
              11,
              0.1 / 3));
      i++;
    }
    traits.add(new IcpTrait(Kind.INDUSTRY, "retail", "Retail", 1, 9, 6, 11, -0.4285714285714286));
    return new Icp(tenant, 9, 11, traits, at);
  }

  @Test
  void anIcpWithEveryTraitKindComesBackExactlyAndALaterSaveReplacesIt() {
    assertThat(deals().findIcp(TENANT_A)).isEmpty();
    Icp icp = everyKind(TENANT_A, T0);

    deals().saveIcp(icp);

    assertThat(deals().findIcp(TENANT_A)).contains(icp);
    Icp found = deals().findIcp(TENANT_A).orElseThrow();
    assertThat(found.traits()).extracting(IcpTrait::kind).contains(Kind.values());
    assertThat(found.traits(Kind.INDUSTRY).get(1).lift()).isEqualTo(-0.4285714285714286);
    assertThat(found.traits().get(0).evidence()).isEqualTo(icp.traits().get(0).evidence());

    Icp next = new Icp(TENANT_A, 0, 0, List.of(), T0.plusSeconds(86_400));
    deals().saveIcp(next);
    assertThat(deals().findIcp(TENANT_A)).contains(next);
  }

  @Test
  void eachTenantHasItsOwnIcp() {
    Icp ofA = everyKind(TENANT_A, T0);
    Icp ofB =
        new Icp(
            TENANT_B,
            1,
            0,
            List.of(new IcpTrait(Kind.REGION, "france", "france", 1, 1, 0, 0, 1.0)),
            T0.plusSeconds(1));
    deals().saveIcp(ofA);
    deals().saveIcp(ofB);

    assertThat(deals().findIcp(TENANT_A)).contains(ofA);
    assertThat(deals().findIcp(TENANT_B)).contains(ofB);
    assertThat(deals().findIcp("tenant-without-one")).isEmpty();
  }

  @Test
  void aRolledBackSaveLeavesTheIcpBeforeIt() {
    Icp before = everyKind(TENANT_A, T0);
    deals().saveIcp(before);

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.deals().saveIcp(new Icp(TENANT_A, 0, 0, List.of(), T0.plusSeconds(5)));
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");

    assertThat(deals().findIcp(TENANT_A)).contains(before);
    assertThatThrownBy(() -> deals().saveIcp(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> deals().findIcp(null)).isInstanceOf(NullPointerException.class);
  }
}
