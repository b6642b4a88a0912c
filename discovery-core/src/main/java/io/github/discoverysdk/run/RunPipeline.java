package io.github.discoverysdk.run;

import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.temporal.TemporalIntelligence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Not API: the entry point the engine calls to run the pipeline of one discovery, refresh or warm
 * start; public only because the engine lives in another package. Each call builds the stages of
 * one run for one tenant and drives them; the stages do the work.
 *
 * <p>Thread-safe: an instance holds only the engine's immutable settings, and every call has its
 * own stages. One run fans its fetches out on the engine's executor.
 */
public final class RunPipeline {
  /** Watermark "source" under which the engine remembers which profile version was backfilled. */
  public static final String BACKFILL_SOURCE = "_engine.backfill";

  /** The engine's long-lived index of a tenant's enabled profiles. */
  @FunctionalInterface
  public interface Indexes {
    /** The tenant's index, brought in line with its stored enabled profiles. */
    ProfileIndex reconcile(String tenant, Collection<Profile> enabled);
  }

  /** The engine's record of which profile watchlists were recorded as tracking today. */
  public interface Tracking {
    /** Whether the host opted in to collective tracking. */
    boolean enabled();

    /** Of these profiles, those whose watchlist was not recorded on {@code at}'s UTC day. */
    List<Profile> unrecorded(Collection<Profile> profiles, Instant at);

    /**
     * The observations that {@code profile} tracks its watchlist's accounts at {@code at}: what the
     * run records, for all its profiles with one {@code TrackingStore.recordAll}.
     */
    List<TrackingObservation> observations(Profile profile, Instant at);

    /** Notes that the recording of these profiles committed. */
    void committed(Collection<Profile> profiles, Instant at);
  }

  /**
   * How sources are called: the records asked per page, the records a query may page through in one
   * run, the shared cache's time to live, daily budgets by source id, and the ingestion processors
   * every returned signal goes through before it is cached or stored.
   */
  public record Fetching(
      List<SignalSource> sources,
      int fetchLimit,
      int maxRecordsPerQuery,
      Duration sharedCacheTtl,
      Map<String, SourceBudget> budgets,
      List<SignalProcessor> processors) {}

  /**
   * What the engine adds to the scorer's score of each opportunity a run writes (the closed-deal
   * ICP fit), kept out of this package so that runs do not depend on where it comes from. {@link
   * #forRun} is called once per run, with the run's tenant, so that what it needs is read once; the
   * function it returns gives an opportunity's score with the adjustment, from the opportunity as
   * it is about to be stored (its company attributes included), and must return the score itself
   * when nothing changes.
   */
  @FunctionalInterface
  public interface ScoreAdjuster {
    /** No adjustment: scores are the scorer's. */
    ScoreAdjuster NONE = tenant -> Optional.empty();

    /** The tenant's adjustment for one run; empty when it has none. */
    Optional<Function<Opportunity, Score>> forRun(String tenant);
  }

  /**
   * How matches become opportunities and where they go; {@code adjuster} adds to the scorer's
   * scores.
   */
  public record Output(
      Scorer scorer,
      TemporalIntelligence temporal,
      List<AlertSink> alertSinks,
      Map<String, List<PushRule>> pushRules,
      Optional<Enricher> enricher,
      CredentialStore credentials,
      ScoreAdjuster adjuster) {}

  /**
   * The engine's settings a run needs. {@code closing} says that the engine is closing: a run then
   * fetches no further page (what it committed stays committed; the next run continues). {@code
   * review} is present when the host turned review on: runs then create review cards for the
   * opportunities that attach to an account, audited with it.
   */
  public record Config(
      Storage storage,
      Clock clock,
      Supplier<String> ids,
      ExecutorService executor,
      Fetching fetching,
      Output output,
      LifecyclePolicy lifecycle,
      Duration backfillWindow,
      Indexes indexes,
      ToIntFunction<String> dispatch,
      Tracking tracking,
      BooleanSupplier closing,
      Optional<AuditLog> review,
      List<RunListener> runListeners,
      Cards cards) {}

  /**
   * What the run needs to record which playbook each new card matches: the host's playbooks and the
   * risk flags a signal raises (as {@code engine.drafts()} selects them).
   */
  public record Cards(
      io.github.discoverysdk.playbook.Playbooks playbooks,
      java.util.function.Function<
              io.github.discoverysdk.model.Signal,
              java.util.Set<io.github.discoverysdk.insight.RiskFlag>>
          riskFlags) {
    public Cards {
      java.util.Objects.requireNonNull(playbooks, "playbooks");
      java.util.Objects.requireNonNull(riskFlags, "riskFlags");
    }
  }

  private final Config config;

