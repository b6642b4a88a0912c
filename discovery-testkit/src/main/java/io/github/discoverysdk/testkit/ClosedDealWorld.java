package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ClosedDealChainContract.NOW;
import static io.github.discoverysdk.testkit.ClosedDealChainContract.TENANT;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.deals.ClosedDeals;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.Storage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The world of {@link ClosedDealChainContract}: an engine with a fake enricher, an opted-in and a
 * manual profile, and six won and four lost deals of the lookback.
 */
final class ClosedDealWorld {
  /** Knows fintech for the won deals' domains (w*), retail for the lost (l*), nobody else. */
  static final class Enrichers implements Enricher {
    final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "fake-apollo";
    }

    @Override
    public Set<EnrichmentSubject.Kind> kinds() {
      return Set.of(EnrichmentSubject.Kind.values());
    }

    @Override
    public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context) {
      EnrichmentResult.Builder b = EnrichmentResult.builder().calls(1).estimatedCost(0.1);
      for (EnrichmentSubject s : subjects) {
        asked.add(s.id());
        String domain = s.domain().orElse("");
        if (s.id().contains("nobody")) {
          continue;
        }
        if (s.kind() == EnrichmentSubject.Kind.COMPANY) {
          b.putAttributes(
              s.id(),
              Map.of(
                  "industry",
                  domain.startsWith("w") ? "Fintech" : "Retail",
                  "employees",
                  "300",
                  "country",
                  "Germany"));
        } else {
          b.putAttributes(s.id(), Map.of("title", "VP Sales", "seniority", "vp"));
        }
      }
      return b.build();
    }
  }

  static Deal deal(String id, DealStage stage, Instant closed, String domain) {
    return Deal.builder()
        .tenant(TENANT)
        .source("crm")
        .id(id)
        .name("Deal " + id)
        .stage(stage)
        .amount(new BigDecimal("10000"))
        .closedAt(closed)
        .account(DealAccount.of("Company " + domain, domain))
        .contacts(
            List.of(
                DealContact.of("buyer@" + domain, "Buyer", "VP Sales"),
                DealContact.of("nobody@" + domain, "Nobody", null)))
        .updatedAt(closed)
        .build();
  }

  static Opportunity opportunity(Profile p, String id, String industry, double match) {
    Opportunity base =
        Fixtures.opportunity(p.id(), SignalKey.of("news", id), match, NOW.minusSeconds(3_600));
    return Opportunity.builder()
        .from(base)
        .putCompanyAttributes("industry", industry)
        .putCompanyAttributes("employees", "250")
        .build();
  }

  final Storage storage;
  final Enrichers enricher = new Enrichers();
  final DiscoveryEngine engine;
  final Profile auto;
  final Profile manual;

  private ClosedDealWorld(Storage storage, MutableClock clock) {
    this.storage = storage;
    this.engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(input -> Score.builder().total(0).strength(SignalStrength.WEAK).build())
            .clock(clock)
            .enricher(enricher)
            .closedDeals(
                ClosedDealSettings.builder()
                    .schedule(ClosedDealSettings.MONTHLY)
                    .autoApply(p -> p.name().startsWith("Auto"))
                    .build())
            .build();
    this.auto =
        engine
            .profiles()
            .save(
                Profile.builder()
                    .from(Fixtures.profile(TENANT, "Auto EMEA"))
                    .addIndustries("retail")
                    .build());
    this.manual = engine.profiles().save(Fixtures.profile(TENANT, "Manual EMEA"));
  }

  ClosedDeals deals() {
    return engine.closedDeals();
  }

  /** The world on {@code storage}, its deals saved. */
  static ClosedDealWorld of(Storage storage, MutableClock clock) {
    ClosedDealWorld w = new ClosedDealWorld(storage, clock);
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      deals.add(
          deal(
              "won-" + i,
              DealStage.CLOSED_WON,
              NOW.minus(Duration.ofDays(5 + i)),
              "w" + i + ".com"));
    }
    for (int i = 0; i < 4; i++) {
      deals.add(
          deal(
              "lost-" + i,
              DealStage.CLOSED_LOST,
              NOW.minus(Duration.ofDays(60 + i)),
              "l" + i + ".com"));
    }
    storage.deals().saveAll(deals);
    return w;
  }
}
