package io.github.discoverysdk;

import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.lifecycle.LifecycleManager;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.model.CostSummary;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
 *
 * <p><b>Facets.</b> Each subsystem is reached from the engine as a facet: {@link #profiles()},
 * {@link #teams()}, {@link #lifecycle()}. A new subsystem (records, accounts and review, sessions,
 * deals) adds its facet in three steps: (1) a package of core with its own store, reached through
 * one accessor on {@link Storage} that every storage implements and the testkit's storage contract
 * covers; (2) a thread-safe facade class in that package, built from the storage, the clock and its
 * own settings, never from the engine, which writes its audit rows in the same transaction as its
 * change; (3) one accessor here returning it, wired in the constructor next to the other facets,
 * with any builder setting it needs added to the builder and its settings. A facet whose calls
 * start work that {@link #close()} must wait for goes through the engine's gate, as the runs do; a
 * facet that only reads and writes storage keeps working after close, as {@link #profiles()} does.
 * This class only delegates: the work of each method is in a package-private collaborator of this
 * package.
 */
public final class DiscoveryEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryEngine.class);

  private final Gate gate = new Gate("this discovery engine");
  private final EngineThreads threads;
  private final Duration closeTimeout;
  private final Profiles profiles;
  private final Teams teams;
  private final LifecycleManager lifecycle;
  private final OnDemandRuns runs;
  private final Scheduling scheduling;
  private final Insights insights;
  private final Deliveries deliveries;
  private final Opportunities opportunities;

  private DiscoveryEngine(EngineSettings s) {
    Storage storage = s.storage();
    this.threads = EngineThreads.of(s.executor(), s.threads());
    this.closeTimeout = s.closeTimeout();
    String instanceId = "engine-" + s.ids().get();
    OutboxDispatcher dispatcher =
        new OutboxDispatcher(
            storage,
            s.clock(),
            s.alertSinks(),
            s.opportunitySinks(),
            instanceId,
            s.maxDeliveryAttempts());
    Tracking tracking = new Tracking(s.collectTracking());
    ProfileIndexes indexes = new ProfileIndexes();
    RunPipeline pipeline =
        new RunPipeline(
            s.pipelineConfig(
                threads.executor(),
                indexes::reconcile,
                dispatcher::dispatch,
                tracking,
                gate::isClosed));
    Consumer<Profile> onInsert = OnDemandRuns.warmStartOnInsert(gate, pipeline, s.warmStarter());

    // The facets. A new subsystem wires its facade here, from the storage, the clock and its own
    // settings (see "Facets" in the class documentation), and adds one accessor below.
    this.profiles = new Profiles(storage, s.clock(), indexes, tracking, onInsert);
    this.teams = new Teams(storage, s.clock(), s.ids());
    this.runs = new OnDemandRuns(gate, pipeline, profiles, s.warmStarter());
    this.lifecycle = new EngineLifecycle(storage, s.clock(), s.lifecycle(), runs);

    // The collaborators behind the engine's own methods.
    TrackingRetention retention =
        new TrackingRetention(storage, s.clock(), s.collectTracking(), s.trackingRetention());
    this.scheduling =
        new Scheduling(storage, s.clock(), gate, pipeline, profiles, retention, instanceId);
    this.insights = new Insights(storage, s.clock());
    this.deliveries =
        new Deliveries(storage, s.clock(), s.ids(), gate, s.opportunitySinks(), dispatcher);
    this.opportunities =
        new Opportunities(storage, s.clock(), s.collectTracking(), s.outcomeListeners());
  }

  /** A new builder; {@link Builder#storage} and {@link Builder#scorer} are required. */
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
    return lifecycle;
  }

  /**
   * Runs discovery for one profile: fetches the queries it needs (each once, since the last
   * watermark), and matches what is new or changed against every enabled profile of the tenant,
   * since a signal fetched once serves them all.
   *
   * @throws NotFoundException if there is no such profile
   * @throws ValidationException if the profile is disabled
   */
  public RunReport discover(ProfileId profileId) {
    return runs.discover(profileId);
  }

  /** Runs discovery for every enabled profile of a tenant, fetching each distinct query once. */
  public RunReport discoverAll(String tenant) {
    return runs.discoverAll(tenant);
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
    return runs.warmStart(profileId);
  }

  /**
   * Refreshes the tenant's tracked signals through their sources ({@link SignalSource#refresh}): an
   * event moved, cancelled or changed updates its opportunities (new timing, a change line); a
   * cancelled or removed one archives them; opportunities whose event ended more than {@link
   * LifecyclePolicy#archiveAfterEventEnd()} ago are archived. Archived opportunities are never
   * brought back by a later run. The report's kind is {@link RunKind#REFRESH}.
   */
  public RunReport refresh(String tenant) {
    return runs.refresh(tenant);
  }

  /**
   * Runs discovery for every profile of every tenant that is due by its {@link Profile#frequency()}
   * or {@link Profile#cron()}, one run per tenant so that identical queries are fetched once. Time
   * is cut into windows: of the frequency's length, aligned on the epoch in UTC (hourly on the
   * hour, daily at midnight UTC), or from one cron fire time to the next in the profile's {@link
   * Profile#scheduleZone()}; a profile runs at most once per window, even when several engines
   * share one store (a lease in storage decides which). The lease is renewed while the run lives:
   * if the engine dies mid-run, an engine started a few minutes later or more (with any instance
   * id) runs the window then. After downtime a profile runs once, not once per missed window.
   * Manual and disabled profiles never run here.
   *
   * @return the reports of the runs made, one per tenant that had due profiles
   */
  public List<RunReport> runDue() {
    return scheduling.runDue();
  }

  /** {@link #runDue()} for one tenant; empty when none of its profiles is due. */
  public Optional<RunReport> runDue(String tenant) {
    return scheduling.runDue(tenant);
  }

  /**
   * What the tenant's discovery cost in {@code [from, to)}: calls, cache hits, per source and
   * profile.
   */
  public CostSummary costs(String tenant, Instant from, Instant to) {
    return insights.costs(tenant, from, to);
  }

  /** Deletes the shared cache's expired answers; returns how many. */
  public int cleanCache() {
    return insights.cleanCache();
  }

  /** The tenant's discovery health, from its last runs. */
  public HealthSnapshot health(String tenant) {
    return insights.health(tenant);
  }

  /** Figures over the tenant's runs that started in {@code [from, to)}. */
  public RunAnalytics analytics(String tenant, Instant from, Instant to) {
    return insights.analytics(tenant, from, to);
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
    return deliveries.push(id, sinkId);
  }

  /**
   * Delivers every tenant's due outbox entries (alerts, pushes, retries); returns how many were
   * sent. Runs call it for their tenant; a host without a {@link DiscoveryScheduler} may call it
   * from its own timer.
   */
  public int dispatch() {
    return deliveries.dispatch();
  }

  /** The tenant's outbox, newest first: what was and is to be delivered, and why not. */
  public List<OutboxEntry> outbox(String tenant, int limit) {
    return deliveries.outbox(tenant, limit);
  }

  /** A page of the feed. See {@link FeedQuery} for filters, sorts and paging. */
  public Page<Opportunity> feed(FeedQuery query) {
    return opportunities.feed(query);
  }

  /** The opportunity, or empty if the tenant of {@code id} has none with that id. */
  public Optional<Opportunity> findOpportunity(OpportunityId id) {
    return opportunities.find(id);
  }

  /**
   * Records a user's feedback and moves the opportunity to the status it implies (dismissed, saved,
   * converted...). The feedback and the status change are stored in one transaction, in which the
   * {@link OutcomeListener}s are then called in the order they were added: if one throws, nothing
   * of the feedback is stored and its exception is rethrown. A transaction that loses a version
   * race (another user's feedback, a run) is run again on the opportunity as the other writer left
   * it, listeners included, so concurrent feedback on one opportunity all gets in.
   *
   * @return the updated opportunity
   * @throws NotFoundException if the tenant of {@code id} has no such opportunity
   * @throws ConcurrentUpdateException only if every one of several attempts lost a race
   */
  public Opportunity feedback(OpportunityId id, Feedback feedback) {
    return opportunities.feedback(id, feedback);
  }

  /** Feedback recorded on an opportunity, oldest first. */
  public List<Feedback> feedbackOf(OpportunityId id) {
    return opportunities.feedbackOf(id);
  }

  /** The tenant's most recent run reports, newest first. */
  public List<RunReport> runs(String tenant, int limit) {
    return insights.runs(tenant, limit);
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
    threads.stop(running > 0);
  }

  /**
   * Builds a {@link DiscoveryEngine}. Not thread-safe; every setter validates at once, naming the
   * bad value, and {@link #build()} checks the settings against each other.
   */
  public static final class Builder extends EngineBuilder {
    private Builder() {}

    /**
     * @throws ValidationException if storage or scorer is missing, or settings contradict each
     *     other (a push rule naming no sink, two sinks with one id, fewer records per query than
     *     per fetch)
     */
    public DiscoveryEngine build() {
      return new DiscoveryEngine(settings());
    }
  }
}
