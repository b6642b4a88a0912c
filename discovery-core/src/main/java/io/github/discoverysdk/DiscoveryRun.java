package io.github.discoverysdk;

import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.temporal.TemporalAssessment;
import io.github.discoverysdk.temporal.TemporalIntelligence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
      int fetchLimit) {}

  /** A distinct query of one source and the profiles that asked for it. */
  private record PlannedQuery(SignalSource source, SourceQuery query) {}

  /** What one committed batch produced; merged into the run's counts only after commit. */
  private static final class Batch {
    int signalsNew;
    int signalsChanged;
    int signalsUnchanged;
    int matches;
    int opportunitiesNew;
    int opportunitiesUpdated;
    int opportunitiesUnchanged;
    final List<Alert> alerts = new ArrayList<>();
    final List<Opportunity> pushed = new ArrayList<>();
  }

  private static final class SourceCounter {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger cacheHits = new AtomicInteger();
    final AtomicInteger fetched = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
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
  private final Batch totals = new Batch();
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
  }

  RunReport execute() {
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant)) {
      Map<ProfileId, Profile> all = new LinkedHashMap<>();
      for (Profile p : s.storage().listProfiles(tenant)) {
        if (p.enabled()) {
          all.put(p.id(), p);
        }
      }
      profilesById = all;
      index = ProfileIndex.of(all.values());
      backfill();
      Map<String, PlannedQuery> planned = plan();
      List<Future<?>> futures = new ArrayList<>();
      for (PlannedQuery q : planned.values()) {
        futures.add(s.executor().submit(() -> runQuery(q)));
      }
      awaitAll(futures);
      RunReport report = report(planned.size());
      try {
        s.storage().saveRun(report);
      } catch (RuntimeException e) {
        log.warn("run {}: could not store the run report: {}", runId, e.toString());
      }
      log.info(
          "discovery run {} for tenant {}: {}, {} queries, {} signals fetched, {} new and {}"
              + " updated opportunities, {} errors",
          runId,
          tenant,
          report.status(),
          report.queriesExecuted(),
          report.signalsFetched(),
          report.opportunitiesNew(),
          report.opportunitiesUpdated(),
          report.errors().size());
      return report;
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
            s.storage().findWatermark(tenant, BACKFILL_SOURCE, profile.id().value());
        if (done.isPresent() && done.get().cursor().equals(version)) {
          continue;
        }
        ProfileIndex single = ProfileIndex.of(List.of(profile));
        Batch batch =
            s.storage()
                .inTransaction(
                    tx -> {
                      Batch b = new Batch();
                      List<Signal> stored = tx.listSignals(tenant, since, 10_000);
                      for (Signal signal : stored) {
                        process(tx, signal, single, b);
                      }
                      backfilled.addAndGet(stored.size());
                      tx.saveWatermark(
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
          planned.putIfAbsent(source.id() + "\u0000" + q.key(), new PlannedQuery(source, q));
        }
      }
    }
    return planned;
  }

  private void runQuery(PlannedQuery planned) {
    SignalSource source = planned.source();
    SourceCounter counter = perSource.get(source.id());
    try (MDC.MDCCloseable r = MDC.putCloseable("discovery.run", runId);
        MDC.MDCCloseable t = MDC.putCloseable("discovery.tenant", tenant);
        MDC.MDCCloseable so = MDC.putCloseable("discovery.source", source.id())) {
      String queryKey = planned.query().key();
      Optional<Watermark> watermark;
      SourceResult result;
      try {
        watermark = s.storage().findWatermark(tenant, source.id(), queryKey);
        SourceRequest request =
            SourceRequest.builder()
                .query(planned.query())
                .cursor(watermark.map(Watermark::cursor))
                .limit(s.fetchLimit())
                .build();
        counter.calls.incrementAndGet();
        result = source.fetch(request, SourceContext.of(s.clock(), tenant, runId));
        if (result == null) {
          throw new IllegalStateException("fetch returned null");
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
        signals.put(signal.key(), signal);
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
                      List<SignalWrite> writes = tx.upsertSignals(tenant, list);
                      for (int i = 0; i < list.size(); i++) {
                        switch (writes.get(i)) {
                          case NEW -> {
                            b.signalsNew++;
                            process(tx, list.get(i), index, b);
                          }
                          case CHANGED -> {
                            b.signalsChanged++;
                            process(tx, list.get(i), index, b);
                          }
                          case UNCHANGED -> b.signalsUnchanged++;
                        }
                      }
                      Optional<String> cursor =
                          nextCursor.isPresent() ? nextCursor : previous.map(Watermark::cursor);
                      if (cursor.isPresent()) {
                        tx.saveWatermark(
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

  /** Matches one new or changed signal and writes the opportunities it makes. */
  private void process(Storage tx, Signal signal, ProfileIndex idx, Batch b) {
    Instant now = s.clock().instant();
    TemporalAssessment timing = null;
    for (Map.Entry<ProfileId, List<Match>> e : idx.match(signal).entrySet()) {
      Profile profile = profilesById.get(e.getKey());
      if (profile == null || !profile.accepts(signal.type())) {
        continue;
      }
      List<Match> matches = e.getValue();
      double best =
          matches.stream()
              .filter(m -> m.target().isAnchor())
              .mapToDouble(Match::confidence)
              .max()
              .orElse(0);
      if (best == 0 || best < profile.minConfidence()) {
        continue;
      }
      b.matches++;
      if (timing == null) {
        timing = s.temporal().assess(signal, now);
      }
      Score score =
          s.scorer()
              .score(
                  ScoringInput.builder()
                      .profile(profile)
                      .signal(signal)
                      .matches(matches)
                      .temporal(timing)
                      .now(now)
                      .build());
      upsertOpportunity(tx, profile, signal, matches, score, timing, now, b);
    }
  }

  private void upsertOpportunity(
      Storage tx,
      Profile profile,
      Signal signal,
      List<Match> matches,
      Score score,
      TemporalAssessment timing,
      Instant now,
      Batch b) {
    Optional<Opportunity> existing = tx.findOpportunity(profile.id(), signal.key());
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
          tx.saveOpportunity(
              builder
                  .id(OpportunityId.of(tenant, s.ids().get()))
                  .status(OpportunityStatus.NEW)
                  .createdAt(now)
                  .version(0)
                  .build());
      b.opportunitiesNew++;
    } else {
      Opportunity old = existing.get();
      saved =
          tx.saveOpportunity(
              builder
                  .id(old.id())
                  .status(old.status())
                  .createdAt(old.createdAt())
                  .version(old.version())
                  .build());
      b.opportunitiesUpdated++;
    }
    b.pushed.add(saved);
    if (alertWorthy(profile, matches)) {
      b.alerts.add(
          Alert.builder()
              .kind(existing.isEmpty() ? AlertKind.NEW : AlertKind.UPDATED)
              .profile(profile)
              .opportunity(saved)
              .build());
    }
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

  /** Adds a committed batch to the run's counts and delivers what it produced. */
  private void committed(Batch b) {
    synchronized (totals) {
      totals.signalsNew += b.signalsNew;
      totals.signalsChanged += b.signalsChanged;
      totals.signalsUnchanged += b.signalsUnchanged;
      totals.matches += b.matches;
      totals.opportunitiesNew += b.opportunitiesNew;
      totals.opportunitiesUpdated += b.opportunitiesUpdated;
      totals.opportunitiesUnchanged += b.opportunitiesUnchanged;
    }
    for (Alert alert : b.alerts) {
      Set<String> channels = alert.profile().alerts().channels();
      for (AlertSink sink : s.alertSinks()) {
        if (!channels.isEmpty() && !channels.contains(sink.id())) {
          continue;
        }
        try {
          sink.deliver(alert);
          alertsSent.incrementAndGet();
        } catch (Exception e) {
          sinkFailed("alert sink " + sink.id(), e);
        }
      }
    }
    for (Opportunity o : b.pushed) {
      for (OpportunitySink sink : s.opportunitySinks()) {
        try {
          sink.accept(o, profilesById.get(o.profileId()));
        } catch (Exception e) {
          sinkFailed("opportunity sink " + sink.id(), e);
        }
      }
    }
  }

  private void sinkFailed(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    errors.add(what + " failed: " + e.getMessage());
    if (warnedOnce.add(what)) {
      log.warn(
          "run {}: {} failed (further failures this run at debug): {}", runId, what, e.toString());
    } else {
      log.debug("run {}: {} failed: {}", runId, what, e.toString());
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

  private RunReport report(int executed) {
    RunStatus status;
    if (queriesFailed.get() == 0 && errors.isEmpty()) {
      status = RunStatus.SUCCEEDED;
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
    synchronized (totals) {
      return RunReport.builder()
          .runId(runId)
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
          .alertsSent(alertsSent.get())
          .sources(stats)
          .errors(errors)
          .build();
    }
  }
}
