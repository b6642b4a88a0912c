package io.github.discoverysdk;

import io.github.discoverysdk.internal.Text;
import io.github.discoverysdk.lifecycle.ChangeDetector;
import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.temporal.TemporalIntelligence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One discovery run for one tenant: the pipeline of the design, from planning queries to the run
 * report. Used once, by one caller; the fetches it fans out run on the engine's executor.
 */
final class DiscoveryRun {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryEngine.class);

  /** Watermark "source" under which the engine remembers which profile version was backfilled. */
  static final String BACKFILL_SOURCE = "_engine.backfill";

  record Settings(
      Storage storage,
      List<SignalSource> sources,
      Scorer scorer,
      Clock clock,
      ExecutorService executor,
      List<AlertSink> alertSinks,
      List<OpportunitySink> opportunitySinks,
      Supplier<String> ids,
      TemporalIntelligence temporal,
      Duration backfillWindow,
      int fetchLimit,
      ProfileIndexes indexes,
      LifecyclePolicy lifecycle,
      Duration sharedCacheTtl,
      Map<String, SourceBudget> budgets,
      Optional<Enricher> enricher,
      CredentialStore credentials,
      Map<String, List<PushRule>> pushRules,
      OutboxDispatcher dispatcher,
      Optional<WarmStarter> warmStarter,
      Tracking tracking) {}

  /** A distinct query of one source and the profiles that asked for it. */
  private record PlannedQuery(SignalSource source, SourceQuery query, Set<ProfileId> askedBy) {}

  /**
   * A planned query with its watermark, and whether the source's daily budget let it be called
   * (decided in order, least recently fetched first, so that a tight budget serves every query in
   * turn over the days).
   */
  private record Scheduled(
      PlannedQuery planned, Optional<Watermark> watermark, Optional<String> denied) {}

  /** What one committed batch produced; merged into the run's counts only after commit. */
  private static final class Batch {
    int signalsNew;
    int signalsChanged;
    int signalsUnchanged;
    int matches;
    int opportunitiesNew;
    int opportunitiesUpdated;
    int opportunitiesUnchanged;
    int opportunitiesArchived;
    int lifecycleEvents;
    final List<Opportunity> pushed = new ArrayList<>();
  }

  private static final class SourceCounter {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger cacheHits = new AtomicInteger();
    final AtomicInteger fetched = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger budgetSkips = new AtomicInteger();
    volatile double cost;

    synchronized void addCost(double c) {
      cost += c;
    }
  }

  private final Settings s;
  private final String tenant;
  private final List<Profile> scope;
  private final String runId;
  private final Instant startedAt;
  private final Map<String, SourceCounter> perSource = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Set<String> warnedOnce = ConcurrentHashMap.newKeySet();
  private final AtomicInteger queriesPlanned = new AtomicInteger();
  private final AtomicInteger queriesFailed = new AtomicInteger();
  private final AtomicInteger signalsFetched = new AtomicInteger();
  private final AtomicInteger recordsRejected = new AtomicInteger();
  private final AtomicInteger backfilled = new AtomicInteger();
  private final AtomicInteger alertsSent = new AtomicInteger();
  private final AtomicInteger companiesEnriched = new AtomicInteger();
  private final Set<String> enrichmentSkipped = ConcurrentHashMap.newKeySet();
  private final SourceCounter enrichment = new SourceCounter();
  private final Batch totals = new Batch();
  private final Budgets budgets;
  private Map<ProfileId, Profile> profilesById = Map.of();
  private ProfileIndex index;

  DiscoveryRun(Settings settings, String tenant, List<Profile> scope) {
    this.s = settings;
    this.tenant = tenant;
    this.scope = scope;
    this.runId = settings.ids().get();
    this.startedAt = settings.clock().instant();
    for (SignalSource source : settings.sources()) {
      perSource.put(source.id(), new SourceCounter());
    }
    this.budgets = new Budgets();
  }

  /**
   * Daily budgets of this run's tenant: what the ledger says was spent today, read once per source,
   * plus what this run spends.
   */
  private final class Budgets {
    private final Map<String, double[]> spent = new HashMap<>();

    /**
     * Reserves one call of the source, atomically with the check: why the budget is exhausted, or
     * empty when the call may be made (and is now counted).
     */
    synchronized Optional<String> reserve(SignalSource source, Instant now) {
      SourceBudget budget = s.budgets().get(source.id());
      if (budget == null) {
        return Optional.empty();
      }
      double[] day = today(source, now);
      if (budget.maxCallsPerDay().isPresent() && day[0] >= budget.maxCallsPerDay().getAsInt()) {
        return Optional.of((long) day[0] + " calls of " + budget.maxCallsPerDay().getAsInt());
      }
      double next = day[1] + source.capabilities().costPerCall();
      if (budget.maxCostPerDay().isPresent() && next > budget.maxCostPerDay().getAsDouble()) {
        return Optional.of(
            String.format(
                Locale.ROOT, "cost %.2f of %.2f", day[1], budget.maxCostPerDay().getAsDouble()));
      }
      day[0]++;
      day[1] = next;
      return Optional.empty();
    }

    /** Gives back a reserved call that a cache answered. */
    synchronized void release(SignalSource source) {
      double[] day = spent.get(source.id());
      if (day != null) {
        day[0]--;
        day[1] -= source.capabilities().costPerCall();
      }
    }

    private double[] today(SignalSource source, Instant now) {
      return spent.computeIfAbsent(
          source.id(),
          id -> {
            Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
            double[] day = new double[2];
            for (CostEntry e :
                s.storage()
                    .sourceState()
                    .listCosts(tenant, dayStart, dayStart.plus(Duration.ofDays(1)))) {
              if (e.sourceId().equals(id) && !e.cacheHit()) {
                day[0]++;
                day[1] += e.cost();
              }
            }
            return day;
          });
    }
  }

  /** Discovery: backfill new profiles, fetch every planned query, archive what ended. */
  RunReport execute() {
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant)) {
      loadProfiles();
      recordTracking();
      backfill();
      Map<String, PlannedQuery> planned = plan();
      List<Future<?>> futures = new ArrayList<>();
      for (Scheduled q : schedule(planned.values())) {
        futures.add(s.executor().submit(() -> runQuery(q)));
      }
      awaitAll(futures);
      archiveEnded();
      deliverOutbox();
      return finish(report(RunKind.DISCOVERY, planned.size()));
    }
  }

  /**
   * Refresh: asks the sources for the current version of every tracked signal (one with a live
   * opportunity, within {@link LifecyclePolicy#trackFor()}, whose event has not ended), carries
   * changes to the opportunities, archives what was cancelled, removed or ended.
   */
  RunReport refresh() {
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant)) {
      loadProfiles();
      Instant now = startedAt;
      Map<String, SignalSource> refreshable = new HashMap<>();
      for (SignalSource source : s.sources()) {
        if (source.capabilities().supportsRefresh()) {
          refreshable.put(source.id(), source);
        }
      }
      List<Future<?>> futures = new ArrayList<>();
      if (!refreshable.isEmpty()) {
        for (Signal stored :
            s.storage().signals().list(tenant, now.minus(s.lifecycle().trackFor()), 10_000)) {
          SignalSource source = refreshable.get(stored.key().sourceId());
          if (source == null || ended(stored, now) || !tracked(stored)) {
            continue;
          }
          futures.add(s.executor().submit(() -> refreshOne(source, stored)));
          if (futures.size() >= s.lifecycle().maxRefreshesPerRun()) {
            break;
          }
        }
      }
      awaitAll(futures);
      archiveEnded();
      deliverOutbox();
      return finish(report(RunKind.REFRESH, futures.size()));
    }
  }

  /**
   * Warm start: writes the opportunities {@code starter} chooses from the tenant's other profiles
   * as {@code created}'s own, each re-matched against {@code created} and re-scored here, in one
   * transaction and as a discovery run writes them (an existing opportunity on the same signal is
   * kept; alerts and pushes are enqueued, not sent; no source or enricher is called). A failure is
   * reported, never thrown: the next run's backfill matches the stored signals anyway.
   */
  RunReport warmStart(Profile created, WarmStarter starter) {
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant)) {
      Instant now = startedAt;
      ProfileIndex single = ProfileIndex.of(List.of(created));
      Map<SignalKey, Rescored> rescored = new ConcurrentHashMap<>();
      try {
        List<Profile> others =
            s.storage().profiles().list(tenant).stream()
                .filter(p -> !p.id().equals(created.id()))
                .toList();
        List<WarmStarter.Choice> choices =
            starter.choose(
                created,
                others,
                id ->
                    s.storage()
                        .opportunities()
                        .feed(FeedQuery.forProfile(id).limit(FeedQuery.MAX_LIMIT).build())
                        .items(),
                now,
                source -> rescore(created, single, source, now, rescored));
        if (choices == null) {
          throw new IllegalStateException("the warm starter returned null, not an empty list");
        }
        // A run may insert one of these opportunities between our check and our insert; the
        // second attempt then finds it and keeps it.
        for (int attempt = 1; ; attempt++) {
          try {
            committed(
                s.storage()
                    .inTransaction(tx -> writeWarmStart(tx, created, choices, now, rescored)));
            break;
          } catch (ConcurrentUpdateException e) {
            if (attempt == 2) {
              throw e;
            }
          }
        }
      } catch (RuntimeException e) {
        errors.add("warm start of profile " + created.id() + " failed: " + e.getMessage());
        log.warn("run {}: warm start of profile {} failed: {}", runId, created.id(), e.toString());
      }
      return finish(report(RunKind.WARM_START, 0));
    }
  }

  /** A signal re-matched and re-scored for a warm started profile. */
  private record Rescored(
      Signal signal, List<Match> matches, TemporalAssessment timing, Score score) {}

  private Optional<Score> rescore(
      Profile created,
      ProfileIndex single,
      Opportunity source,
      Instant now,
      Map<SignalKey, Rescored> rescored) {
    Optional<Signal> signal = s.storage().signals().find(tenant, source.signalKey());
    if (signal.isEmpty()) {
      return Optional.empty();
    }
    List<Match> matches = single.match(signal.get()).getOrDefault(created.id(), List.of());
    if (matches.isEmpty() || !takes(created, signal.get(), matches)) {
      return Optional.empty();
    }
    TemporalAssessment timing = s.temporal().assess(signal.get(), now);
    Score score = score(created, signal.get(), matches, timing, now);
    rescored.put(source.signalKey(), new Rescored(signal.get(), matches, timing, score));
    return Optional.of(score);
  }

  private Batch writeWarmStart(
      Storage tx,
      Profile created,
      List<WarmStarter.Choice> choices,
      Instant now,
      Map<SignalKey, Rescored> rescored) {
    Batch b = new Batch();
    Set<SignalKey> written = new HashSet<>();
    for (WarmStarter.Choice c : choices) {
      SignalKey key = c.source().signalKey();
      Rescored r = rescored.get(key);
      if (r == null || !r.score().equals(c.score())) {
        throw new IllegalStateException(
            "the warm starter chose "
                + c.source().id()
                + " with a score the engine's rescorer did not give");
      }
      if (!c.source().tenant().equals(tenant)) {
        throw new IllegalStateException(
            "the warm starter chose " + c.source().id() + " of another tenant");
      }
      if (written.add(key)) {
        b.matches++;
        upsertOpportunity(
            tx, created, r.signal(), r.matches(), r.score(), r.timing(), now, List.of(), b);
      }
    }
    return b;
  }

  /** Delivers what this run (and earlier ones) left in the tenant's outbox. */
  private void deliverOutbox() {
    try {
      alertsSent.addAndGet(s.dispatcher().dispatch(tenant));
    } catch (RuntimeException e) {
      errors.add("delivering the outbox failed: " + e.getMessage());
      log.warn("run {}: delivering the outbox failed: {}", runId, e.toString());
    }
  }

  private void loadProfiles() {
    Map<ProfileId, Profile> all = new LinkedHashMap<>();
    for (Profile p : s.storage().profiles().list(tenant)) {
      if (p.enabled()) {
        all.put(p.id(), p);
      }
    }
    profilesById = all;
    index = s.indexes().reconcile(tenant, all.values());
  }

  private static boolean ended(Signal signal, Instant now) {
    return signal.event().map(e -> e.end().orElse(e.start()).isBefore(now)).orElse(false);
  }

  private boolean tracked(Signal signal) {
    return s.storage().opportunities().listBySignal(tenant, signal.key()).stream()
        .anyMatch(o -> o.status() != OpportunityStatus.ARCHIVED);
  }

  private void refreshOne(SignalSource source, Signal stored) {
    SourceCounter counter = perSource.get(source.id());
    SignalKey key = stored.key();
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant);
        MDC.MDCCloseable so = MDC.putCloseable("discovery.source", source.id())) {
      Optional<Signal> fresh;
      try {
        counter.calls.incrementAndGet();
        fresh = source.refresh(key, SourceContext.of(s.clock(), tenant, runId));
        if (fresh == null) {
          throw new IllegalStateException("refresh returned null");
        }
        if (fresh.isPresent() && !fresh.get().key().equals(key)) {
          throw new IllegalStateException("refresh returned another signal, " + fresh.get().key());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        queriesFailed.incrementAndGet();
        counter.errors.incrementAndGet();
        errors.add("source " + source.id() + " refresh of " + key + ": interrupted");
        return;
      } catch (Exception e) {
        queriesFailed.incrementAndGet();
        counter.errors.incrementAndGet();
        fail(source, "refresh of " + key.externalId() + " failed", e);
        return;
      }
      fresh.ifPresent(
          x -> {
            counter.fetched.incrementAndGet();
            signalsFetched.incrementAndGet();
          });
      try {
        committed(
            s.storage()
                .inTransaction(
                    tx -> {
                      Batch b = new Batch();
                      if (fresh.isEmpty()) {
                        List<LifecycleChange> changes = List.of(ChangeDetector.removed(stored));
                        recordEvent(tx, key, changes, b);
                        for (Opportunity o : tx.opportunities().listBySignal(tenant, key)) {
                          if (o.status() != OpportunityStatus.ARCHIVED) {
                            archive(tx, o, changes, b);
                          }
                        }
                        return b;
                      }
                      Optional<Signal> current = tx.signals().find(tenant, key);
                      switch (tx.signals().upsert(tenant, fresh.get())) {
                        case NEW -> {
                          b.signalsNew++;
                          apply(tx, current, fresh.get(), b);
                        }
                        case CHANGED -> {
                          b.signalsChanged++;
                          apply(tx, current, fresh.get(), b);
                        }
                        case UNCHANGED -> b.signalsUnchanged++;
                      }
                      return b;
                    }));
      } catch (RuntimeException e) {
        queriesFailed.incrementAndGet();
        counter.errors.incrementAndGet();
        errors.add("storing the refresh of " + key + " failed: " + e.getMessage());
        log.warn(
            "run {}: storing the refresh of {} failed: {}",
            runId,
            Text.oneLine(key.toString()),
            e.toString());
      }
    }
  }

  /**
   * Archives opportunities whose moment passed more than {@link
   * LifecyclePolicy#archiveAfterEventEnd()} ago: an event's end (its start when it has no end), or
   * the publication of a signal without an event. Converted and lost ones are left as they are.
   */
  private void archiveEnded() {
    Instant cutoff = startedAt.minus(s.lifecycle().archiveAfterEventEnd());
    try {
      committed(
          s.storage()
              .inTransaction(
                  tx -> {
                    Batch b = new Batch();
                    for (Opportunity o :
                        tx.opportunities()
                            .listBefore(
                                tenant,
                                cutoff,
                                Set.of(
                                    OpportunityStatus.ARCHIVED,
                                    OpportunityStatus.CONVERTED,
                                    OpportunityStatus.LOST),
                                1_000)) {
                      Instant end =
                          tx.signals()
                              .find(tenant, o.signalKey())
                              .flatMap(Signal::event)
                              .map(e -> e.end().orElse(e.start()))
                              .orElse(o.occursAt());
                      if (end.isBefore(cutoff)) {
                        archive(
                            tx,
                            o,
                            List.of(
                                LifecycleChange.of(
                                    ChangeKind.ENDED,
                                    "Ended on "
                                        + LocalDate.ofInstant(end, ZoneOffset.UTC)
                                        + ": archived")),
                            b);
                      }
                    }
                    return b;
                  }));
    } catch (RuntimeException e) {
      errors.add("archiving ended opportunities failed: " + e.getMessage());
      log.warn("run {}: archiving ended opportunities failed: {}", runId, e.toString());
    }
  }

  private void recordEvent(Storage tx, SignalKey key, List<LifecycleChange> changes, Batch b) {
    tx.runs()
        .addLifecycleEvent(
            LifecycleEvent.builder()
                .tenant(tenant)
                .signalKey(key)
                .detectedAt(s.clock().instant())
                .runId(runId)
                .changes(changes)
                .build());
    b.lifecycleEvents++;
  }

  private RunReport finish(RunReport report) {
    try {
      s.storage().runs().save(report);
    } catch (RuntimeException e) {
      log.warn("run {}: could not store the run report: {}", runId, e.toString());
    }
    log.info(
        "{} run {} for tenant {}: {}, {} queries, {} signals fetched, {} new, {} updated and {}"
            + " archived opportunities, {} errors",
        report.kind().name().toLowerCase(Locale.ROOT),
        runId,
        tenant,
        report.status(),
        report.queriesExecuted(),
        report.signalsFetched(),
        report.opportunitiesNew(),
        report.opportunitiesUpdated(),
        report.opportunitiesArchived(),
        report.errors().size());
    return report;
  }

  /** Records that the profiles run still watch their accounts (when the host opted in). */
  private void recordTracking() {
    if (!s.tracking().enabled()) {
      return;
    }
    List<Profile> due = s.tracking().unrecorded(scope, startedAt);
    if (due.isEmpty()) {
      return;
    }
    try {
      s.storage()
          .inTransaction(
              tx -> {
                for (Profile profile : due) {
                  Tracking.watchlist(tx, profile, startedAt);
                }
                return null;
              });
      s.tracking().committed(due, startedAt);
    } catch (RuntimeException e) {
      errors.add("recording tracking failed: " + e.getMessage());
      log.warn("run {}: recording tracking failed: {}", runId, e.toString());
    }
  }

  /**
   * Matches stored signals against profiles of the scope that are new or changed since their last
   * backfill, so that a profile created after a feed's watermark moved still sees recent signals.
   */
  private void backfill() {
    Instant since = startedAt.minus(s.backfillWindow());
    for (Profile profile : scope) {
      String version = Long.toString(profile.version());
      try {
        Optional<Watermark> done =
            s.storage().sourceState().findWatermark(tenant, BACKFILL_SOURCE, profile.id().value());
        if (done.isPresent() && done.get().cursor().equals(version)) {
          continue;
        }
        ProfileIndex single = ProfileIndex.of(List.of(profile));
        Batch batch =
            s.storage()
                .inTransaction(
                    tx -> {
                      Batch b = new Batch();
                      List<Signal> stored = tx.signals().list(tenant, since, 10_000);
                      for (Signal signal : stored) {
                        process(tx, signal, single, b, List.of());
                      }
                      backfilled.addAndGet(stored.size());
                      tx.sourceState()
                          .saveWatermark(
                              Watermark.builder()
                                  .tenant(tenant)
                                  .sourceId(BACKFILL_SOURCE)
                                  .queryKey(profile.id().value())
                                  .cursor(version)
                                  .updatedAt(s.clock().instant())
                                  .build());
                      return b;
                    });
        committed(batch);
      } catch (RuntimeException e) {
        errors.add("backfill of profile " + profile.id() + " failed: " + e.getMessage());
        log.warn("run {}: backfill of profile {} failed: {}", runId, profile.id(), e.toString());
      }
    }
  }

  /** Plans every source's queries for the profiles in scope, grouping identical ones. */
  private Map<String, PlannedQuery> plan() {
    Map<String, PlannedQuery> planned = new LinkedHashMap<>();
    for (SignalSource source : s.sources()) {
      for (Profile profile : scope) {
        Set<SourceQuery> queries;
        try {
          queries = source.plan(profile);
        } catch (RuntimeException e) {
          fail(source, "planning queries for profile " + profile.id() + " failed", e);
          continue;
        }
        for (SourceQuery q : queries) {
          queriesPlanned.incrementAndGet();
          planned
              .computeIfAbsent(
                  source.id() + "\u0000" + q.key(),
                  k -> new PlannedQuery(source, q, new LinkedHashSet<>()))
              .askedBy()
              .add(profile.id());
        }
      }
    }
    return planned;
  }

  /** Reads each query's watermark, orders them least recently fetched first, assigns budgets. */
  private List<Scheduled> schedule(Collection<PlannedQuery> planned) {
    List<Map.Entry<PlannedQuery, Optional<Watermark>>> withMarks = new ArrayList<>();
    for (PlannedQuery q : planned) {
      try {
        withMarks.add(
            Map.entry(
                q,
                s.storage().sourceState().findWatermark(tenant, q.source().id(), q.query().key())));
      } catch (RuntimeException e) {
        queriesFailed.incrementAndGet();
        perSource.get(q.source().id()).errors.incrementAndGet();
        fail(q.source(), "reading the watermark of query " + q.query().key() + " failed", e);
      }
    }
    withMarks.sort(
        Comparator.comparing(
            (Map.Entry<PlannedQuery, Optional<Watermark>> e) ->
                e.getValue().map(Watermark::updatedAt).orElse(Instant.MIN)));
    Instant now = s.clock().instant();
    List<Scheduled> out = new ArrayList<>();
    for (Map.Entry<PlannedQuery, Optional<Watermark>> e : withMarks) {
      out.add(new Scheduled(e.getKey(), e.getValue(), budgets.reserve(e.getKey().source(), now)));
    }
    return out;
  }

  private void runQuery(Scheduled scheduled) {
    PlannedQuery planned = scheduled.planned();
    SignalSource source = planned.source();
    SourceCounter counter = perSource.get(source.id());
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant);
        MDC.MDCCloseable so = MDC.putCloseable("discovery.source", source.id())) {
      String queryKey = planned.query().key();
      boolean shared = source.capabilities().sharedAcrossTenants();
      Optional<Watermark> watermark = scheduled.watermark();
      SourceResult result;
      try {
        String cursor = watermark.map(Watermark::cursor).orElse("");
        Instant now = s.clock().instant();
        Optional<CachedResult> cached =
            shared
                ? s.storage().sourceState().findCachedResult(source.id(), queryKey, cursor, now)
                : Optional.empty();
        if (cached.isPresent()) {
          if (scheduled.denied().isEmpty()) {
            budgets.release(source);
          }
          result =
              SourceResult.builder()
                  .signals(cached.get().signals())
                  .nextCursor(cached.get().nextCursor())
                  .cacheHit(true)
                  .build();
          counter.calls.incrementAndGet();
          ledger(source, planned, true, now);
        } else {
          if (scheduled.denied().isPresent()) {
            budgetSkipped(source, queryKey, scheduled.denied().get());
            return;
          }
          SourceRequest request =
              SourceRequest.builder()
                  .query(planned.query())
                  .cursor(watermark.map(Watermark::cursor))
                  .limit(s.fetchLimit())
                  .build();
          counter.calls.incrementAndGet();
          try {
            result = source.fetch(request, SourceContext.of(s.clock(), tenant, runId));
          } catch (Exception e) {
            // A failed call may be billed too, and counts against the budget.
            ledger(source, planned, false, now);
            throw e;
          }
          ledger(source, planned, result != null && result.cacheHit(), now);
          if (result == null) {
            throw new IllegalStateException("fetch returned null");
          }
          if (shared && !result.cacheHit()) {
            cache(source, queryKey, cursor, result, now);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        queriesFailed.incrementAndGet();
        counter.errors.incrementAndGet();
        errors.add("source " + source.id() + " query " + queryKey + ": interrupted");
        return;
      } catch (Exception e) {
        queriesFailed.incrementAndGet();
        counter.errors.incrementAndGet();
        fail(source, "query " + queryKey + " failed", e);
        return;
      }
      if (result.cacheHit()) {
        counter.cacheHits.incrementAndGet();
      } else {
        counter.addCost(source.capabilities().costPerCall());
      }
      for (RejectedRecord rejected : result.rejected()) {
        reject(source, counter, rejected.recordId(), rejected.reason());
      }
      Map<SignalKey, Signal> signals = new LinkedHashMap<>();
      for (Signal signal : result.signals()) {
        if (!signal.key().sourceId().equals(source.id())) {
          reject(
              source,
              counter,
              signal.key().externalId(),
              "signal key names source '" + signal.key().sourceId() + "'");
          continue;
        }
        // A page that holds one record twice keeps the version observed last (the later one on
        // a tie), as storage would: last write wins by observation, not by position.
        signals.merge(
            signal.key(),
            signal,
            (kept, next) -> next.observedAt().isBefore(kept.observedAt()) ? kept : next);
      }
      counter.fetched.addAndGet(signals.size());
      signalsFetched.addAndGet(signals.size());
      store(source, counter, planned.query(), watermark, result.nextCursor(), signals);
    }
  }

  /**
   * Stores a fetch's signals, their opportunities and the query's new watermark in one transaction,
   * so that a failure leaves the watermark where it was and the next run fetches the same records
   * again. A batch that lost a race with a concurrent run is retried once.
   */
  private void store(
      SignalSource source,
      SourceCounter counter,
      SourceQuery query,
      Optional<Watermark> previous,
      Optional<String> nextCursor,
      Map<SignalKey, Signal> signals) {
    for (int attempt = 1; ; attempt++) {
      try {
        Batch batch =
            s.storage()
                .inTransaction(
                    tx -> {
                      Batch b = new Batch();
                      List<Signal> list = List.copyOf(signals.values());
                      List<Optional<Signal>> before = new ArrayList<>(list.size());
                      for (Signal signal : list) {
                        before.add(tx.signals().find(tenant, signal.key()));
                      }
                      List<SignalWrite> writes = tx.signals().upsertAll(tenant, list);
                      for (int i = 0; i < list.size(); i++) {
                        switch (writes.get(i)) {
                          case NEW -> {
                            b.signalsNew++;
                            apply(tx, before.get(i), list.get(i), b);
                          }
                          case CHANGED -> {
                            b.signalsChanged++;
                            apply(tx, before.get(i), list.get(i), b);
                          }
                          case UNCHANGED -> b.signalsUnchanged++;
                        }
                      }
                      Optional<String> cursor =
                          nextCursor.isPresent() ? nextCursor : previous.map(Watermark::cursor);
                      if (cursor.isPresent()) {
                        tx.sourceState()
                            .saveWatermark(
                                Watermark.builder()
                                    .tenant(tenant)
                                    .sourceId(source.id())
                                    .queryKey(query.key())
                                    .cursor(cursor.get())
                                    .updatedAt(s.clock().instant())
                                    .build());
                      }
                      return b;
                    });
        enrich(batch);
        committed(batch);
        return;
      } catch (ConcurrentUpdateException e) {
        if (attempt < 2) {
          log.debug(
              "run {}: batch of {} lost a race, retrying: {}", runId, source.id(), e.toString());
          continue;
        }
        storeFailed(source, counter, query, e);
        return;
      } catch (RuntimeException e) {
        storeFailed(source, counter, query, e);
        return;
      }
    }
  }

  /**
   * Enriches the companies of a committed batch's new and changed opportunities through the
   * engine's enricher (outside any transaction: it calls services), and stores what it found on
   * them. A missing key or a failure skips enrichment with a reason in the run report; the
   * opportunities stay as they are.
   */
  private void enrich(Batch batch) {
    if (s.enricher().isEmpty() || batch.pushed.isEmpty()) {
      return;
    }
    Enricher enricher = s.enricher().get();
    Map<String, EnrichmentSubject> subjects = new LinkedHashMap<>();
    for (Opportunity o : batch.pushed) {
      if (o.company().isEmpty() || !o.companyAttributes().isEmpty()) {
        continue;
      }
      String name = o.company().get();
      String id = Normalizer.companyName(name);
      if (id.isEmpty() || subjects.containsKey(id)) {
        continue;
      }
      EnrichmentSubject.Builder subject =
          EnrichmentSubject.builder().id(id).kind(EnrichmentSubject.Kind.COMPANY).name(name);
      domainOf(o.profileId(), name).ifPresent(subject::domain);
      subjects.put(id, subject.build());
    }
    if (subjects.isEmpty() || !enricher.kinds().contains(EnrichmentSubject.Kind.COMPANY)) {
      return;
    }
    EnrichmentResult result;
    try {
      result =
          enricher.enrich(
              List.copyOf(subjects.values()),
              new EnrichmentContext(s.clock(), tenant, runId, s.credentials()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      enrichmentSkipped.add(enricher.id() + ": interrupted");
      return;
    } catch (Exception e) {
      enrichment.errors.incrementAndGet();
      // The class, not the message: a third-party enricher's message might carry a key.
      enrichmentSkipped.add(enricher.id() + ": failed (" + e.getClass().getSimpleName() + ")");
      if (warnedOnce.add("enricher")) {
        log.warn("run {}: enricher {} failed; opportunities stay unenriched", runId, enricher.id());
      }
      return;
    }
    enrichmentSkipped.addAll(result.skipped());
    enrichment.calls.addAndGet(result.calls());
    enrichment.cacheHits.addAndGet(result.cacheHits());
    enrichment.addCost(result.estimatedCost());
    Map<String, Map<String, String>> found = result.attributes();
    if (found.isEmpty()) {
      return;
    }
    try {
      s.storage()
          .inTransaction(
              tx -> {
                for (int i = 0; i < batch.pushed.size(); i++) {
                  Opportunity o = batch.pushed.get(i);
                  Map<String, String> attributes =
                      o.company().map(c -> found.get(Normalizer.companyName(c))).orElse(null);
                  if (attributes == null || attributes.isEmpty()) {
                    continue;
                  }
                  Optional<Opportunity> latest = tx.opportunities().find(o.id());
                  if (latest.isPresent() && latest.get().companyAttributes().isEmpty()) {
                    batch.pushed.set(
                        i,
                        tx.opportunities()
                            .save(
                                Opportunity.builder()
                                    .from(latest.get())
                                    .companyAttributes(attributes)
                                    .build()));
                  }
                }
                return null;
              });
      companiesEnriched.addAndGet(found.size());
    } catch (RuntimeException e) {
      errors.add("storing enrichment failed: " + e.getMessage());
      log.warn("run {}: storing enrichment failed: {}", runId, e.toString());
    }
  }

  /** The first domain of the watchlist company of this name in the profile, if any. */
  private Optional<String> domainOf(ProfileId profileId, String company) {
    Profile p = profilesById.get(profileId);
    if (p == null) {
      return Optional.empty();
    }
    return p.watchlist().stream()
        .filter(c -> c.name().equals(company))
        .flatMap(c -> c.domains().stream())
        .findFirst();
  }

  /** Puts a public source's answer in the shared cache; a failure only costs a future call. */
  private void cache(
      SignalSource source, String queryKey, String cursor, SourceResult result, Instant now) {
    try {
      s.storage()
          .sourceState()
          .saveCachedResult(
              CachedResult.builder()
                  .sourceId(source.id())
                  .queryKey(queryKey)
                  .cursor(cursor)
                  .signals(result.signals())
                  .nextCursor(result.nextCursor())
                  .storedAt(now)
                  .expiresAt(now.plus(s.sharedCacheTtl()))
                  .build());
    } catch (RuntimeException e) {
      log.warn("run {}: caching the answer of {} failed: {}", runId, source.id(), e.toString());
    }
  }

  /** Writes the ledger line of one answered query; a failure is reported, not fatal. */
  private void ledger(SignalSource source, PlannedQuery planned, boolean cacheHit, Instant now) {
    try {
      s.storage()
          .sourceState()
          .addCost(
              CostEntry.builder()
                  .tenant(tenant)
                  .sourceId(source.id())
                  .queryKey(planned.query().key())
                  .at(now)
                  .cacheHit(cacheHit)
                  .cost(cacheHit ? 0 : source.capabilities().costPerCall())
                  .profileIds(planned.askedBy().stream().map(ProfileId::value).toList())
                  .build());
    } catch (RuntimeException e) {
      errors.add("recording the cost of " + source.id() + " failed: " + e.getMessage());
      log.warn("run {}: recording the cost of {} failed: {}", runId, source.id(), e.toString());
    }
  }

  private void budgetSkipped(SignalSource source, String queryKey, String why) {
    perSource.get(source.id()).budgetSkips.incrementAndGet();
    String message =
        "budget of source "
            + source.id()
            + " exhausted for today ("
            + why
            + "): query "
            + queryKey
            + " skipped until tomorrow, watermark kept";
    errors.add(message);
    if (warnedOnce.add("budget:" + source.id())) {
      log.warn("run {}: {}", runId, message);
    }
  }

  private void storeFailed(
      SignalSource source, SourceCounter counter, SourceQuery query, RuntimeException e) {
    queriesFailed.incrementAndGet();
    counter.errors.incrementAndGet();
    errors.add(
        "storing source "
            + source.id()
            + " query "
            + query.key()
            + " failed, watermark kept: "
            + e.getMessage());
    log.warn(
        "run {}: storing results of source {} query {} failed; its watermark did not move: {}",
        runId,
        source.id(),
        query.key(),
        e.toString());
  }

  /**
   * Takes in a new or changed version of a signal: records what changed as a lifecycle event,
   * matches it, and carries the change to every opportunity of the signal, including those of
   * profiles it no longer matches (a sponsor withdrawn, an event cancelled).
   */
  private void apply(Storage tx, Optional<Signal> previous, Signal signal, Batch b) {
    List<LifecycleChange> changes =
        previous.map(p -> ChangeDetector.diff(p, signal)).orElse(List.of());
    if (!changes.isEmpty()) {
      recordEvent(tx, signal.key(), changes, b);
    }
    Set<ProfileId> matched = process(tx, signal, index, b, changes);
    if (previous.isPresent() && !changes.isEmpty()) {
      for (Opportunity o : tx.opportunities().listBySignal(tenant, signal.key())) {
        if (!matched.contains(o.profileId()) && o.status() != OpportunityStatus.ARCHIVED) {
          reflect(tx, o, signal, changes, b);
        }
      }
    }
  }

  /**
   * Updates an opportunity its profile no longer matches: new timing and the change, no rescore.
   */
  private void reflect(
      Storage tx, Opportunity o, Signal signal, List<LifecycleChange> changes, Batch b) {
    Instant now = s.clock().instant();
    boolean archive = cancels(changes);
    b.pushed.add(
        tx.opportunities()
            .save(
                Opportunity.builder()
                    .from(o)
                    .title(signal.title())
                    .occursAt(signal.occursAt())
                    .temporal(s.temporal().assess(signal, now))
                    .signalHash(signal.contentHash())
                    .status(archive ? OpportunityStatus.ARCHIVED : o.status())
                    .changes(withChanges(o.changes(), changes))
                    .changedAt(now)
                    .updatedAt(now)
                    .lastSeenAt(now)
                    .build()));
    if (archive) {
      b.opportunitiesArchived++;
    } else {
      b.opportunitiesUpdated++;
    }
  }

  /** Archives an opportunity with the changes that ended it. */
  private void archive(Storage tx, Opportunity o, List<LifecycleChange> changes, Batch b) {
    Instant now = s.clock().instant();
    tx.opportunities()
        .save(
            Opportunity.builder()
                .from(o)
                .status(OpportunityStatus.ARCHIVED)
                .changes(withChanges(o.changes(), changes))
                .changedAt(now)
                .updatedAt(now)
                .build());
    b.opportunitiesArchived++;
  }

  private List<String> withChanges(List<String> old, List<LifecycleChange> changes) {
    List<String> out = new ArrayList<>();
    for (LifecycleChange c : changes) {
      out.add(c.summary());
    }
    out.addAll(old);
    return out.size() > s.lifecycle().changesKept()
        ? List.copyOf(out.subList(0, s.lifecycle().changesKept()))
        : out;
  }

  private static boolean cancels(List<LifecycleChange> changes) {
    return changes.stream()
        .anyMatch(c -> c.kind() == ChangeKind.CANCELLED || c.kind() == ChangeKind.REMOVED);
  }

  /**
   * Matches one new or changed signal and writes the opportunities it makes; returns the profiles
   * that matched.
   */
  private Set<ProfileId> process(
      Storage tx, Signal signal, ProfileIndex idx, Batch b, List<LifecycleChange> changes) {
    Instant now = s.clock().instant();
    TemporalAssessment timing = null;
    Set<ProfileId> matched = new HashSet<>();
    for (Map.Entry<ProfileId, List<Match>> e : idx.match(signal).entrySet()) {
      Profile profile = profilesById.get(e.getKey());
      if (profile == null || !takes(profile, signal, e.getValue())) {
        continue;
      }
      List<Match> matches = e.getValue();
      b.matches++;
      matched.add(profile.id());
      if (timing == null) {
        timing = s.temporal().assess(signal, now);
      }
      Score score = score(profile, signal, matches, timing, now);
      upsertOpportunity(tx, profile, signal, matches, score, timing, now, changes, b);
    }
    return matched;
  }

  /**
   * Whether a profile takes a signal it matched: a type it accepts, and an anchor match (watchlist,
   * competitor, industry...) at least as confident as the profile asks.
   */
  private static boolean takes(Profile profile, Signal signal, List<Match> matches) {
    if (!profile.accepts(signal.type())) {
      return false;
    }
    double best = Match.bestAnchorConfidence(matches);
    return best > 0 && best >= profile.minConfidence();
  }

  private Score score(
      Profile profile, Signal signal, List<Match> matches, TemporalAssessment timing, Instant now) {
    return s.scorer()
        .score(
            ScoringInput.builder()
                .profile(profile)
                .signal(signal)
                .matches(matches)
                .temporal(timing)
                .now(now)
                .build());
  }

  private void upsertOpportunity(
      Storage tx,
      Profile profile,
      Signal signal,
      List<Match> matches,
      Score score,
      TemporalAssessment timing,
      Instant now,
      List<LifecycleChange> changes,
      Batch b) {
    Optional<Opportunity> existing = tx.opportunities().find(profile.id(), signal.key());
    if (existing.isPresent()) {
      Opportunity old = existing.get();
      if (old.status() == OpportunityStatus.ARCHIVED
          || old.signalHash().equals(signal.contentHash())) {
        b.opportunitiesUnchanged++;
        return;
      }
    }
    Opportunity.Builder builder =
        Opportunity.builder()
            .profileId(profile.id())
            .signalKey(signal.key())
            .signalType(signal.type())
            .title(signal.title())
            .url(signal.url())
            .company(company(matches))
            .publishedAt(signal.publishedAt())
            .occursAt(signal.occursAt())
            .score(score)
            .matches(matches)
            .temporal(timing)
            .signalHash(signal.contentHash())
            .updatedAt(now)
            .lastSeenAt(now);
    Opportunity saved;
    if (existing.isEmpty()) {
      saved =
          tx.opportunities()
              .save(
                  builder
                      .id(OpportunityId.of(tenant, s.ids().get()))
                      .status(OpportunityStatus.NEW)
                      .createdAt(now)
                      .version(0)
                      .build());
      b.opportunitiesNew++;
    } else {
      Opportunity old = existing.get();
      boolean archive = cancels(changes);
      builder.id(old.id()).createdAt(old.createdAt()).version(old.version());
      builder.status(archive ? OpportunityStatus.ARCHIVED : old.status());
      if (changes.isEmpty()) {
        builder.changes(old.changes()).changedAt(old.changedAt());
      } else {
        builder.changes(withChanges(old.changes(), changes)).changedAt(now);
      }
      saved = tx.opportunities().save(builder.build());
      if (archive) {
        b.opportunitiesArchived++;
      } else {
        b.opportunitiesUpdated++;
      }
    }
    b.pushed.add(saved);
    // A new opportunity alerts as new; an existing one only when its signal changed in a way
    // listed as a lifecycle change (moved, cancelled...), and then as an update.
    if (alertWorthy(profile, matches) && (existing.isEmpty() || !changes.isEmpty())) {
      AlertKind kind = existing.isEmpty() ? AlertKind.NEW : AlertKind.UPDATED;
      String key =
          Alert.builder().kind(kind).profile(profile).opportunity(saved).build().dedupeKey();
      Set<String> channels = profile.alerts().channels();
      for (AlertSink sink : s.alertSinks()) {
        if (channels.isEmpty() || channels.contains(sink.id())) {
          enqueue(
              tx,
              sink.id(),
              kind == AlertKind.NEW ? DeliveryKind.NEW_ALERT : DeliveryKind.UPDATED_ALERT,
              saved,
              key,
              profile.alerts().deliverableAt(now));
        }
      }
    }
    for (Map.Entry<String, List<PushRule>> rule : s.pushRules().entrySet()) {
      if (rule.getValue().stream().anyMatch(r -> r.shouldPush(saved, profile))) {
        enqueue(tx, rule.getKey(), DeliveryKind.PUSH, saved, pushKey(saved), now);
      }
    }
  }

  /** The dedupe key of a push: one per version of the signal, so a change is pushed again. */
  static String pushKey(Opportunity o) {
    return o.tenant()
        + "|"
        + o.profileId().value()
        + "|"
        + o.signalKey()
        + "|push|"
        + o.signalHash();
  }

  private void enqueue(
      Storage tx, String sinkId, DeliveryKind kind, Opportunity o, String key, Instant at) {
    Instant now = s.clock().instant();
    tx.outbox()
        .enqueue(
            OutboxEntry.builder()
                .id(s.ids().get())
                .tenant(tenant)
                .sinkId(sinkId)
                .kind(kind)
                .opportunityId(o.id())
                .dedupeKey(key)
                .nextAttemptAt(at)
                .createdAt(now)
                .updatedAt(now)
                .build());
  }

  private static Optional<String> company(List<Match> matches) {
    return matches.stream()
        .filter(m -> m.target() == MatchTarget.WATCHLIST || m.target() == MatchTarget.COMPETITOR)
        .max(Comparator.comparingDouble(Match::confidence))
        .map(Match::term);
  }

  private static boolean alertWorthy(Profile profile, List<Match> matches) {
    return profile.alerts().enabled()
        && matches.stream()
            .anyMatch(
                m ->
                    m.target() == MatchTarget.WATCHLIST
                        && m.confidence() >= profile.alerts().minConfidence());
  }

  /** Adds a committed batch to the run's counts. */
  private void committed(Batch b) {
    synchronized (totals) {
      totals.signalsNew += b.signalsNew;
      totals.signalsChanged += b.signalsChanged;
      totals.signalsUnchanged += b.signalsUnchanged;
      totals.matches += b.matches;
      totals.opportunitiesNew += b.opportunitiesNew;
      totals.opportunitiesUpdated += b.opportunitiesUpdated;
      totals.opportunitiesUnchanged += b.opportunitiesUnchanged;
      totals.opportunitiesArchived += b.opportunitiesArchived;
      totals.lifecycleEvents += b.lifecycleEvents;
    }
  }

  private void reject(SignalSource source, SourceCounter counter, String recordId, String reason) {
    counter.rejected.incrementAndGet();
    recordsRejected.incrementAndGet();
    SourceException e =
        new SourceException(source.id(), recordId, "malformed record: " + reason, null);
    if (warnedOnce.add("reject:" + source.id())) {
      log.warn(
          "run {}: {} (further rejects of this source this run at debug)", runId, e.getMessage());
    } else {
      log.debug("run {}: {}", runId, e.getMessage());
    }
  }

  private void fail(SignalSource source, String what, Exception cause) {
    SourceException e = new SourceException(source.id(), what + ": " + cause.getMessage(), cause);
    errors.add(e.getMessage());
    if (warnedOnce.add("fail:" + source.id())) {
      log.warn(
          "run {}: {} (further failures of this source this run at debug)", runId, e.getMessage());
    } else {
      log.debug("run {}: {}", runId, e.getMessage(), e);
    }
  }

  private void awaitAll(List<Future<?>> futures) {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.add("run interrupted");
        futures.forEach(x -> x.cancel(true));
        return;
      } catch (ExecutionException e) {
        // runQuery handles its own failures; anything here is a bug worth reporting, not hiding.
        queriesFailed.incrementAndGet();
        errors.add("query task failed: " + e.getCause());
        log.error("run {}: query task failed", runId, e.getCause());
      }
    }
  }

  private RunReport report(RunKind kind, int executed) {
    RunStatus status;
    if (queriesFailed.get() == 0 && errors.isEmpty()) {
      status = RunStatus.SUCCEEDED;
    } else if (kind == RunKind.WARM_START) {
      // A warm start is one step: it failed or it did not.
      status = RunStatus.FAILED;
    } else if (executed > 0 && queriesFailed.get() >= executed) {
      status = RunStatus.FAILED;
    } else {
      status = RunStatus.PARTIAL;
    }
    List<SourceStats> stats = new ArrayList<>();
    for (SignalSource source : s.sources()) {
      SourceCounter c = perSource.get(source.id());
      stats.add(
          SourceStats.builder()
              .sourceId(source.id())
              .calls(c.calls.get())
              .cacheHits(c.cacheHits.get())
              .recordsFetched(c.fetched.get())
              .recordsRejected(c.rejected.get())
              .errors(c.errors.get())
              .estimatedCost(c.cost)
              .build());
    }
    s.enricher()
        .ifPresent(
            e ->
                stats.add(
                    SourceStats.builder()
                        .sourceId("enrichment:" + e.id())
                        .calls(enrichment.calls.get())
                        .cacheHits(enrichment.cacheHits.get())
                        .recordsFetched(companiesEnriched.get())
                        .recordsRejected(0)
                        .errors(enrichment.errors.get())
                        .estimatedCost(enrichment.cost)
                        .build()));
    synchronized (totals) {
      return RunReport.builder()
          .runId(runId)
          .kind(kind)
          .tenant(tenant)
          .profiles(scope.stream().map(Profile::id).toList())
          .startedAt(startedAt)
          .finishedAt(s.clock().instant())
          .status(status)
          .queriesPlanned(queriesPlanned.get())
          .queriesExecuted(executed)
          .signalsFetched(signalsFetched.get())
          .signalsNew(totals.signalsNew)
          .signalsChanged(totals.signalsChanged)
          .signalsUnchanged(totals.signalsUnchanged)
          .recordsRejected(recordsRejected.get())
          .signalsBackfilled(backfilled.get())
          .matches(totals.matches)
          .opportunitiesNew(totals.opportunitiesNew)
          .opportunitiesUpdated(totals.opportunitiesUpdated)
          .opportunitiesUnchanged(totals.opportunitiesUnchanged)
          .opportunitiesArchived(totals.opportunitiesArchived)
          .lifecycleEvents(totals.lifecycleEvents)
          .alertsSent(alertsSent.get())
          .companiesEnriched(companiesEnriched.get())
          .enrichmentSkipped(enrichmentSkipped.stream().sorted().toList())
          .sources(stats)
          .errors(errors)
          .build();
    }
  }
}
