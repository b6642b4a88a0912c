package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.IcpRefresh;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ICP fit outlives the monthly chain (#18): the chain saves the ICP it derives, and discovery
 * runs add its {@code icp_fit} factor to every opportunity they create or re-score, once the
 * company's attributes are known, for the run's tenant only.
 */
class IcpFitInRunsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  private final MutableClock clock = MutableClock.at(NOW);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final ScriptedSource acmeNews = ScriptedSource.feed("news");
  private final ScriptedSource globexNews = ScriptedSource.feed("globex-news");
  private final DiscoveryEngine engine =
      DiscoveryEngine.builder()
          .allowSystemCalls()
          .storage(storage)
          .addSource(acmeNews)
          .addSource(globexNews)
          .scorer(IcpFitInRunsTest::score)
          .clock(clock)
          .enricher(new Industries())
          .closedDeals(ClosedDealSettings.builder().build())
          .build();

  @AfterEach
  void close() {
    engine.close();
  }

  /** The scorer's score: one factor, the same for every match. */
  private static Score score(io.github.discoverysdk.spi.ScoringInput input) {
    return Score.builder()
        .total(40)
        .strength(SignalStrength.WEAK)
        .addFactors(ScoreFactor.of("match", 40, 1, 40, "on the watchlist"))
        .build();
  }

  /** Fintech for stripe.com and the won deals' domains (w*), retail for everything else. */
  private static final class Industries implements Enricher {
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
      EnrichmentResult.Builder b = EnrichmentResult.builder().calls(1);
      for (EnrichmentSubject s : subjects) {
        String domain = s.domain().orElse("");
        if (s.kind() == EnrichmentSubject.Kind.COMPANY) {
          boolean fintech = domain.startsWith("w") || domain.equals("stripe.com");
          b.putAttributes(
              s.id(),
              Map.of(
                  "industry", fintech ? "Fintech" : "Retail",
                  "employees", "300",
                  "country", "Germany"));
        } else {
          b.putAttributes(s.id(), Map.of("title", "VP Sales"));
        }
      }
      return b.build();
    }
  }

  /** Six fintech deals won, four retail deals lost: the ICP's one account trait is fintech. */
  private void closedDeals(String tenant) {
    List<Deal> deals = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      boolean won = i < 6;
      String domain = (won ? "w" : "l") + i + ".com";
      Instant closed = NOW.minus(Duration.ofDays(5 + i));
      deals.add(
          Deal.builder()
              .tenant(tenant)
              .source("crm")
              .id("deal-" + i)
              .name("Deal " + i)
              .stage(won ? DealStage.CLOSED_WON : DealStage.CLOSED_LOST)
              .amount(new BigDecimal("10000"))
              .closedAt(closed)
              .account(DealAccount.of("Company " + domain, domain))
              .contacts(List.of(DealContact.of("buyer@" + domain, "Buyer", "VP Sales")))
              .updatedAt(closed)
              .build());
    }
    storage.deals().saveAll(deals);
  }

  private Profile profile(String tenant) {
    return engine
        .profiles()
        .save(
            Fixtures.profile(
                tenant,
                "Payments",
                Company.of("Stripe", "stripe.com"),
                Company.of("Mart", "mart.com")));
  }

  private void publish(ScriptedSource source, String id, String company, String title) {
    source.publish(
        Fixtures.signal(
            source.id(),
            id,
            SignalType.FUNDING,
            title,
            clock.instant(),
            OrganizationMention.of(company, OrganizationRole.SUBJECT)));
  }

  private Opportunity opportunity(String tenant, String source, String id) {
    return storage
        .opportunities()
        .feed(FeedQuery.forTenant(tenant).limit(100).build())
        .items()
        .stream()
        .filter(o -> o.signalKey().equals(SignalKey.of(source, id)))
        .findFirst()
        .orElseThrow();
  }

  private static Optional<ScoreFactor> fit(Opportunity o) {
    return o.score().factors().stream().filter(f -> f.name().equals("icp_fit")).findFirst();
  }

  @Test
  void anOpportunityARunUpdatesAfterTheChainKeepsItsFitAndNewOnesGetIt() {
    closedDeals("acme");
    Profile p = profile("acme");
    publish(acmeNews, "n1", "Stripe", "Stripe raises");
    engine.discover(p.id());
    assertThat(fit(opportunity("acme", "news", "n1"))).as("no ICP before the chain").isEmpty();

    IcpRefresh chain = engine.closedDeals().refresh("acme", NOVEMBER);
    assertThat(chain.outcome()).isEqualTo(IcpRefresh.Outcome.DONE);
    assertThat(storage.deals().findIcp("acme")).contains(chain.icp().orElseThrow());
    ScoreFactor afterChain = fit(opportunity("acme", "news", "n1")).orElseThrow();
    assertThat(afterChain.value()).isEqualTo(100.0);
    assertThat(opportunity("acme", "news", "n1").score().total()).isEqualTo(55.0);

    // The signal changes and a new one arrives: the run re-scores the first, creates the second.
    clock.advance(Duration.ofHours(1));
    publish(acmeNews, "n1", "Stripe", "Stripe raises a Series J");
    publish(acmeNews, "n2", "Mart", "Mart opens a store");
    publish(acmeNews, "n3", "Stripe", "Stripe hires a CRO");
    RunReport run = engine.discover(p.id());

    assertThat(run.opportunitiesUpdated()).isEqualTo(1);
    assertThat(run.opportunitiesNew()).isEqualTo(2);
    Opportunity updated = opportunity("acme", "news", "n1");
    assertThat(updated.title()).isEqualTo("Stripe raises a Series J");
    assertThat(fit(updated)).contains(afterChain);
    assertThat(updated.score().total()).isEqualTo(55.0);
    assertThat(fit(opportunity("acme", "news", "n3"))).contains(afterChain);
    Opportunity retail = opportunity("acme", "news", "n2");
    assertThat(fit(retail)).hasValueSatisfying(f -> assertThat(f.value()).isZero());
    assertThat(retail.score().total()).isEqualTo(40.0);

    // The next month's chain under the same deals: the runs left nothing for it to move.
    clock.advance(Duration.ofDays(31));
    IcpRefresh december = engine.closedDeals().refresh("acme", YearMonth.of(2026, 12));
    assertThat(december.outcome()).isEqualTo(IcpRefresh.Outcome.DONE);
    assertThat(december.moved()).isEmpty();
    assertThat(fit(opportunity("acme", "news", "n1"))).contains(afterChain);
  }

  @Test
  void aTenantWithoutAnIcpScoresAsBeforeAndNeverGetsAnotherTenantsFit() {
    closedDeals("acme");
    engine.closedDeals().refresh("acme", NOVEMBER);
    assertThat(storage.deals().findIcp("acme")).isPresent();

    Profile globex = profile("globex");
    publish(globexNews, "g1", "Stripe", "Stripe raises");
    engine.discover(globex.id());
    clock.advance(Duration.ofHours(1));
    publish(globexNews, "g1", "Stripe", "Stripe raises a Series J");
    publish(globexNews, "g2", "Stripe", "Stripe hires a CRO");
    engine.discover(globex.id());

    assertThat(storage.deals().findIcp("globex")).isEmpty();
    for (String id : List.of("g1", "g2")) {
      Opportunity o = opportunity("globex", "globex-news", id);
      assertThat(o.companyAttributes()).containsEntry("industry", "Fintech");
      assertThat(o.score()).as(id).isEqualTo(score(null));
    }
    assertThat(opportunity("globex", "globex-news", "g1").title())
        .isEqualTo("Stripe raises a Series J");
  }
}
