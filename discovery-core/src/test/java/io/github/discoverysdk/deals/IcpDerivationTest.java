package io.github.discoverysdk.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.IcpTrait.Kind;
import io.github.discoverysdk.model.Profile;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ICP derivation on a generated history with a known truth: won deals are planted with fintech,
 * 201-1000 employees, Germany and VP-Sales buyers far more often than lost ones; retail and France
 * appear as often in both, and must not come out as traits.
 */
class IcpDerivationTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  record History(List<Deal> deals, Map<String, Map<String, String>> accounts) {}

  static History history(long seed) {
    Random r = new Random(seed);
    List<Deal> deals = new ArrayList<>();
    Map<String, Map<String, String>> accounts = new HashMap<>();
    for (int i = 0; i < 120; i++) {
      boolean won = i % 2 == 0;
      String domain = "c" + i + ".example.com";
      String industry =
          won
              ? pick(r, 0.70, "fintech", "retail", "logistics")
              : pick(r, 0.15, "fintech", "retail", "logistics");
      String employees =
          won ? (r.nextDouble() < 0.6 ? "450" : "40") : (r.nextDouble() < 0.2 ? "450" : "40");
      String country =
          won
              ? pick(r, 0.55, "Germany", "France", "Spain")
              : pick(r, 0.10, "Germany", "France", "Spain");
      accounts.put(
          domain, Map.of("industry", industry, "employees", employees, "country", country));
      String title = r.nextDouble() < (won ? 0.6 : 0.15) ? "VP, Sales" : "Sales Manager";
      deals.add(
          Deal.builder()
              .tenant("acme")
              .source("crm")
              .id("d" + i)
              .name("Deal " + i)
              .stage(won ? DealStage.CLOSED_WON : DealStage.CLOSED_LOST)
              .amount(new BigDecimal(10_000 + r.nextInt(40_000)))
              .closedAt(NOW.minus(Duration.ofDays(r.nextInt(360))))
              .updatedAt(NOW.minus(Duration.ofDays(1)))
              .account(DealAccount.of("Company " + i, domain))
              .addContacts(DealContact.of("buyer" + i + "@" + domain, "Buyer " + i, title))
              .build());
    }
    return new History(deals, accounts);
  }

  /** {@code planted} with probability {@code p}, else one of the others evenly. */
  private static String pick(Random r, double p, String planted, String... others) {
    return r.nextDouble() < p ? planted : others[r.nextInt(others.length)];
  }

  @Test
  void recoversThePlantedTraitsAndNoNoise() {
    for (long seed = 1; seed <= 5; seed++) {
      History h = history(seed);

      Icp icp = IcpDerivation.defaults().derive("acme", h.deals(), h.accounts(), Map.of(), NOW);

      assertThat(icp.won()).isEqualTo(60);
      assertThat(icp.lost()).isEqualTo(60);
      assertThat(icp.traits(Kind.INDUSTRY)).extracting(IcpTrait::value).containsExactly("fintech");
      assertThat(icp.traits(Kind.COMPANY_SIZE))
          .extracting(IcpTrait::value)
          .containsExactly("201-1000");
      assertThat(icp.traits(Kind.REGION)).extracting(IcpTrait::value).containsExactly("germany");
      assertThat(icp.traits(Kind.TITLE))
          .extracting(IcpTrait::value)
          .containsExactly("vice president sales");
      assertThat(icp.traits(Kind.ROLE))
          .extracting(IcpTrait::value)
          .containsExactly("decision_maker");
      assertThat(icp.traits()).allSatisfy(t -> assertThat(t.lift()).isGreaterThanOrEqualTo(0.10));
    }
  }

  @Test
  void eachTraitCarriesItsCountsAsEvidence() {
    History h = history(7);

    IcpTrait fintech =
        IcpDerivation.defaults()
            .derive("acme", h.deals(), h.accounts(), Map.of(), NOW)
            .traits(Kind.INDUSTRY)
            .get(0);

    long wonFintech =
        h.deals().stream()
            .filter(d -> d.stage() == DealStage.CLOSED_WON)
            .filter(
                d ->
                    h.accounts()
                        .get(d.account().get().domain().get())
                        .get("industry")
                        .equals("fintech"))
            .count();
    assertThat(fintech.wonWith()).isEqualTo((int) wonFintech);
    assertThat(fintech.wonKnown()).isEqualTo(60);
    assertThat(fintech.evidence())
        .isEqualTo(
            "fintech: " + wonFintech + " of 60 won deals, " + fintech.lostWith() + " of 60 lost");
  }

  @Test
  void aDiffProposesWhatTheProfileLacksAndApplyingItAddsExactlyThat() {
    History h = history(3);
    Icp icp = IcpDerivation.defaults().derive("acme", h.deals(), h.accounts(), Map.of(), NOW);
    Profile profile =
        Profile.builder()
            .tenant("acme")
            .owner("ae-1")
            .name("DACH fintech")
            .addIndustries("FinTech")
            .addTargetTitles("CRO")
            .build();

    IcpDiff diff = IcpDiff.between(icp, profile);

    assertThat(diff.changes())
        .extracting(c -> c.field() + " " + c.value())
        .containsExactlyInAnyOrder("REGIONS germany", "TARGET_TITLES VP, Sales");
    assertThat(diff.changes().get(0).describe()).contains(" won deals, ").contains("lift");
    Profile applied = diff.applyTo();
    assertThat(applied.regions()).containsExactly("germany");
    assertThat(applied.targetTitles()).containsExactlyInAnyOrder("CRO", "VP, Sales");
    assertThat(applied.industries()).containsExactly("FinTech");
    assertThat(IcpDiff.between(icp, applied).changes()).isEmpty();
  }

  @Test
  void recentAndLargerDealsWeighMore() {
    // Two won deals with trait A long ago and small, two with trait B recent and large; two lost
    // deals without either: B must outrank A.
    List<Deal> deals = new ArrayList<>();
    Map<String, Map<String, String>> accounts = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      String domain = "w" + i + ".example.com";
      boolean won = i < 4;
      boolean recent = i >= 2;
      accounts.put(domain, Map.of("industry", won ? (recent ? "beta" : "alpha") : "gamma"));
      deals.add(
          Deal.builder()
              .tenant("acme")
              .source("crm")
              .id("w" + i)
              .name("W" + i)
              .stage(won ? DealStage.CLOSED_WON : DealStage.CLOSED_LOST)
              .amount(new BigDecimal(recent ? 90_000 : 10_000))
              .closedAt(NOW.minus(Duration.ofDays(recent ? 10 : 700)))
              .updatedAt(NOW)
              .account(DealAccount.of("W" + i, domain))
              .build());
    }

    Icp icp =
        IcpDerivation.of(Duration.ofDays(180), 2, 0.0, 0.0)
            .derive("acme", deals, accounts, Map.of(), NOW);

    assertThat(icp.traits(Kind.INDUSTRY))
        .extracting(IcpTrait::value)
        .containsExactly("beta", "alpha");
  }

  @Test
  void thresholdsAreValidatedAndOtherTenantsOrOpenDealsAreIgnored() {
    assertThatThrownBy(() -> IcpDerivation.of(Duration.ZERO, 1, 0.2, 0.1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> IcpDerivation.of(Duration.ofDays(1), 0, 0.2, 0.1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> IcpDerivation.of(Duration.ofDays(1), 1, 1.5, 0.1))
        .isInstanceOf(ValidationException.class);
    History h = history(1);

    Icp other = IcpDerivation.defaults().derive("globex", h.deals(), h.accounts(), Map.of(), NOW);

    assertThat(other.won()).isZero();
    assertThat(other.traits()).isEmpty();
    assertThat(IcpDerivation.band("450")).isEqualTo("201-1000");
    assertThat(IcpDerivation.band("1,200")).isEqualTo("1001-5000");
    assertThat(IcpDerivation.band("many")).isNull();
    assertThat(IcpDerivation.band("0")).isNull();
  }
}
