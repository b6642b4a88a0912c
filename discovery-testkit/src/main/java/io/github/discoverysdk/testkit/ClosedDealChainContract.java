package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealImport;
import io.github.discoverysdk.deals.DealPage;
import io.github.discoverysdk.deals.DealSource;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.IcpRefresh;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.HealthStatus;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.spi.ProfileStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingProfileStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The monthly closed-deal chain ({@code engine.closedDeals().refresh}) end to end on one storage:
 * enrichment of the lookback's won and lost deals, the ICP that recovers the planted industry, the
 * opted-in profile updated and the other proposed, only the open opportunities whose fit changed
 * re-scored; a second run of the month is a no-op; a crash between steps resumes without paying
 * again; each step run is recorded as a run with its counts, a failed one as FAILED, and neither
 * sways the tenant's health; a deal that turns closed-won in an import is queued, not enriched
 * inline. Extend it with {@link #createStorage()}.
 */
public abstract class ClosedDealChainContract {
  static final String TENANT = "acme";
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  /** A fresh, empty storage for each test. */
  protected abstract Storage createStorage();

  final MutableClock clock = MutableClock.at(NOW);

  private ClosedDealWorld world() {
    return world(createStorage());
  }

  private ClosedDealWorld world(Storage storage) {
    return ClosedDealWorld.of(storage, clock);
  }

  @Test
  void theMonthlyChainEnrichesDerivesUpdatesAndRescoresOnlyWhatMoved() {
    ClosedDealWorld w = world();
    Opportunity fits =
        w.storage
            .opportunities()
            .save(ClosedDealWorld.opportunity(w.manual, "fits", "fintech", 50));
    Opportunity other =
        w.storage
            .opportunities()
            .save(ClosedDealWorld.opportunity(w.manual, "other", "mining", 50));

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
  void eachStepOfTheChainIsRecordedAsARunWithItsCounts() {
    ClosedDealWorld w = world();
    w.storage.opportunities().save(ClosedDealWorld.opportunity(w.manual, "fits", "fintech", 50));
    w.storage.opportunities().save(ClosedDealWorld.opportunity(w.manual, "other", "mining", 50));
    RunReport discovery =
        RunReport.builder()
            .from(StoreSuiteSupport.run(TENANT, "discovery-1", NOW.minus(Duration.ofHours(1))))
            .status(RunStatus.FAILED)
            .build();
    w.storage.runs().save(discovery);

    IcpRefresh r = w.deals().refresh(TENANT, NOVEMBER);

    List<RunReport> runs = w.engine.runs(TENANT, 10);
    assertThat(runs).hasSize(6).extracting(RunReport::runId).doesNotHaveDuplicates();
    Map<RunKind, RunReport> steps = new EnumMap<>(RunKind.class);
    runs.stream().filter(x -> !x.kind().pipeline()).forEach(x -> steps.put(x.kind(), x));
    assertThat(steps.keySet())
        .containsExactly(
            RunKind.ICP_QUEUED_DEALS,
            RunKind.ICP_ENRICH,
            RunKind.ICP_DERIVE,
            RunKind.ICP_UPDATE_PROFILES,
            RunKind.ICP_RESCORE);
    assertThat(steps.values())
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
              assertThat(s.startedAt()).isEqualTo(NOW);
              assertThat(s.profiles()).isEmpty();
              assertThat(s.signalsFetched()).isZero();
              assertThat(s.errors()).isEmpty();
            });
    assertThat(steps.get(RunKind.ICP_QUEUED_DEALS).counts())
        .containsEntry("deals", 0)
        .containsEntry("calls", 0);
    assertThat(steps.get(RunKind.ICP_ENRICH).counts())
        .containsEntry("deals", 10)
        .containsEntry("contacts", 20)
        .containsEntry("accounts", 10)
        .containsEntry("calls", 3)
        .containsEntry("cacheHits", 0);
    assertThat(steps.get(RunKind.ICP_DERIVE).counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("won", 6, "lost", 4, "traits", r.icp().orElseThrow().traits().size()));
    assertThat(steps.get(RunKind.ICP_UPDATE_PROFILES).counts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("updated", 1, "proposals", 1));
    assertThat(steps.get(RunKind.ICP_RESCORE).counts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("open", 2, "moved", 1));
    assertThat(steps.get(RunKind.ICP_RESCORE).summary())
        .startsWith("icp_rescore run ")
        .contains("counts: 1 moved, 2 open");

    // health and analytics are judged from discovery: the chain's success hides no failure
    HealthSnapshot health = w.engine.health(TENANT);
    assertThat(health.status()).isEqualTo(HealthStatus.FAILING);
    assertThat(health.lastRun()).contains(discovery);
    RunAnalytics analytics =
        w.engine.analytics(TENANT, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(1));
    assertThat(analytics.runs()).isEqualTo(1);
    assertThat(analytics.failed()).isEqualTo(1);
    assertThat(analytics.chainSteps()).isEqualTo(5);
    assertThat(analytics.chainStepsFailed()).isZero();
  }

  @Test
  void anotherEngineHoldingTheMonthsLeaseMakesTheChainBusyUntilItExpires() {
    ClosedDealWorld w = world();
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
    ClosedDealWorld w = world(flaky);
    down[0] = true;

    IcpRefresh failed = w.deals().refresh(TENANT, NOVEMBER);
    assertThat(failed.outcome()).isEqualTo(IcpRefresh.Outcome.FAILED);
    assertThat(failed.failure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("UPDATE_PROFILES failed"));
    List<String> paid = List.copyOf(w.enricher.asked);
    assertThat(paid).isNotEmpty();
    List<RunReport> before = w.engine.runs(TENANT, 20);
    assertThat(before)
        .as("the steps run are recorded, the failed one naming itself, none after it")
        .extracting(RunReport::kind, RunReport::status)
        .containsExactlyInAnyOrder(
            tuple(RunKind.ICP_QUEUED_DEALS, RunStatus.SUCCEEDED),
            tuple(RunKind.ICP_ENRICH, RunStatus.SUCCEEDED),
            tuple(RunKind.ICP_DERIVE, RunStatus.SUCCEEDED),
            tuple(RunKind.ICP_UPDATE_PROFILES, RunStatus.FAILED));
    assertThat(before)
        .filteredOn(r -> r.status() == RunStatus.FAILED)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.errors()).containsExactly("UPDATE_PROFILES failed: database gone");
              assertThat(r.counts()).isEmpty();
            });
    assertThat(w.engine.health(TENANT).status())
        .as("a failed chain step does not make discovery failing")
        .isEqualTo(HealthStatus.IDLE);
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
    assertThat(w.engine.runs(TENANT, 20))
        .as("the resumed chain records only the steps it ran: the ICP is derived again")
        .filteredOn(r -> !before.contains(r))
        .extracting(RunReport::kind, RunReport::status)
        .containsExactlyInAnyOrder(
            tuple(RunKind.ICP_DERIVE, RunStatus.SUCCEEDED),
            tuple(RunKind.ICP_UPDATE_PROFILES, RunStatus.SUCCEEDED),
            tuple(RunKind.ICP_RESCORE, RunStatus.SUCCEEDED));
  }

  @Test
  void aDealThatTurnsClosedWonInAnImportIsQueuedAndEnrichedByTheNextBatch() {
    ClosedDealWorld w = world();
    Deal open =
        Deal.builder()
            .from(ClosedDealWorld.deal("late", DealStage.OPEN, NOW, "w9.com"))
            .closedAt(Optional.empty())
            .updatedAt(NOW.minusSeconds(60))
            .build();
    Deal won = ClosedDealWorld.deal("late", DealStage.CLOSED_WON, NOW, "w9.com");
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

  private static List<EnrichmentStatus> queued(ClosedDealWorld w) {
    return w.storage
        .deals()
        .listStatuses(TENANT, EnrichmentStatus.Subject.DEAL, EnrichmentStatus.Outcome.QUEUED, 10);
  }
}
