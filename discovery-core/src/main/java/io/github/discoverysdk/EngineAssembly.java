package io.github.discoverysdk;

import io.github.discoverysdk.account.Accounts;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.deals.ClosedDealEnrichment;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.deals.ClosedDeals;
import io.github.discoverysdk.draft.Drafts;
import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.lifecycle.LifecycleManager;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.reconcile.FindingOutbox;
import io.github.discoverysdk.reconcile.Reconciliation;
import io.github.discoverysdk.reconcile.ReconciliationBuilder;
import io.github.discoverysdk.recordjobs.Records;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.session.SessionExportOutbox;
import io.github.discoverysdk.session.SessionHooks;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.Storage;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the engine's collaborators from its settings and wires them to each other: the run
 * pipeline, the outbox dispatcher, the audit log and access guard, and the facets. A new subsystem
 * wires its facade here, from the storage, the clock and its own settings (see "Facets" on {@link
 * DiscoveryEngine}), adds it to {@link EngineParts}, and one accessor to the engine. Stateless.
 */
final class EngineAssembly {
  private EngineAssembly() {}

  static EngineParts assemble(EngineSettings s, Gate gate, EngineThreads threads) {
    Storage storage = s.storage();
    String instanceId = "engine-" + s.ids().get();
    AuditLog audit = new AuditLog(s.clock(), s.auditViews());
    OutboxDispatcher dispatcher =
        new OutboxDispatcher(
            storage,
            s.clock(),
            s.alertSinks(),
            s.opportunitySinks(),
            new SessionExportOutbox(
                storage, s.clock(), audit, s.sessionCatalogue(), s.sessions().exportSinks()),
            new FindingOutbox(s.reconcile().findingSinks()),
            instanceId,
            s.maxDeliveryAttempts(),
            s.runListeners());
    Tracking tracking = new Tracking(s.collectTracking());
    ProfileIndexes indexes = new ProfileIndexes();
    RunPipeline pipeline =
        new RunPipeline(
            s.pipelineConfig(
                threads.executor(),
                indexes::reconcile,
                dispatcher::dispatch,
                tracking,
                gate::isClosed,
                audit,
                icpFit(storage)));
    Consumer<Profile> onInsert = OnDemandRuns.warmStartOnInsert(gate, pipeline, s.warmStarter());
    Guard guard = new Guard(storage, s.accessPolicy(), audit, s.systemCalls());

    // The facets. A new subsystem wires its facade here, from the storage, the clock and its own
    // settings (see "Facets" in the class documentation), and adds one accessor below.
    Profiles profiles =
        new Profiles(storage, s.clock(), indexes, tracking, onInsert, audit, s.searchSync());
    Teams teams = new Teams(storage, s.clock(), s.ids(), audit);
    OnDemandRuns runs = new OnDemandRuns(gate, pipeline, profiles, s.warmStarter());
    LifecycleManager lifecycle = new EngineLifecycle(storage, s.clock(), s.lifecycle(), runs);
    Deliveries deliveries =
        new Deliveries(storage, s.clock(), s.ids(), gate, s.opportunitySinks(), dispatcher, audit);
    ReviewFacets review = ReviewFacets.of(s, audit, deliveries);
    Accounts accounts = review.accounts();
    Reviews reviews = review.reviews();
    Records records =
        new Records(storage, s.clock(), s.recordJobs(), s.outcomeListeners(), instanceId, gate);
    Sessions sessions =
        new Sessions(
            storage,
            s.clock(),
            s.ids(),
            audit,
            s.sessionCatalogue(),
            new SessionHooks(
                s.sessions().exportSinks(),
                deliveries::dispatchIfOpen,
                new SessionAutoApply(storage, profiles, s.sessions().applyOnCompletion())));
    CardInsights cardInsights = new CardInsights(storage, s.clock());
    ClosedDeals closedDeals = closedDeals(s, profiles, instanceId);

    Reconciliation reconciliation = reconciliation(s, instanceId, runs, deliveries);

    // The collaborators behind the engine's own methods.
    TrackingRetention retention =
        new TrackingRetention(storage, s.clock(), s.collectTracking(), s.trackingRetention());
    Scheduling scheduling =
        new Scheduling(
            storage,
            s.clock(),
            gate,
            pipeline,
            profiles,
            retention,
            instanceId,
            reviews::escalateOverdue,
            records::runDue,
            closedDeals::refreshDue,
            new ReconcileDue(storage, s.clock(), reconciliation, s.reconcile().every()));
    Insights insights = new Insights(storage, s.clock(), records::health);
    Opportunities opportunities =
        new Opportunities(storage, s.clock(), s.collectTracking(), s.outcomeListeners(), audit);
    return new EngineParts(
        storage,
        guard,
        audit,
        profiles,
        teams,
        runs,
        opportunities,
        deliveries,
        insights,
        accounts,
        reviews,
        lifecycle,
        scheduling,
        records,
        new Drafts(
            storage,
            s.clock(),
            audit,
            s.drafts().playbooks(),
            s.drafts().generator(),
            s.drafts().riskFlags(),
            reviews,
            ReviewFacets::accountOf,
            s.searchSync()
                .<Drafts.CommittedDrafts>map(sync -> sync::indexDrafts)
                .orElse(Drafts.CommittedDrafts.NONE)),
        s.searchSync(),
        sessions,
        cardInsights,
        closedDeals,
        reconciliation);
  }

  /**
   * The reconciliation job over the engine's storage, sinks, sources and search index; stale
   * signals are refreshed by a refresh run, requeued deliveries and findings sent by a dispatch.
   */
  private static Reconciliation reconciliation(
      EngineSettings s, String instanceId, OnDemandRuns runs, Deliveries deliveries) {
    ReconciliationBuilder b =
        Reconciliation.builder()
            .storage(s.storage())
            .clock(s.clock())
            .owner(instanceId)
            .trackFor(s.lifecycle().trackFor())
            .opportunitySinks(s.opportunitySinks())
            .sources(s.sources())
            .refreshWith(runs::refresh)
            .dispatchWith(deliveries::dispatch)
            .findingSinks(s.reconcile().findingSinks())
            .idGenerator(s.ids());
    s.searchSync().ifPresent(b::searchSync);
    s.reconcile().listeners().forEach(b::addListener);
    return b.build();
  }

  /**
   * What the runs add to the scorer's scores: the fit with the tenant's ICP as the last monthly
   * chain saved it ({@code DealStore.findIcp}), read once per run; nothing for a tenant without
   * one.
   */
  private static RunPipeline.ScoreAdjuster icpFit(Storage storage) {
    return tenant -> storage.deals().findIcp(tenant).map(icp -> icp::rescore);
  }

  /** The closed-deal facet over the engine's enricher, credentials and the enricher's budget. */
  private static ClosedDeals closedDeals(EngineSettings s, Profiles profiles, String instanceId) {
    ClosedDealSettings settings = s.closedDeals();
    Optional<ClosedDealEnrichment> enrichment =
        s.enricher()
            .map(
                e -> {
                  ClosedDealEnrichment.Builder b =
                      ClosedDealEnrichment.builder()
                          .storage(s.storage())
                          .enricher(e)
                          .credentials(s.credentials())
                          .clock(s.clock())
                          .cacheDays(t -> settings.cacheDays())
                          .missDays(t -> settings.missDays());
                  Optional.ofNullable(s.budgets().get(e.id())).ifPresent(b::budget);
                  return b.build();
                });
    return ClosedDeals.create(
        s.storage(),
        s.clock(),
        enrichment,
        settings,
        profiles::list,
        profiles::save,
        instanceId,
        s.ids());
  }
}
