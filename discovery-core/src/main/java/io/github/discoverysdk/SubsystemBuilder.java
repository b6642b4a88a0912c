package io.github.discoverysdk;

import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.draft.DraftGenerator;
import io.github.discoverysdk.draft.TemplateDraftGenerator;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.reconcile.FindingSink;
import io.github.discoverysdk.reconcile.ReconcileListener;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.session.SessionExportSink;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.SignalProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The setters of {@link DiscoveryEngine.Builder} for the subsystems beside discovery: access
 * control, review, the audit log and record jobs. A new subsystem adds its setters here, so that
 * {@link EngineBuilder} keeps the discovery settings and each file stays short. Package-private and
 * sealed to {@link EngineBuilder}, as that class is to the builder: each setter returns the {@code
 * DiscoveryEngine.Builder} it was called on. Not thread-safe.
 */
abstract sealed class SubsystemBuilder permits EngineBuilder {
  private AccessPolicy accessPolicy = AccessPolicy.defaults();
  private boolean systemCalls;
  private ReviewSettings review;
  private boolean auditViews;
  private final List<RecordJob> recordJobs = new ArrayList<>();
  private final List<RunListener> runListeners = new ArrayList<>();
  private final List<SignalProcessor> processors = new ArrayList<>();
  private Playbooks playbooks = Playbooks.defaults();
  private DraftGenerator draftGenerator = TemplateDraftGenerator.create();
  private Function<Signal, Set<RiskFlag>> riskFlags = io.github.discoverysdk.insight.RiskFlags::of;
  private SearchIndex searchIndex;
  private Catalogue sessionCatalogue;
  private ClosedDealSettings closedDeals = ClosedDealSettings.defaults();
  private final List<SessionExportSink> sessionExportSinks = new ArrayList<>();
  private Predicate<String> applyCompletedSessions = tenant -> false;
  private final List<FindingSink> findingSinks = new ArrayList<>();
  private final List<ReconcileListener> reconcileListeners = new ArrayList<>();
  private Duration reconcileEvery;

  SubsystemBuilder() {}

  /**
   * Adds a job over a system of record ({@code RecordJob.tracking}, {@code newRecords}, {@code
   * aging}), run by {@code runDue()} at its cron times and reached through {@code
   * engine.records()}. Names must be unique per tenant.
   */
  public DiscoveryEngine.Builder addRecordJob(RecordJob job) {
    recordJobs.add(Objects.requireNonNull(job, "job"));
    return self();
  }

  /**
   * Adds an ingestion processor (for example {@code PiiRedactor} of discovery-connectors), run on
   * every signal a source returns before it is cached, stored, matched or delivered, for every
   * tenant its {@link SignalProcessor#enabledFor} accepts. Processors run in the order added.
   */
  public DiscoveryEngine.Builder addSignalProcessor(SignalProcessor processor) {
    processors.add(Objects.requireNonNull(processor, "processor"));
    return self();
  }

  /**
   * Adds an ingestion processor for the tenants {@code tenants} accepts only; see {@link
   * #addSignalProcessor(SignalProcessor)}.
   */
  public DiscoveryEngine.Builder addSignalProcessor(
      SignalProcessor processor, Predicate<String> tenants) {
    return addSignalProcessor(SignalProcessor.forTenants(processor, tenants));
  }

  /**
   * Turns review on: runs create a PENDING_REVIEW card for each new opportunity whose company
   * attaches to an account ({@link DiscoveryEngine#accounts()}), and {@link
   * DiscoveryEngine#runDue()} escalates cards left in review too long ({@link
   * DiscoveryEngine#reviews()}). Default off: runs then create no card and look up no account. The
   * review actions work either way.
   *
   * @throws ValidationException on {@code build()} if the escalation sink is no alert sink's id
   */
  public DiscoveryEngine.Builder review(ReviewSettings settings) {
    this.review = Objects.requireNonNull(settings, "settings");
    return self();
  }