  public RunPipeline(Config config) {
    this.config = config;
  }

  /** The dedupe key of a push: one per version of the signal, so a change is pushed again. */
  public static String pushKey(Opportunity o) {
    return DeliverStage.pushKey(o);
  }

  /** Discovery for the profiles in scope: backfill, fetch every planned query page by page. */
  public RunReport discover(String tenant, List<Profile> scope) {
    Stages st = new Stages(new RunContext(config, tenant, scope));
    try (RunContext.MdcScope m = st.ctx.mdc(null)) {
      st.ctx.loadProfiles();
      new TrackingStage(st.ctx).record();
      st.ctx.progress(RunProgress.Stage.BACKFILL, 0, 1, Optional.empty());
      BackfillStage backfill = new BackfillStage(st.ctx, st.writer).run();
      PlanStage plan = new PlanStage(st.ctx, st.fetch);
      Collection<PlanStage.PlannedQuery> planned = plan.plan();
      QueryPager pager = new QueryPager(st.ctx, st.fetch, st.writer, st.enrich);
      List<PlanStage.Scheduled> scheduled = plan.schedule(planned);
      AtomicInteger fetched = new AtomicInteger();
      st.ctx.progress(RunProgress.Stage.FETCH, 0, scheduled.size(), Optional.empty());
      st.tasks.runAll(
          scheduled,
          q -> {
            try {
              pager.run(q);
            } finally {
              st.ctx.progress(
                  RunProgress.Stage.FETCH,
                  fetched.incrementAndGet(),
                  scheduled.size(),
                  Optional.of(q.planned().source().id()));
            }
          });
      st.ctx.progress(RunProgress.Stage.ARCHIVE, 0, 1, Optional.empty());
      new ArchiveStage(st.ctx, st.opportunities).run();
      st.ctx.progress(RunProgress.Stage.DELIVER, 0, 1, Optional.empty());
      st.deliver.dispatch();
      return st.report.finish(
          RunKind.DISCOVERY, planned.size(), plan.queriesPlanned(), backfill.backfilled());
    }
  }

  /**
   * Refresh: asks the sources for the current version of every tracked signal, carries changes to
   * the opportunities, archives what was cancelled, removed or ended.
   */
  public RunReport refresh(String tenant) {
    Stages st = new Stages(new RunContext(config, tenant, List.of()));
    try (RunContext.MdcScope m = st.ctx.mdc(null)) {
      st.ctx.loadProfiles();
      st.ctx.progress(RunProgress.Stage.REFRESH, 0, 1, Optional.empty());
      int refreshed = new RefreshStage(st.ctx, st.fetch, st.writer, st.tasks).run();
      st.ctx.progress(RunProgress.Stage.ARCHIVE, 0, 1, Optional.empty());
      new ArchiveStage(st.ctx, st.opportunities).run();
      st.ctx.progress(RunProgress.Stage.DELIVER, 0, 1, Optional.empty());
      st.deliver.dispatch();
      return st.report.finish(RunKind.REFRESH, refreshed, 0, 0);
    }
  }

  /**
   * Warm start: writes the opportunities {@code starter} chooses from the tenant's other profiles
   * as {@code created}'s own. A failure is reported, never thrown.
   */
  public RunReport warmStart(Profile created, WarmStarter starter) {
    Stages st = new Stages(new RunContext(config, created.tenant(), List.of(created)));
    try (RunContext.MdcScope m = st.ctx.mdc(null)) {
      st.ctx.loadProfiles();
      new WarmStartStage(st.ctx, st.writer).run(created, starter);
      return st.report.finish(RunKind.WARM_START, 0, 0, 0);
    }
  }

  /** The stages of one run, wired together; their counters make the report. */
  private static final class Stages {
    final RunContext ctx;
    final FetchStage fetch;
    final SignalStage signals;
    final MatchStage match;
    final ScoreStage score;
    final OpportunityStage opportunities;
    final DeliverStage deliver;
    final EnrichStage enrich;
    final BatchWriter writer;
    final Tasks tasks;
    final ReportStage report;

    Stages(RunContext ctx) {
      this.ctx = ctx;
      this.fetch = new FetchStage(ctx);
      this.signals = new SignalStage(ctx);
      this.match = new MatchStage(ctx);
      this.score = new ScoreStage(ctx);
      this.deliver = new DeliverStage(ctx);
      this.opportunities = new OpportunityStage(ctx, deliver);
      this.enrich = new EnrichStage(ctx);
      this.writer = new BatchWriter(ctx, signals, match, score, opportunities);
      this.tasks = new Tasks(ctx, fetch);
      this.report = new ReportStage(ctx, fetch, signals, match, opportunities, deliver, enrich);
    }
  }
}
