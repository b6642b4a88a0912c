package io.github.discoverysdk;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Accounts;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.draft.Drafts;
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
import io.github.discoverysdk.recordjobs.Records;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.WarmStarter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * SecuredEngine ana = engine.as(Principal.of("u-42", "acme", "account_manager"));
 * Profile profile = ana.saveProfile(Profile.builder()
 *     .tenant("acme").owner("u-42").name("Fintech EMEA")
 *     .addWatchlist(Company.of("Stripe", "stripe.com")).build());
 * RunReport run = ana.discover(profile.id());
 * Page<Opportunity> feed = ana.feed(FeedQuery.forProfile(profile.id()).build());
 * }</pre>
 *
 * <p><b>Access.</b> A host serves its users through {@link #as}: each call is checked against the
 * principal's roles ({@link EngineBuilder#accessPolicy}) and account scope, and audited. The
 * methods of this class that take no principal, and the facets it returns, are trusted system calls
 * with full rights over every tenant: they throw {@link AccessDeniedException} unless the engine
 * was built with {@link EngineBuilder#allowSystemCalls()}, for back-office jobs and tests.
 *
 * <p><b>Facets.</b> Each subsystem is a facet ({@link #profiles()}, {@link #reviews()} …), added as
 * the package documentation says; this class only delegates to package-private collaborators.
 */
public final class DiscoveryEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryEngine.class);

  private final Gate gate = new Gate("this discovery engine");
  private final EngineThreads threads;
  private final Duration closeTimeout;
  private final EngineParts parts;
  private final Guard guard;

  private DiscoveryEngine(EngineSettings s) {
    this.threads = EngineThreads.of(s.executor(), s.threads());
    this.closeTimeout = s.closeTimeout();
    this.parts = EngineAssembly.assemble(s, gate, threads);
    this.guard = parts.guard();
  }

  /** A new builder; {@link Builder#storage} and {@link Builder#scorer} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The engine as {@code principal} sees it: every call checked against the principal's roles and
   * account scope, and audited. This is how a host serves its users; see {@link SecuredEngine}.
   */
  public SecuredEngine as(Principal principal) {
    return as(principal, RequestContext.none());
  }

  /** {@link #as(Principal)}, with the request's context kept in the audit entries. */
  public SecuredEngine as(Principal principal, RequestContext context) {
    return new SecuredEngine(parts, principal, context);
  }

  /** The background scheduler's round: due runs, without the system-call switch. */
  List<RunReport> tick() {
    return parts.scheduling().runDue();
  }

  /** Saving, finding, listing and deleting profiles. */
  public Profiles profiles() {
    guard.system();
    return parts.profiles();
  }

  /** Teams, sharing opportunities with them, their notes, statuses and feeds. */
  public Teams teams() {
    guard.system();
    return parts.teams();
  }

  /** Refreshing tracked signals, their lifecycle events and staleness. */
  public LifecycleManager lifecycle() {
    guard.system();
    return parts.lifecycle();
  }

  /** Monitored accounts, as trusted system calls audited with the {@code Actor} given. */
  public Accounts accounts() {
    guard.system();
    return parts.accounts();
  }

  /**
   * The review workflow of opportunity cards, as trusted system calls, audited with the {@code
   * Actor} given; escalation and the manual retry of dead deliveries. Principals go through the
   * access layer.
   */
  public Reviews reviews() {
    guard.system();
    return parts.reviews();
  }

  /** Playbook matches and outreach drafts of cards, as trusted system calls. */
  public Drafts drafts() {
    guard.system();
    return parts.drafts();
  }

  /** Tracking a system of record: record jobs, their health, queues and conversions. */
  public Records records() {
    guard.system();
    return parts.records();
  }

  /**
   * The search index, as trusted system calls: reconcile it with storage after a crash, rebuild a
   * tenant, search a tenant. Principals search through {@code as(principal).search()}.
   *
   * @throws IllegalStateException if no index was registered with {@code searchIndex}
   */
  public SearchSync search() {
    guard.system();
    return parts.search().orElseThrow(SecuredSearch::noIndex);
  }

  /** Discovery sessions, as trusted system calls; principals use {@code as(p).sessions()}. */
  public Sessions sessions() {
    guard.system();
    return parts.sessions();
  }

  /** Closed-deal enrichment, the ICP and its monthly chain, as trusted system calls. */
  public io.github.discoverysdk.deals.ClosedDeals closedDeals() {
    guard.system();
    return parts.closedDeals();
  }

  /** The reconciliation job (trusted calls), run by {@code runDue()} on its schedule if set. */
  public io.github.discoverysdk.reconcile.Reconciliation reconciliation() {
    guard.system();
    return parts.reconciliation();
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
    guard.system();
    return parts.runs().discover(profileId);
  }

  /** Runs discovery for every enabled profile of a tenant, fetching each distinct query once. */
  public RunReport discoverAll(String tenant) {
    guard.system();
    return parts.runs().discoverAll(tenant);
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
    guard.system();
    return parts.runs().warmStart(profileId);
  }

  /**
   * Refreshes the tenant's tracked signals through their sources ({@link SignalSource#refresh}): an
   * event moved, cancelled or changed updates its opportunities (new timing, a change line); a
   * cancelled or removed one archives them; opportunities whose event ended more than {@link
   * LifecyclePolicy#archiveAfterEventEnd()} ago are archived. Archived opportunities are never
   * brought back by a later run. The report's kind is {@link RunKind#REFRESH}.
   */
  public RunReport refresh(String tenant) {
    guard.system();
    return parts.runs().refresh(tenant);
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
   * Manual and disabled profiles never run here. With review on ({@link Builder#review}), each call
   * first escalates the cards left in review too long ({@link
   * io.github.discoverysdk.review.Reviews#escalateOverdue()}).
   *
   * @return the reports of the runs made, one per tenant that had due profiles
   */
  public List<RunReport> runDue() {
    guard.system();
    return parts.scheduling().runDue();
  }

  /** {@link #runDue()} for one tenant; empty when none of its profiles is due. */
  public Optional<RunReport> runDue(String tenant) {
    guard.system();
    return parts.scheduling().runDue(tenant);
  }

  /**
   * What the tenant's discovery cost in {@code [from, to)}: calls, cache hits, per source and
   * profile.
   */
  public CostSummary costs(String tenant, Instant from, Instant to) {
    guard.system();
    return parts.insights().costs(tenant, from, to);
  }

  /** Deletes the shared cache's expired answers; returns how many. */
  public int cleanCache() {
    guard.system();
    return parts.insights().cleanCache();
  }

  /** The tenant's discovery health, from its last runs. */
  public HealthSnapshot health(String tenant) {
    guard.system();
    return parts.insights().health(tenant);
  }

  /** Figures over the tenant's runs that started in {@code [from, to)}. */
  public RunAnalytics analytics(String tenant, Instant from, Instant to) {
    guard.system();
    return parts.insights().analytics(tenant, from, to);
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
    guard.system();
    return parts.deliveries().push(Profiles.SYSTEM, id, sinkId);
  }

  /**
   * Delivers every tenant's due outbox entries (alerts, pushes, retries); returns how many were
   * sent. Runs call it for their tenant; a host without a {@link DiscoveryScheduler} may call it
   * from its own timer.
   */
  public int dispatch() {
    guard.system();
    return parts.deliveries().dispatch();
  }

  /** The tenant's outbox, newest first: what was and is to be delivered, and why not. */
  public List<OutboxEntry> outbox(String tenant, int limit) {
    guard.system();
    return parts.deliveries().outbox(tenant, limit);
  }

  /** A page of the feed. See {@link FeedQuery} for filters, sorts and paging. */
  public Page<Opportunity> feed(FeedQuery query) {
    guard.system();
    return parts.opportunities().feed(query);
  }

  /** The opportunity, or empty if the tenant of {@code id} has none with that id. */
  public Optional<Opportunity> findOpportunity(OpportunityId id) {
    guard.system();
    return parts.opportunities().find(id);
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
    guard.system();
    return parts.opportunities().feedback(Profiles.SYSTEM, id, feedback);
  }

  /** Feedback recorded on an opportunity, oldest first. */
  public List<Feedback> feedbackOf(OpportunityId id) {
    guard.system();
    return parts.opportunities().feedbackOf(id);
  }

  /** The tenant's most recent run reports, newest first. */
  public List<RunReport> runs(String tenant, int limit) {
    guard.system();
    return parts.insights().runs(tenant, limit);
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
