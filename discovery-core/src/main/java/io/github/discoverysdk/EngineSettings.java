package io.github.discoverysdk;

import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.session.SessionExportSink;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.temporal.TemporalIntelligence;
import io.github.discoverysdk.temporal.TemporalPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The engine's settings as the builder collected them, checked across each other and copied into
 * immutable collections, so that the engine and its collaborators read one consistent snapshot. The
 * defaults and the checks of single settings are on {@link EngineBuilder}. Immutable, but it holds
 * the host's objects (storage, sinks, executor...) as they are.
 */
record EngineSettings(
    Storage storage,
    List<SignalSource> sources,
    Scorer scorer,
    Clock clock,
    Optional<ExecutorService> executor,
    int threads,
    List<AlertSink> alertSinks,
    List<OpportunitySink> opportunitySinks,
    List<OutcomeListener> outcomeListeners,
    Supplier<String> ids,
    TemporalPolicy temporalPolicy,
    Duration backfillWindow,
    int fetchLimit,
    int maxRecordsPerQuery,
    LifecyclePolicy lifecycle,
    Duration sharedCacheTtl,
    Map<String, SourceBudget> budgets,
    Optional<Enricher> enricher,
    Map<String, List<PushRule>> pushRules,
    int maxDeliveryAttempts,
    CredentialStore credentials,
    Optional<WarmStarter> warmStarter,
    boolean collectTracking,
    Duration trackingRetention,
    Duration closeTimeout,
    AccessPolicy accessPolicy,
    boolean systemCalls,
    Optional<ReviewSettings> review,
    boolean auditViews,
    List<RecordJob> recordJobs,
    List<RunListener> runListeners,
    List<SignalProcessor> processors,
    DraftSettings drafts,
    Optional<SearchIndex> searchIndex,
    Catalogue sessionCatalogue,
    ClosedDealSettings closedDeals,
    SessionSettings sessions,
    ReconcileSettings reconcile) {

  /**
   * @throws ValidationException if storage or scorer is missing, or settings contradict each other
   */
  EngineSettings {
    if (storage == null) {
      throw new ValidationException(
          "storage is required: call storage(InMemoryStorage.create()) or a JDBC storage");
    }
    if (scorer == null) {
      throw new ValidationException(
          "scorer is required: add discovery-scoring and call scorer(Scoring.defaults())");
    }
    if (maxRecordsPerQuery < fetchLimit) {
      throw new ValidationException(
          "maxRecordsPerQuery must be at least fetchLimit ("
              + fetchLimit
              + "), was "
              + maxRecordsPerQuery
              + ": a query fetches at least one page per run");
    }
    Set<String> sinkIds = new HashSet<>();
    for (AlertSink s : alertSinks) {
      if (!sinkIds.add(s.id())) {
        throw new ValidationException(
            "an alert sink with id '" + s.id() + "' is already registered");
      }
    }
    Set<String> pushIds = new HashSet<>();
    for (OpportunitySink s : opportunitySinks) {
      if (!pushIds.add(s.id())) {
        throw new ValidationException(
            "an opportunity sink with id '" + s.id() + "' is already registered");
      }
    }
    Set<String> findingIds = new HashSet<>();
    for (var s : reconcile.findingSinks()) {
      if (!findingIds.add(s.id())) {
        throw new ValidationException(
            "a finding sink with id '" + s.id() + "' is already registered");
      }
    }
    Set<String> exportIds = new HashSet<>();
    for (SessionExportSink s : sessions.exportSinks()) {
      if (!exportIds.add(s.id())) {
        throw new ValidationException(
            "a session export sink with id '" + s.id() + "' is already registered");
      }
    }
    review
        .flatMap(ReviewSettings::escalationSink)
        .filter(id -> !sinkIds.contains(id))
        .ifPresent(
            id -> {
              throw new ValidationException(
                  "review names escalation sink '" + id + "', but no alert sink has that id");
            });
    for (String id : pushRules.keySet()) {
      if (!pushIds.contains(id)) {
        throw new ValidationException(
            "pushWhen names sink '" + id + "', but no opportunity sink has that id");
      }
    }
    sources = List.copyOf(sources);
    alertSinks = List.copyOf(alertSinks);
    opportunitySinks = List.copyOf(opportunitySinks);
    outcomeListeners = List.copyOf(outcomeListeners);
    runListeners = List.copyOf(runListeners);
    recordJobs = List.copyOf(recordJobs);
    processors = List.copyOf(processors);
    budgets = Map.copyOf(budgets);
    Map<String, List<PushRule>> rules = new HashMap<>();
    pushRules.forEach((k, v) -> rules.put(k, List.copyOf(v)));
    pushRules = Map.copyOf(rules);
  }

  /**
   * The run pipeline's configuration: these settings plus the parts the engine shares between the
   * pipeline and its facets, and what adjusts the scorer's scores (the closed-deal ICP fit).
   */
  RunPipeline.Config pipelineConfig(
      ExecutorService executor,
      RunPipeline.Indexes indexes,
      ToIntFunction<String> dispatch,
      RunPipeline.Tracking tracking,
      BooleanSupplier closing,
      AuditLog audit,
      RunPipeline.ScoreAdjuster adjuster) {
    return new RunPipeline.Config(
        storage,
        clock,
        ids,
        executor,
        new RunPipeline.Fetching(
            sources, fetchLimit, maxRecordsPerQuery, sharedCacheTtl, budgets, processors),
        new RunPipeline.Output(
            scorer,
            TemporalIntelligence.of(temporalPolicy),
            alertSinks,
            pushRules,
            enricher,
            credentials,
            adjuster),
        lifecycle,
        backfillWindow,
        indexes,
        dispatch,
        tracking,
        closing,
        review.map(r -> audit),
        searchSync().map(sync -> withListener(runListeners, sync.listener())).orElse(runListeners),
        new RunPipeline.Cards(drafts.playbooks(), drafts.riskFlags()));
  }

  /** What keeps the search index, if the host registered one. */
  Optional<SearchSync> searchSync() {
    return searchIndex.map(index -> new SearchSync(storage, index));
  }

  private static List<RunListener> withListener(List<RunListener> listeners, RunListener added) {
    List<RunListener> all = new ArrayList<>(listeners);
    all.add(added);
    return List.copyOf(all);
  }
}
