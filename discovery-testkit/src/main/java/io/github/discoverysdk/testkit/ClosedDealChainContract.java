package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.deals.ClosedDeals;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealImport;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealSource;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.IcpRefresh;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.ProfileStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingProfileStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The monthly closed-deal chain ({@code engine.closedDeals().refresh}) end to end on one storage:
 * enrichment of the lookback's won and lost deals, the ICP that recovers the planted industry, the
 * opted-in profile updated and the other proposed, only the open opportunities whose fit changed
 * re-scored; a second run of the month is a no-op; a crash between steps resumes without paying
 * again; a deal that turns closed-won in an import is queued, not enriched inline. Extend it with
 * {@link #createStorage()}.
 */
public abstract class ClosedDealChainContract {
  static final String TENANT = "acme";
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  /** A fresh, empty storage for each test. */
  protected abstract Storage createStorage();

  final MutableClock clock = MutableClock.at(NOW);

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

  private static Deal deal(String id, DealStage stage, Instant closed, String domain) {
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

  private static Opportunity opportunity(Profile p, String id, String industry, double match) {
    Opportunity base =
        Fixtures.opportunity(p.id(), SignalKey.of("news", id), match, NOW.minusSeconds(3_600));
    return Opportunity.builder()
        .from(base)
        .putCompanyAttributes("industry", industry)
        .putCompanyAttributes("employees", "250")
        .build();
  }

  private static final class World {
    final Storage storage;
    final Enrichers enricher = new Enrichers();
    final DiscoveryEngine engine;
    final Profile auto;
    final Profile manual;

    World(Storage storage, MutableClock clock) {
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
  }

  private World world() {
    return world(createStorage());
  }

  private World world(Storage storage) {
    World w = new World(storage, clock);
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

  @Test
  void theMonthlyChainEnrichesDerivesUpdatesAndRescoresOnlyWhatMoved() {
    World w = world();
    Opportunity fits = w.storage.opportunities().save(opportunity(w.manual, "fits", "fintech", 50));
    Opportunity other =
        w.storage.opportunities().save(opportunity(w.manual, "other", "mining", 50));

    IcpRefresh r = w.deals().refresh(TENANT, NOVEMBER);

    assertThat(r.outcome()).isEqualTo(IcpRefresh.Outcome.DONE);
    assertThat(r.steps())
        .extracting(IcpRefresh.Step::name)
        .containsExactly(IcpRefresh.StepName.values());
    assertThat(r.enrichment().orElseThrow().deals())
        .as("the lookback's won and lost")
        .isEqualTo(10);
    assertThat(r.enrichment().orElseThrow().calls()).as("30 subjects, 10 a call").isEqualTo(3);
    assertThat(r.icp().orElseThrow().traits(IcpTrait.Kind.INDUSTRY))
        .extracting(IcpTrait::value)
        .containsExactly("fintech");
    assertThat(r.updatedProfiles()).containsExactly(w.auto.id());
    assertThat(w.engine.profiles().get(w.auto.id()).industries()).contains("retail", "fintech");
    assertThat(r.proposals()).extracting(d -> d.profile().id()).containsExactly(w.manual.id());
    assertThat(w.engine.profiles().get(w.manual.id()).industries()).doesNotContain("fintech");
    assertThat(r.moved()).extracting(IcpRefresh.ScoreMove::id).containsExactly(fits.id());
    assertThat(r.moved().get(0).after()).isGreaterThan(r.moved().get(0).before());
    Opportunity rescored = w.storage.opportunities().find(fits.id()).orElseThrow();
    assertThat(rescored.score().factors()).extracting(ScoreFactor::name).contains("icp_fit");
    assertThat(w.storage.opportunities().find(other.id()).orElseThrow().score().total())
        .isEqualTo(other.score().total());

    // the status shows each contact's outcome with its reason
    assertThat(w.deals().status(TENANT).contactOutcomes())
        .containsEntry(EnrichmentStatus.Outcome.ENRICHED, 10)
        .containsEntry(EnrichmentStatus.Outcome.NOT_FOUND, 10);

    // a second run in the month is a no-op: no call, nothing moved
    w.enricher.asked.clear();
    IcpRefresh again = w.deals().refresh(TENANT, NOVEMBER);
    assertThat(again.outcome()).isEqualTo(IcpRefresh.Outcome.ALREADY_DONE);
    assertThat(again.steps()).isEmpty();
    assertThat(w.enricher.asked).isEmpty();
    assertThat(w.deals().refreshDue()).as("the schedule sees November done").isEmpty();

    // December's chain under the same ICP: no opportunity moves, misses are not asked again
    clock.advance(Duration.ofDays(31));
    IcpRefresh december = w.deals().refresh(TENANT, YearMonth.of(2026, 12));
    assertThat(december.outcome()).isEqualTo(IcpRefresh.Outcome.DONE);
    assertThat(december.moved()).isEmpty();
    assertThat(w.enricher.asked).isEmpty();
  }

  @Test
  void anotherEngineHoldingTheMonthsLeaseMakesTheChainBusyUntilItExpires() {
    World w = world();
    assertThat(
            w.storage
                .sourceState()
                .tryLease(
                    TENANT,
                    "deal-chain:" + NOVEMBER,
                    "other-engine",
                    NOW,
                    NOW.plus(Duration.ofMinutes(30))))
        .isTrue();

    IcpRefresh busy = w.deals().refresh(TENANT, NOVEMBER);

    assertThat(busy.outcome()).isEqualTo(IcpRefresh.Outcome.BUSY);
    assertThat(busy.steps()).isEmpty();
    assertThat(w.enricher.asked).as("nothing paid while another engine runs it").isEmpty();

    // the other engine died: once its lease expires, this one runs the month, once
    clock.advance(Duration.ofMinutes(31));
    assertThat(w.deals().refresh(TENANT, NOVEMBER).outcome()).isEqualTo(IcpRefresh.Outcome.DONE);
    assertThat(w.deals().refresh(TENANT, NOVEMBER).outcome())
        .isEqualTo(IcpRefresh.Outcome.ALREADY_DONE);
  }

  @Test
  void aChainThatDiesBetweenStepsResumesWithoutPayingAgain() {
    boolean[] down = {false};
    Storage base = createStorage();
    Storage flaky =
        new ForwardingStorage(base) {
          @Override
          public ProfileStore profiles() {
            return new ForwardingProfileStore(super.profiles()) {
              @Override
              public List<Profile> list(String tenant) {
                if (down[0]) {
                  throw new IllegalStateException("database gone");
                }
                return super.list(tenant);
              }
            };
          }
        };
    World w = world(flaky);
    down[0] = true;

    IcpRefresh failed = w.deals().refresh(TENANT, NOVEMBER);
    assertThat(failed.outcome()).isEqualTo(IcpRefresh.Outcome.FAILED);
    assertThat(failed.failure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("UPDATE_PROFILES failed"));
    List<String> paid = List.copyOf(w.enricher.asked);
    assertThat(paid).isNotEmpty();
    int costs =
        base.sourceState()
            .listCosts(TENANT, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
            .size();

    down[0] = false;
    w.enricher.asked.clear();
    IcpRefresh resumed = w.deals().refresh(TENANT, NOVEMBER);

    assertThat(resumed.outcome()).isEqualTo(IcpRefresh.Outcome.DONE);
    assertThat(resumed.steps())
        .filteredOn(IcpRefresh.Step::resumed)
        .extracting(IcpRefresh.Step::name)
        .containsExactly(IcpRefresh.StepName.QUEUED_DEALS, IcpRefresh.StepName.ENRICH);
    assertThat(w.enricher.asked).as("nothing is paid twice").isEmpty();
    assertThat(
            base.sourceState()
                .listCosts(TENANT, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))))
        .hasSize(costs);
    assertThat(resumed.updatedProfiles()).containsExactly(w.auto.id());
  }

  @Test
  void aDealThatTurnsClosedWonInAnImportIsQueuedAndEnrichedByTheNextBatch() {
    World w = world();
    Deal open =
        Deal.builder()
            .from(deal("late", DealStage.OPEN, NOW, "w9.com"))
            .closedAt(Optional.empty())
            .updatedAt(NOW.minusSeconds(60))
            .build();
    Deal won = deal("late", DealStage.CLOSED_WON, NOW, "w9.com");
    List<Deal> served = new CopyOnWriteArrayList<>(List.of(open));
    DealSource source =
        new DealSource() {
          @Override
          public String id() {
            return "crm";
          }

          @Override
          public DealPage fetch(
              io.github.discoverysdk.deals.DealRequest request,
              io.github.discoverysdk.spi.SourceContext context) {
            return new DealPage(List.copyOf(served), List.of(), Optional.empty());
          }
        };
    DealImport.of(w.storage, source, clock).run(TENANT, NOW.minus(Duration.ofDays(1)), 5);
    assertThat(queued(w)).isEmpty();

    served.set(0, won);
    w.enricher.asked.clear();
    DealImport.of(w.storage, source, clock).run(TENANT, NOW.minus(Duration.ofDays(1)), 5);

    assertThat(w.enricher.asked).as("not enriched inline").isEmpty();
    assertThat(queued(w)).extracting(EnrichmentStatus::key).containsExactly("crm/late");

    assertThat(w.deals().enrichQueued(TENANT).deals()).isEqualTo(1);
    assertThat(w.enricher.asked).contains("account:w9.com", "contact:buyer@w9.com");
    assertThat(queued(w)).isEmpty();
    assertThat(
            w.storage
                .deals()
                .findStatuses(TENANT, EnrichmentStatus.Subject.DEAL, List.of("crm/late"))
                .get("crm/late"))
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(EnrichmentStatus.Outcome.PARTIAL);
              assertThat(s.reason()).isEqualTo("not enriched: nobody@w9.com");
            });
  }

  private static List<EnrichmentStatus> queued(World w) {
    return w.storage
        .deals()
        .listStatuses(TENANT, EnrichmentStatus.Subject.DEAL, EnrichmentStatus.Outcome.QUEUED, 10);
  }
}