  /** Whether reads through the access layer are audited as views. Default off. */
  public DiscoveryEngine.Builder auditViews(boolean audit) {
    this.auditViews = audit;
    return self();
  }

  /**
   * The roles that {@link DiscoveryEngine#as} checks principals against. Default {@link
   * AccessPolicy#defaults()}: admin, manager, account manager and viewer.
   */
  public DiscoveryEngine.Builder accessPolicy(AccessPolicy policy) {
    this.accessPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * Allows trusted system calls: the engine's methods that take no {@link
   * io.github.discoverysdk.access.Principal} ({@code discover}, {@code feed}, {@code profiles()},
   * {@code teams()}, …) then act with full rights over every tenant, audited as {@code
   * system:host}. Without it they throw {@link AccessDeniedException}, and a host reaches a
   * tenant's data only through {@link DiscoveryEngine#as}. Turn it on for back-office jobs, tests
   * and single-user tools that authorize on their own; off by default.
   */
  public DiscoveryEngine.Builder allowSystemCalls() {
    this.systemCalls = true;
    return self();
  }

  /**
   * Adds a listener that hears of every finished run, once its report is stored: metrics ({@code
   * discovery-micrometer}'s {@code DiscoveryMetrics}), dashboards, progress. Listeners are called
   * in the order added; one that throws is logged and ignored.
   */
  public DiscoveryEngine.Builder addRunListener(RunListener listener) {
    runListeners.add(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * The playbooks and rules that select a card's playbook ({@link DiscoveryEngine#drafts()}).
   * Default {@link Playbooks#defaults()}.
   */
  public DiscoveryEngine.Builder playbooks(Playbooks playbooks) {
    this.playbooks = Objects.requireNonNull(playbooks, "playbooks");
    return self();
  }

  /**
   * Writes the outreach drafts of cards. Default {@link TemplateDraftGenerator}, which fills the
   * matched playbook's templates; when another generator fails, its drafts fall back to those.
   */
  public DiscoveryEngine.Builder draftGenerator(DraftGenerator generator) {
    this.draftGenerator = Objects.requireNonNull(generator, "generator");
    return self();
  }

  /**
   * The risk flags a card's signal raises, which playbook rules read ({@link
   * io.github.discoverysdk.playbook.PlaybookRule#anyRiskFlags()}). Default {@link
   * io.github.discoverysdk.insight.RiskFlags#of}; a competitor move is added from the card's own
   * competitor matches whatever the function says.
   */
  public DiscoveryEngine.Builder riskFlags(Function<Signal, Set<RiskFlag>> riskFlags) {
    this.riskFlags = Objects.requireNonNull(riskFlags, "riskFlags");
    return self();
  }

  final DraftSettings drafts() {
    return new DraftSettings(playbooks, draftGenerator, riskFlags);
  }

  /**
   * Keeps a full-text index of opportunities and signals (for example {@code LuceneSearchIndex} of
   * discovery-search): runs feed it after each transaction commits, {@code
   * engine.as(principal).search()} queries it within the principal's accounts, and {@code
   * engine.search()} reconciles and rebuilds it from storage. The host owns the index and closes it
   * after the engine. Default none.
   */
  public DiscoveryEngine.Builder searchIndex(SearchIndex index) {
    this.searchIndex = Objects.requireNonNull(index, "index");
    return self();
  }

  final Optional<SearchIndex> searchIndex() {
    return Optional.ofNullable(searchIndex);
  }

  /**
   * The catalogue that discovery sessions answer ({@code engine.sessions()}): a host's own, loaded
   * with {@code Catalogue.load}. Defaults to {@code Catalogue.defaults()}.
   */
  public DiscoveryEngine.Builder sessionCatalogue(Catalogue catalogue) {
    this.sessionCatalogue = Objects.requireNonNull(catalogue, "catalogue");
    return self();
  }

  /**
   * How closed-deal enrichment and the monthly ICP chain run ({@code engine.closedDeals()}): the
   * chain's schedule, the lookback, cache and miss days, and which profiles take the ICP's changes
   * without approval. They use the engine's {@code enricher}, {@code credentials} and the {@code
   * budget} of the enricher's id. Defaults to {@code ClosedDealSettings.defaults()}: no schedule.
   */
  public DiscoveryEngine.Builder closedDeals(ClosedDealSettings settings) {
    this.closedDeals = Objects.requireNonNull(settings, "settings");
    return self();
  }

  final ClosedDealSettings closedDeals() {
    return closedDeals;
  }

  final Catalogue sessionCatalogue() {
    return sessionCatalogue == null ? Catalogue.defaults() : sessionCatalogue;
  }

  /**
   * Adds a sink that discovery sessions are exported to through the outbox ({@code
   * sessions().exports().exportTo}, {@code as(principal).sessions().exportTo}), for example {@code
   * SalesforceSessionExport} of discovery-connectors; ids must be unique.
   */
  public DiscoveryEngine.Builder addSessionExportSink(SessionExportSink sink) {
    sessionExportSinks.add(Objects.requireNonNull(sink, "sink"));
    return self();
  }

  /**
   * Opts tenants in to feeding discovery from sessions without an explicit call: when a session of
   * a tenant that {@code tenants} accepts is completed, its incumbent vendors become, right after
   * the completion commits, competitors and keywords of each discovery profile of the session's
   * owner whose watchlist names the session's account (by the account's name, or the monitored
   * account's company names and domains), as {@code applyToProfile} would make them, audited on the
   * session and the profile. Default: no tenant; {@code t -> true} opts every tenant in.
   */
  public DiscoveryEngine.Builder applyCompletedSessions(Predicate<String> tenants) {
    this.applyCompletedSessions = Objects.requireNonNull(tenants, "tenants");
    return self();
  }

  /**
   * Adds a sink that the reconciliation job's findings are alerted to through the outbox, once per
   * finding ({@code reconcile.FindingOutbox} says how findings are deduplicated); ids must be
   * unique.
   */
  public DiscoveryEngine.Builder addFindingSink(FindingSink sink) {
    findingSinks.add(Objects.requireNonNull(sink, "sink"));
    return self();
  }

  /**
   * Adds a listener of the engine's reconciliation job (its findings and per-tenant reports), such
   * as {@code DiscoveryMetrics} of discovery-micrometer.
   */
  public DiscoveryEngine.Builder addReconcileListener(ReconcileListener listener) {
    reconcileListeners.add(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * Makes {@code runDue()} (and the {@code DiscoveryScheduler}) reconcile each tenant once {@code
   * every} has passed since its last reconciliation; default: only when {@code
   * engine.reconciliation().run(tenant)} is called.
   *
   * @throws ValidationException if {@code every} is not positive
   */
  public DiscoveryEngine.Builder reconcileEvery(Duration every) {
    Objects.requireNonNull(every, "every");
    if (every.isNegative() || every.isZero()) {
      throw new ValidationException("reconcileEvery must be positive, was " + every);
    }
    this.reconcileEvery = every;
    return self();
  }

  final ReconcileSettings reconcileSettings() {
    return new ReconcileSettings(
        findingSinks, reconcileListeners, Optional.ofNullable(reconcileEvery));
  }

  final SessionSettings sessionSettings() {
    return new SessionSettings(sessionExportSinks, applyCompletedSessions);
  }

  final List<RunListener> runListeners() {
    return runListeners;
  }

  final AccessPolicy accessPolicy() {
    return accessPolicy;
  }

  final boolean systemCalls() {
    return systemCalls;
  }

  final Optional<ReviewSettings> review() {
    return Optional.ofNullable(review);
  }

  final boolean auditViews() {
    return auditViews;
  }

  final List<SignalProcessor> processors() {
    return processors;
  }

  final List<RecordJob> recordJobs() {
    return recordJobs;
  }

  // Safe: the class is sealed to EngineBuilder, itself sealed to DiscoveryEngine.Builder.
  private DiscoveryEngine.Builder self() {
    return (DiscoveryEngine.Builder) this;
  }
}
