package io.github.discoverysdk;

import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.lifecycle.LifecycleManager;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.lifecycle.Staleness;
import io.github.discoverysdk.model.CostSummary;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.HealthStatus;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.support.Require;
import io.github.discoverysdk.temporal.TemporalIntelligence;
import io.github.discoverysdk.temporal.TemporalPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: turns signals from the registered sources into scored, explained opportunities
 * for the discovery profiles of a host's users.
 *
 * <p>Build one per host application with {@link #builder()} and share it: the engine is
 * thread-safe, and runs for different tenants (or the same one) may overlap. {@link #close()} waits
 * for runs in progress and stops the threads the engine created (an executor passed by the host is
 * left to the host); after it, every method that runs, refreshes, warm starts, pushes or dispatches
 * throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * DiscoveryEngine engine = DiscoveryEngine.builder()
 *     .storage(InMemoryStorage.create())
 *     .addSource(JsonFileSource.fromDirectory("demo", Path.of("signals")))
 *     .scorer(Scoring.defaults())
 *     .build();
 * Profile profile = engine.profiles().save(Profile.builder()
 *     .tenant("acme").owner("u-42").name("Fintech EMEA")
 *     .addWatchlist(Company.of("Stripe", "stripe.com")).build());
 * RunReport run = engine.discover(profile.id());
 * Page<Opportunity> feed = engine.feed(FeedQuery.forProfile(profile.id()).build());
 * }</pre>
 */
public final class DiscoveryEngine implements AutoCloseable {
  /** Watermark "source" under which the engine remembers each profile's last scheduled window. */
  static final String SCHEDULE_SOURCE = "_engine.schedule";

  private static final Logger log = LoggerFactory.getLogger(DiscoveryEngine.class);

  private final Storage storage;
  private final List<SignalSource> sources;
  private final Scorer scorer;
  private final Clock clock;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final List<AlertSink> alertSinks;
  private final List<OpportunitySink> opportunitySinks;
  private final List<OutcomeListener> outcomeListeners;
  private final Supplier<String> ids;
  private final TemporalIntelligence temporal;
  private final Duration backfillWindow;
  private final int fetchLimit;
  private final int maxRecordsPerQuery;
  private final RunPipeline pipeline;
  private final Profiles profiles;
  private final Teams teams;
  private final String instanceId;
  private final ProfileIndexes indexes = new ProfileIndexes();
  private final LifecyclePolicy lifecycle;
  private final Duration sharedCacheTtl;
  private final Map<String, SourceBudget> budgets;
  private final Optional<Enricher> enricher;
  private final CredentialStore credentials;
  private final Map<String, List<PushRule>> pushRules;
  private final OutboxDispatcher dispatcher;
  private final Optional<WarmStarter> warmStarter;
  private final boolean collectTracking;
  private final Tracking tracking;
  private final Duration trackingRetention;
  // The UTC day tracking was last pruned on by this engine; -1 before the first time.
  private final AtomicLong trackingPrunedOn = new AtomicLong(-1);
  private final Gate gate = new Gate("this discovery engine");
  private final Duration closeTimeout;

  private DiscoveryEngine(Builder b) {
    this.storage = b.storage;
    this.sources = List.copyOf(b.sources);
    this.scorer = b.scorer;
    this.clock = b.clock;
    this.ownsExecutor = b.executor == null;
    this.executor = ownsExecutor ? defaultExecutor(b.threads) : b.executor;
    this.alertSinks = List.copyOf(b.alertSinks);
    this.opportunitySinks = List.copyOf(b.opportunitySinks);
    this.outcomeListeners = List.copyOf(b.outcomeListeners);
    this.ids = b.ids;
    this.temporal = TemporalIntelligence.of(b.temporalPolicy);
    this.backfillWindow = b.backfillWindow;
    this.fetchLimit = b.fetchLimit;
    this.maxRecordsPerQuery = b.maxRecordsPerQuery;
    this.lifecycle = b.lifecycle;
    this.sharedCacheTtl = b.sharedCacheTtl;
    this.budgets = Map.copyOf(b.budgets);
    this.enricher = Optional.ofNullable(b.enricher);
    this.credentials = b.credentials;
    Map<String, List<PushRule>> rules = new HashMap<>();
    b.pushRules.forEach((k, v) -> rules.put(k, List.copyOf(v)));
    this.pushRules = Map.copyOf(rules);
    this.instanceId = "engine-" + b.ids.get();
    this.dispatcher =
        new OutboxDispatcher(
            storage, clock, alertSinks, opportunitySinks, instanceId, b.maxDeliveryAttempts);
    this.warmStarter = Optional.ofNullable(b.warmStarter);
    this.collectTracking = b.collectTracking;
    this.tracking = new Tracking(collectTracking);
    this.trackingRetention = b.trackingRetention;
    this.closeTimeout = b.closeTimeout;
    this.profiles =
        new Profiles(
            storage,
            clock,
            indexes,
            tracking,
            created -> {
              if (warmStarter.isPresent() && created.enabled()) {
                // A closed engine starts nothing: the profile's first run catches up.
                gate.ifOpen(() -> warmStart(created));
              }
            });
    this.teams = new Teams(storage, clock, ids);
    this.pipeline = new RunPipeline(runConfig());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Saving, finding, listing and deleting profiles. */
  public Profiles profiles() {
    return profiles;
  }

  /** Teams, sharing opportunities with them, their notes, statuses and feeds. */
  public Teams teams() {
    return teams;
  }

  /** Refreshing tracked signals, their lifecycle events and staleness. */
  public LifecycleManager lifecycle() {
    return lifecycleManager;
  }

  private final LifecycleManager lifecycleManager =
      new LifecycleManager() {
        @Override
        public RunReport refresh(String tenant) {
          return DiscoveryEngine.this.refresh(tenant);
        }

        @Override
        public List<LifecycleEvent> events(String tenant, SignalKey signal) {
          requireTenant(tenant);
          return storage
              .runs()
              .listLifecycleEvents(tenant, Objects.requireNonNull(signal, "signal"));
        }

        @Override
        public double staleness(String tenant, SignalKey signal) {
          requireTenant(tenant);
          return storage
              .signals()
              .find(tenant, Objects.requireNonNull(signal, "signal"))
              .map(x -> Staleness.of(x.observedAt(), clock.instant(), lifecycle.staleHalfLife()))
              .orElse(1.0);
        }

        @Override
        public LifecyclePolicy policy() {
          return lifecycle;
        }
      };

  /**
   * Runs discovery for one profile: fetches the queries it needs (each once, since the last
   * watermark), and matches what is new or changed against every enabled profile of the tenant,
   * since a signal fetched once serves them all.
   *
   * @throws NotFoundException if there is no such profile
   * @throws ValidationException if the profile is disabled
   */
  public RunReport discover(ProfileId profileId) {
    return gate.through(
        () -> {
          Profile profile = profiles.get(profileId);
          if (!profile.enabled()) {
            throw new ValidationException(
                "profile " + profileId + " is disabled; enable it to run it");
          }
          return pipeline.discover(profileId.tenant(), List.of(profile));
        });
  }

  /** Runs discovery for every enabled profile of a tenant, fetching each distinct query once. */
  public RunReport discoverAll(String tenant) {
    return gate.through(
        () -> {
          List<Profile> enabled = profiles.list(tenant).stream().filter(Profile::enabled).toList();
          return pipeline.discover(tenant, enabled);
        });
  }

  /**
   * Warm starts a profile: the configured {@link WarmStarter} chooses opportunities of similar
   * profiles of its tenant, and the engine writes them as the profile's own, each re-matched
   * against it and re-scored, in one transaction. An opportunity the profile already has on the
   * same signal is kept as it is, so a warm start can be repeated without duplicates. New
   * opportunities are written as a run writes them: alerts and pushes go to the outbox and are sent
   * by the next run or {@code OutboxDispatcher}; no source, enricher or sink is called here. The
   * engine calls this by itself when {@link Profiles#save} inserts an enabled profile.
   *
   * <p>A failure of the warm starter, scorer or storage is not thrown: the report (kind {@link
   * RunKind#WARM_START}, stored with the other runs) is {@code FAILED} and names it, the profile
   * stays saved, and its first run's backfill matches the stored signals anyway.
   *
   * @throws NotFoundException if there is no such profile
   * @throws ValidationException if no warm starter is configured or the profile is disabled
   */
  public RunReport warmStart(ProfileId profileId) {
    return gate.through(
        () -> {
          Profile profile = profiles.get(profileId);
          if (warmStarter.isEmpty()) {
            throw new ValidationException(
                "no warm starter is configured: call warmStarter(WarmStart.defaults()) on the"
                    + " builder");
          }
          if (!profile.enabled()) {
            throw new ValidationException(
                "profile " + profileId + " is disabled; enable it to run it");
          }
          return warmStart(profile);
        });
  }

  private RunReport warmStart(Profile profile) {
    return pipeline.warmStart(profile, warmStarter.get());
  }

  /**
   * Refreshes the tenant's tracked signals through their sources ({@link SignalSource#refresh}): an
   * event moved, cancelled or changed updates its opportunities (new timing, a change line); a
   * cancelled or removed one archives them; opportunities whose event ended more than {@link
   * LifecyclePolicy#archiveAfterEventEnd()} ago are archived. Archived opportunities are never
   * brought back by a later run. The report's kind is {@link RunKind#REFRESH}.
   */
  public RunReport refresh(String tenant) {
    requireTenant(tenant);
    return gate.through(() -> pipeline.refresh(tenant));
  }

  /**
   * Runs discovery for every profile of every tenant that is due by its {@link Profile#frequency()}
   * or {@link Profile#cron()}, one run per tenant so that identical queries are fetched once. Time
   * is cut into windows: of the frequency's length, aligned on the epoch in UTC (hourly on the
   * hour, daily at midnight UTC), or from one cron fire time to the next in the profile's {@link
   * Profile#scheduleZone()}; a profile runs at most once per window, even when several engines
   * share one store (a lease in storage decides which). After downtime a profile runs once, not
   * once per missed window. Manual and disabled profiles never run here.
   *
   * @return the reports of the runs made, one per tenant that had due profiles
   */
  public List<RunReport> runDue() {
    return gate.through(
        () -> {
          pruneTracking();
          List<RunReport> reports = new ArrayList<>();
          for (String tenant : storage.profiles().tenants()) {
            if (gate.isClosed()) {
              // Closing: the tenants not reached yet run at the next start.
              break;
            }
            dueRun(tenant).ifPresent(reports::add);
          }
          return reports;
        });
  }

  /** {@link #runDue()} for one tenant; empty when none of its profiles is due. */
  public Optional<RunReport> runDue(String tenant) {
    requireTenant(tenant);
    return gate.through(() -> dueRun(tenant));
  }

  private Optional<RunReport> dueRun(String tenant) {
    Instant now = clock.instant();
    List<Profile> due = new ArrayList<>();
    Map<ProfileId, Long> windows = new HashMap<>();
    for (Profile p : profiles.list(tenant)) {
      if (!p.enabled() || (p.cron().isEmpty() && p.frequency() == Frequency.MANUAL)) {
        continue;
      }
      long window;
      Instant windowEnd;
      if (p.cron().isPresent()) {
        // The window is the span between two fire times, named by the one that opened it.
        CronExpression cron = CronExpression.parse(p.cron().get());
        Optional<Instant> opened = cron.previous(now, p.scheduleZone());
        if (opened.isEmpty()) {
          continue;
        }
        window = opened.get().getEpochSecond();
        windowEnd = cron.next(now, p.scheduleZone()).orElse(now.plus(Duration.ofDays(1)));
      } else {
        long seconds = p.frequency().interval().toSeconds();
        window = Math.floorDiv(now.getEpochSecond(), seconds);
        windowEnd = Instant.ofEpochSecond((window + 1) * seconds);
      }
      Optional<Watermark> last =
          storage.sourceState().findWatermark(tenant, SCHEDULE_SOURCE, p.id().value());
      if (last.isPresent() && lastWindow(last.get()) >= window) {
        continue;
      }
      String lease = "schedule:" + p.id().value() + ":" + window;
      if (!storage.sourceState().tryLease(tenant, lease, instanceId, now, windowEnd)) {
        continue;
      }
      due.add(p);
      windows.put(p.id(), window);
    }
    if (due.isEmpty()) {
      return Optional.empty();
    }
    RunReport report = pipeline.discover(tenant, due);
    Instant done = clock.instant();
    storage.inTransaction(
        tx -> {
          for (Map.Entry<ProfileId, Long> e : windows.entrySet()) {
            tx.sourceState()
                .saveWatermark(
                    Watermark.builder()
                        .tenant(tenant)
                        .sourceId(SCHEDULE_SOURCE)
                        .queryKey(e.getKey().value())
                        .cursor(Long.toString(e.getValue()))
                        .updatedAt(done)
                        .build());
          }
          return null;
        });
    return Optional.of(report);
  }

  /** Deletes tracking older than the retention, at most once a UTC day per engine. */
  private void pruneTracking() {
    if (!collectTracking) {
      return;
    }
    Instant now = clock.instant();
    long today = Math.floorDiv(now.getEpochSecond(), 86_400L);
    long last = trackingPrunedOn.get();
    if (last == today || !trackingPrunedOn.compareAndSet(last, today)) {
      return;
    }
    try {
      int deleted = storage.tracking().deleteBefore(now.minus(trackingRetention));
      log.debug("deleted {} tracking observations older than {}", deleted, trackingRetention);
    } catch (RuntimeException e) {
      trackingPrunedOn.compareAndSet(today, last);
      log.warn("deleting old tracking observations failed: {}", e.toString());
    }
  }

  private static long lastWindow(Watermark w) {
    try {
      return Long.parseLong(w.cursor());
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  /**
   * What the tenant's discovery cost in {@code [from, to)}: calls, cache hits, per source and
   * profile.
   */
  public CostSummary costs(String tenant, Instant from, Instant to) {
    requireTenant(tenant);
    requirePeriod(from, to);
    return CostSummary.of(tenant, from, to, storage.sourceState().listCosts(tenant, from, to));
  }

  /** Deletes the shared cache's expired answers; returns how many. */
  public int cleanCache() {
    return storage.sourceState().deleteExpiredResults(clock.instant());
  }

  private static void requirePeriod(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new ValidationException("to must not be before from, was " + from + " .. " + to);
    }
  }

  /** The tenant's discovery health, from its last runs. */
  public HealthSnapshot health(String tenant) {
    requireTenant(tenant);
    List<RunReport> recent = storage.runs().list(tenant, 50);
    HealthSnapshot.Builder b = HealthSnapshot.builder().tenant(tenant);
    if (recent.isEmpty()) {
      return b.status(HealthStatus.IDLE).consecutiveFailures(0).build();
    }
    RunReport last = recent.get(0);
    int failures = 0;
    for (RunReport r : recent) {
      if (r.status() == RunStatus.SUCCEEDED) {
        b.lastSuccessAt(r.finishedAt());
        break;
      }
      failures++;
    }
    HealthStatus status =
        switch (last.status()) {
          case SUCCEEDED -> HealthStatus.HEALTHY;
          case PARTIAL -> failures >= 3 ? HealthStatus.FAILING : HealthStatus.DEGRADED;
          case FAILED -> HealthStatus.FAILING;
        };
    return b.status(status)
        .lastRun(last)
        .consecutiveFailures(failures)
        .failingSources(
            last.sources().stream().filter(x -> x.errors() > 0).map(x -> x.sourceId()).toList())
        .build();
  }

  /** Figures over the tenant's runs that started in {@code [from, to)}. */
  public RunAnalytics analytics(String tenant, Instant from, Instant to) {
    requireTenant(tenant);
    requirePeriod(from, to);
    return RunAnalytics.of(tenant, from, to, storage.runs().list(tenant, from, to));
  }

  private static void requireTenant(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new ValidationException("tenant must not be blank");
    }
  }

  /**
   * Pushes an opportunity to an opportunity sink (a CRM, a calendar) through the outbox and
   * delivers it now; if that fails it is retried by later runs or {@link #dispatch()}. Pushing an
   * unchanged opportunity again to the same sink does nothing.
   *
   * @return whether a delivery was queued (false: the same version was pushed already)
   * @throws NotFoundException if the tenant of {@code id} has no such opportunity
   * @throws ValidationException if no opportunity sink has that id
   */
  public boolean push(OpportunityId id, String sinkId) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sinkId, "sinkId");
    return gate.through(() -> queuePush(id, sinkId));
  }

  private boolean queuePush(OpportunityId id, String sinkId) {
    if (opportunitySinks.stream().noneMatch(s -> s.id().equals(sinkId))) {
      throw new ValidationException("no opportunity sink has the id '" + sinkId + "'");
    }
    Opportunity o =
        storage
            .opportunities()
            .find(id)
            .orElseThrow(() -> new NotFoundException("no opportunity " + id));
    Instant now = clock.instant();
    boolean queued =
        storage
            .outbox()
            .enqueue(
                OutboxEntry.builder()
                    .id(ids.get())
                    .tenant(o.tenant())
                    .sinkId(sinkId)
                    .kind(DeliveryKind.PUSH)
                    .opportunityId(id)
                    .dedupeKey(RunPipeline.pushKey(o))
                    .nextAttemptAt(now)
                    .createdAt(now)
                    .updatedAt(now)
                    .build());
    dispatcher.dispatch(o.tenant());
    return queued;
  }

  /**
   * Delivers every tenant's due outbox entries (alerts, pushes, retries); returns how many were
   * sent. Runs call it for their tenant; a host without a {@link DiscoveryScheduler} may call it
   * from its own timer.
   */
  public int dispatch() {
    return gate.through(
        () -> {
          int sent = 0;
          for (String tenant : storage.profiles().tenants()) {
            if (gate.isClosed()) {
              break;
            }
            sent += dispatcher.dispatch(tenant);
          }
          return sent;
        });
  }

  /** The tenant's outbox, newest first: what was and is to be delivered, and why not. */
  public List<OutboxEntry> outbox(String tenant, int limit) {
    requireTenant(tenant);
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    return storage.outbox().list(tenant, limit);
  }

  /** A page of the feed. See {@link FeedQuery} for filters, sorts and paging. */
  public Page<Opportunity> feed(FeedQuery query) {
    return storage.opportunities().feed(Objects.requireNonNull(query, "query"));
  }

  /** The opportunity, or empty if the tenant of {@code id} has none with that id. */
  public Optional<Opportunity> findOpportunity(OpportunityId id) {
    return storage.opportunities().find(Objects.requireNonNull(id, "id"));
  }

  /**
   * Records a user's feedback and moves the opportunity to the status it implies (dismissed, saved,
   * converted...). The feedback and the status change are stored in one transaction, in which the
   * {@link OutcomeListener}s are then called in the order they were added: if one throws, nothing
   * of the feedback is stored and its exception is rethrown.
   *
   * @return the updated opportunity
   * @throws NotFoundException if the tenant of {@code id} has no such opportunity
   */
  public Opportunity feedback(OpportunityId id, Feedback feedback) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(feedback, "feedback");
    Feedback stamped = Feedback.builder().from(feedback).at(clock.instant()).build();
    return storage.inTransaction(
        tx -> {
          Opportunity current =
              tx.opportunities()
                  .find(id)
                  .orElseThrow(() -> new NotFoundException("no opportunity " + id));
          tx.opportunities().addFeedback(id, stamped);
          Opportunity updated =
              tx.opportunities()
                  .save(
                      Opportunity.builder()
                          .from(current)
                          .status(stamped.type().resultingStatus())
                          .updatedAt(stamped.at().orElseThrow())
                          .build());
          if (collectTracking) {
            Tracking.feedback(tx, updated, stamped.type(), stamped.at().orElseThrow());
          }
          for (OutcomeListener listener : outcomeListeners) {
            listener.onFeedback(updated, stamped, tx);
          }
          return updated;
        });
  }

  /** Feedback recorded on an opportunity, oldest first. */
  public List<Feedback> feedbackOf(OpportunityId id) {
    return storage.opportunities().listFeedback(Objects.requireNonNull(id, "id"));
  }

  /** The tenant's most recent run reports, newest first. */
  public List<RunReport> runs(String tenant, int limit) {
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    return storage.runs().list(tenant, limit);
  }

  /**
   * Closes the engine: later runs, refreshes, warm starts, pushes and dispatches throw {@link
   * IllegalStateException}; {@link #runDue()} and {@link #dispatch()} in progress start no further
   * tenant; then this waits up to {@link Builder#closeTimeout} for operations in progress to end,
   * and stops the engine's own threads (not an executor the host passed in). Operations still
   * running after the timeout are interrupted: what they committed stays committed, and the next
   * start goes on from the watermarks. Reading (feed, profiles, outbox) keeps working. Calling it
   * again is harmless. Called from inside a run (a sink or source), it waits out its timeout. Close
   * a {@link DiscoveryScheduler} of this engine first, or its next tick fails.
   */
  @Override
  public void close() {
    int running = gate.close(closeTimeout);
    if (running > 0) {
      log.warn(
          "closing the discovery engine with {} operation(s) still in progress after {}",
          running,
          closeTimeout);
    }
    if (ownsExecutor) {
      if (running > 0) {
        executor.shutdownNow();
      } else {
        executor.shutdown();
      }
    }
  }

  private RunPipeline.Config runConfig() {
    return new RunPipeline.Config(
        storage,
        clock,
        ids,
        executor,
        new RunPipeline.Fetching(sources, fetchLimit, maxRecordsPerQuery, sharedCacheTtl, budgets),
        new RunPipeline.Output(scorer, temporal, alertSinks, pushRules, enricher, credentials),
        lifecycle,
        backfillWindow,
        indexes::reconcile,
        dispatcher::dispatch,
        tracking,
        gate::isClosed);
  }

  private static ExecutorService defaultExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "discovery-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }

  /** Builds a {@link DiscoveryEngine}. Not thread-safe; every setter validates at once. */
  public static final class Builder {
    private Storage storage;
    private final List<SignalSource> sources = new ArrayList<>();
    private Scorer scorer;
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final List<AlertSink> alertSinks = new ArrayList<>();
    private final List<OpportunitySink> opportunitySinks = new ArrayList<>();
    private final List<OutcomeListener> outcomeListeners = new ArrayList<>();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private TemporalPolicy temporalPolicy = TemporalPolicy.defaults();
    private Duration backfillWindow = Duration.ofDays(90);
    private int fetchLimit = 500;
    private int maxRecordsPerQuery = 50_000;
    private LifecyclePolicy lifecycle = LifecyclePolicy.defaults();
    private Duration sharedCacheTtl = Duration.ofHours(24);
    private final Map<String, SourceBudget> budgets = new HashMap<>();
    private Enricher enricher;
    private final Map<String, List<PushRule>> pushRules = new HashMap<>();
    private int maxDeliveryAttempts = 8;
    private CredentialStore credentials = CredentialStore.none();
    private WarmStarter warmStarter;
    private boolean collectTracking;
    private Duration trackingRetention = Duration.ofDays(180);
    private Duration closeTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** Where everything is kept. Required: {@code InMemoryStorage.create()} to try things out. */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** Adds a source; ids must be unique. */
    public Builder addSource(SignalSource source) {
      Objects.requireNonNull(source, "source");
      String id = source.id();
      if (id == null || id.isBlank()) {
        throw new ValidationException(
            "source id must not be blank: " + source.getClass().getName());
      }
      for (SignalSource s : sources) {
        if (s.id().equals(id)) {
          throw new ValidationException("a source with id '" + id + "' is already registered");
        }
      }
      sources.add(source);
      return this;
    }

    /**
     * How opportunities are scored. Required: {@code Scoring.defaults()} from discovery-scoring.
     */
    public Builder scorer(Scorer scorer) {
      this.scorer = Objects.requireNonNull(scorer, "scorer");
      return this;
    }

    /** The only source of time. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs fetches on the host's executor instead of the engine's own daemon threads. The engine
     * never shuts it down.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Size of the engine's own pool when no executor is given. Default min(4, processors). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new ValidationException("threads must be positive, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    public Builder addAlertSink(AlertSink sink) {
      alertSinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    public Builder addOpportunitySink(OpportunitySink sink) {
      opportunitySinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /**
     * Adds a listener called on every feedback, inside its transaction: a listener that throws
     * rolls the feedback back. See {@link OutcomeListener}.
     */
    public Builder addOutcomeListener(OutcomeListener listener) {
      outcomeListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Gives every newly inserted profile the opportunities of similar profiles of its tenant, so
     * that it has a feed before its first run; for example {@code WarmStart.defaults()} of {@code
     * discovery-scoring}. Default none. See {@link DiscoveryEngine#warmStart}.
     */
    public Builder warmStarter(WarmStarter warmStarter) {
      this.warmStarter = Objects.requireNonNull(warmStarter, "warmStarter");
      return this;
    }

    /**
     * Records which accounts and signals each profile tracks, for anonymous "others are tracking
     * this" figures across tenants ({@code CollectiveIntelligence} of {@code discovery-scoring}).
     * Default off. This is the one place where tenants' data meet in storage: turn it on only if
     * your terms allow it, and show what is read back only through {@code CollectiveIntelligence},
     * which hides every figure fewer than k tenants contribute to. What is recorded: the accounts
     * on a profile's watchlist when it is saved and at each of its discovery runs (at most one row
     * per profile, account and day), and the signal and account of an opportunity saved, actioned,
     * won or lost, in the feedback's transaction. Rows older than {@link #trackingRetention} are
     * deleted by {@link DiscoveryEngine#runDue()} once a day; deleting a profile deletes its rows.
     */
    public Builder collectTracking(boolean collect) {
      this.collectTracking = collect;
      return this;
    }

    /**
     * How long tracking observations are kept when {@link #collectTracking} is on. Default 180
     * days; at least one day.
     */
    public Builder trackingRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.compareTo(Duration.ofDays(1)) < 0) {
        throw new ValidationException("trackingRetention must be at least 1 day, was " + retention);
      }
      this.trackingRetention = retention;
      return this;
    }

    /**
     * How long {@link DiscoveryEngine#close()} waits for runs in progress to end before it
     * interrupts them. Default 30 seconds; zero closes at once.
     *
     * @throws ValidationException if negative
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = Require.notNegative("closeTimeout", timeout);
      return this;
    }

    /** Generator of opportunity and run ids. Default random UUIDs. */
    public Builder idGenerator(Supplier<String> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    public Builder temporalPolicy(TemporalPolicy policy) {
      this.temporalPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How far back stored signals are matched against a profile that is new or changed. Default 90
     * days.
     */
    public Builder backfillWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      Require.notNegative("backfillWindow", window);
      this.backfillWindow = window;
      return this;
    }

    /**
     * How long answers of public sources ({@link
     * io.github.discoverysdk.spi.SourceCapabilities#sharedAcrossTenants()}) are shared through the
     * storage's query cache with other profiles and tenants. Default 24 hours.
     */
    public Builder sharedCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      Require.positive("sharedCacheTtl", ttl);
      this.sharedCacheTtl = ttl;
      return this;
    }

    /**
     * Enriches the companies of new and changed opportunities (an {@code EnrichmentWaterfall} of
     * several services from discovery-connectors, for example); what it finds is stored as {@link
     * io.github.discoverysdk.model.Opportunity#companyAttributes()}. A missing key or a failure is
     * reported in the run report, never fails the run. Default none.
     */
    public Builder enricher(Enricher enricher) {
      this.enricher = Objects.requireNonNull(enricher, "enricher");
      return this;
    }

    /**
     * Pushes every new or changed opportunity that {@code rule} accepts to the opportunity sink
     * {@code sinkId} (registered with {@link #addOpportunitySink}), through the outbox.
     */
    public Builder pushWhen(String sinkId, PushRule rule) {
      Objects.requireNonNull(sinkId, "sinkId");
      pushRules
          .computeIfAbsent(sinkId, k -> new ArrayList<>())
          .add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Attempts of a delivery before its outbox entry is DEAD. Default 8 (about 2 hours). */
    public Builder maxDeliveryAttempts(int attempts) {
      if (attempts < 1) {
        throw new ValidationException("maxDeliveryAttempts must be positive, was " + attempts);
      }
      this.maxDeliveryAttempts = attempts;
      return this;
    }

    /** Per-tenant API keys for enrichers and sources. Default {@link CredentialStore#none()}. */
    public Builder credentials(CredentialStore credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** A daily budget per tenant for one source; see {@link SourceBudget}. */
    public Builder budget(String sourceId, SourceBudget budget) {
      Objects.requireNonNull(sourceId, "sourceId");
      budgets.put(sourceId, Objects.requireNonNull(budget, "budget"));
      return this;
    }

    /** Archiving, tracking and refresh limits. Default {@link LifecyclePolicy#defaults()}. */
    public Builder lifecyclePolicy(LifecyclePolicy policy) {
      this.lifecycle = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Records asked of a source per fetch. Default 500. */
    public Builder fetchLimit(int limit) {
      if (limit < 1) {
        throw new ValidationException("fetchLimit must be positive, was " + limit);
      }
      this.fetchLimit = limit;
      return this;
    }

    /**
     * The most records one query fetches in one run: while a source reports more records ({@link
     * io.github.discoverysdk.spi.SourceResult#more()}), the run fetches the next page, committing
     * each page with its watermark, until a page reports no more or this many records were fetched;
     * the next run continues from there. Must be at least {@link #fetchLimit}. Default 50,000.
     */
    public Builder maxRecordsPerQuery(int records) {
      if (records < 1) {
        throw new ValidationException("maxRecordsPerQuery must be positive, was " + records);
      }
      this.maxRecordsPerQuery = records;
      return this;
    }

    /**
     * @throws ValidationException if storage or scorer is missing
     */
    public DiscoveryEngine build() {
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
      for (String id : pushRules.keySet()) {
        if (!pushIds.contains(id)) {
          throw new ValidationException(
              "pushWhen names sink '" + id + "', but no opportunity sink has that id");
        }
      }
      return new DiscoveryEngine(this);
    }
  }
}
