package io.github.discoverysdk.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.AccessDeniedException;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Applying an ICP proposal through {@code engine.as(principal).closedDeals()} changes the profile
 * as {@link ClosedDeals#applyProposal} does, and the audit log names the principal who applied it,
 * not the system.
 */
class SecuredProposalTest {
  private static final String TENANT = "acme";
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  private final InMemoryStorage storage = InMemoryStorage.create();
  private final DiscoveryEngine engine =
      DiscoveryEngine.builder()
          .allowSystemCalls()
          .storage(storage)
          .scorer(input -> Score.builder().total(0).strength(SignalStrength.WEAK).build())
          .clock(MutableClock.at(NOW))
          .closedDeals(ClosedDealSettings.builder().build())
          .build();

  /** Won deals whose buyers are all heads of procurement; lost deals have none. */
  private void deals() {
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      boolean won = i < 5;
      String domain = (won ? "w" : "l") + i + ".com";
      deals.add(
          Deal.builder()
              .tenant(TENANT)
              .source("crm")
              .id("deal-" + i)
              .name("Deal " + i)
              .stage(won ? DealStage.CLOSED_WON : DealStage.CLOSED_LOST)
              .amount(new BigDecimal("10000"))
              .closedAt(NOW.minus(Duration.ofDays(10 + i)))
              .account(DealAccount.of("Company " + i, domain))
              .contacts(
                  List.of(
                      DealContact.of(
                          "buyer@" + domain,
                          "Buyer " + i,
                          won ? "Head of Procurement" : "Office Manager")))
              .updatedAt(NOW.minus(Duration.ofDays(10 + i)))
              .build());
    }
    storage.deals().saveAll(deals);
  }

  @Test
  void theAuditLogNamesThePrincipalWhoAppliedTheProposal() {
    deals();
    Profile profile = engine.profiles().save(Fixtures.profile(TENANT, "EMEA"));
    assertThat(engine.closedDeals().proposed(profile)).as("the ICP proposes a change").isPresent();

    Profile applied =
        engine
            .as(Principal.of("ana", TENANT, Set.of("admin"), Set.of()))
            .closedDeals()
            .applyProposal(profile.id());

    assertThat(applied.version()).isGreaterThan(profile.version());
    assertThat(applied).isEqualTo(engine.profiles().get(profile.id()));
    List<AuditEntry> entries =
        storage.audit().byEntity(TENANT, "profile", profile.id().value(), 0, 10);
    assertThat(entries)
        .filteredOn(e -> e.action() == AuditAction.UPDATE)
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("ana"));
    // Applied again, the ICP proposes nothing more and nothing is saved.
    assertThat(engine.closedDeals().proposed(applied)).isEmpty();
  }

  @Test
  void aViewerMayNotApplyAProposalAndTheProfileStaysAsItWas() {
    deals();
    Profile profile = engine.profiles().save(Fixtures.profile(TENANT, "EMEA"));

    assertThatThrownBy(
            () ->
                engine
                    .as(Principal.of("vic", TENANT, Set.of("viewer"), Set.of()))
                    .closedDeals()
                    .applyProposal(profile.id()))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(engine.profiles().get(profile.id())).isEqualTo(profile);
  }
}
