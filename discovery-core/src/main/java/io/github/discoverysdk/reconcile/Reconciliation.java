package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation job: checks, per tenant, that what the outbox, the CRM, the search index, the
 * tracked signals and the review queue believe still agrees with storage, repairs what it safely
 * can, and reports the rest. Run it by a call ({@link #run(String)}, {@link #runAll()}) or on a
 * schedule ({@link #schedule}):
 *
 * <pre>{@code
 * Reconciliation job = Reconciliation.builder()
 *     .storage(storage).clock(clock)
 *     .opportunitySinks(List.of(hubspot))          // CRM lookups
 *     .searchSync(engine.search())                 // index behind storage
 *     .sources(List.of(jobs, news)).refreshWith(engine::refresh)
 *     .dispatchWith(engine::dispatch)              // sends what was requeued
 *     .addListener(finding -> alerts.raise(finding.key(), finding.detail()))
 *     .build();
 * job.schedule(executor, Duration.ofMinutes(15));
 * }</pre>
 *
 * <p>Each tenant's run holds the storage lease {@code _reconcile} of the tenant (the leases the
 * schedules use), so that of several engines or threads only one reconciles a tenant at a time; the
 * others return a report with {@code ran() == false}. The lease lasts {@link
 * ReconciliationBuilder#lease} and is given back at the end. Repairs never queue a second delivery:
 * a stuck or drifted push is the same outbox entry made due again, under its own dedupe key, and is
 * sent by the next dispatch that can claim it (a claim another engine took for an earlier attempt
 * delays it by at most the claim's five minutes). Findings are reported to the listeners, each with
 * a stable {@link Finding#key()}, and, for each {@link FindingSink} registered ({@link
 * ReconciliationBuilder#findingSinks}), enqueued in the outbox in one transaction per tenant run,
 * deduplicated on that key (see {@link FindingOutbox}).
 *
 * <p>Thread-safe: an instance holds only immutable settings.
 */
public final class Reconciliation {
  /** The lease name under which a tenant's reconciliation runs. */
  public static final String LEASE_NAME = "_reconcile";

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  /** The job's settings. */
  record Settings(
      Storage storage,
      Clock clock,
      String owner,
      Duration lease,
      Duration outboxStuckAfter,
      Duration outboxDeadAfter,
      Duration refreshStaleAfter,
      Duration reviewStuckAfter,
      Duration trackFor,
      int scanLimit,
      Map<String, OpportunitySink> sinks,
      Optional<SearchSync> searchSync,
      Set<String> refreshable,
      Optional<Consumer<String>> refresher,
      Optional<Runnable> dispatcher,
      List<ReconcileListener> listeners,
      List<String> findingSinks,
      Supplier<String> ids) {}

  private final Settings settings;

  Reconciliation(Settings settings) {
    this.settings = settings;
  }

  /** A builder; {@link ReconciliationBuilder#storage} is required. */
  public static ReconciliationBuilder builder() {
    return new ReconciliationBuilder();
  }

  /** Reconciles every tenant that has profiles, one after the other; returns their reports. */
  public List<ReconcileReport> runAll() {
    List<ReconcileReport> out = new ArrayList<>();
    for (String tenant : settings.storage().profiles().tenants()) {
      out.add(run(tenant));
    }
    return List.copyOf(out);
  }

  /**
   * Reconciles one tenant, unless another run holds its lease (then the report says {@code ran() ==
   * false} and nothing was checked). A check that fails is reported in {@link
   * ReconcileReport#errors()}; the other checks still run.
   */
  public ReconcileReport run(String tenant) {
    Instant start = settings.clock().instant();
    if (!settings
        .storage()
        .sourceState()
        .tryLease(tenant, LEASE_NAME, settings.owner(), start, start.plus(settings.lease()))) {
      log.debug("reconcile of tenant {} skipped: another run holds the lease", tenant);
      return finished(
          new ReconcileReport(
              tenant, start, settings.clock().instant(), false, List.of(), List.of()));
    }
    Pass pass = new Pass(settings, tenant, start);
    try {
      check(pass, "outbox", OutboxCheck::run);
      check(pass, "crm", CrmCheck::run);
      check(pass, "search", Reconciliation::search);
      check(pass, "signals", SignalCheck::run);
      check(pass, "reviews", ReviewCheck::run);
      int[] alerts = new int[1];
      check(pass, "alerts", p -> alerts[0] = enqueue(p));
      boolean requeued =
          alerts[0] > 0
              || pass.findings().stream()
                  .anyMatch(
                      f ->
                          f.repaired()
                              && (f.kind() == FindingKind.OUTBOX_STUCK
                                  || f.kind() == FindingKind.CRM_MISSING
                                  || f.kind() == FindingKind.CRM_DIFFERENT));
      if (requeued) {
        settings.dispatcher().ifPresent(d -> check(pass, "dispatch", p -> d.run()));
      }
    } finally {
      release(tenant);
    }
    ReconcileReport report =
        new ReconcileReport(
            tenant, start, settings.clock().instant(), true, pass.findings(), pass.errors());
    if (!report.findings().isEmpty()) {
      log.info(
          "reconciled tenant {}: {} findings, {} repaired",
          tenant,
          report.findings().size(),
          report.repaired());
    }
    return finished(report);
  }

  /**
   * Runs {@link #runAll()} every {@code every} on {@code executor}, first after one period; a
   * failing run is logged and the next one runs. Cancel the returned future to stop.
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new ValidationException("every must be positive, was " + every);
    }
    long ms = every.toMillis();
    return executor.scheduleWithFixedDelay(
        () -> {
          try {
            runAll();
          } catch (RuntimeException e) {
            log.warn("reconciliation failed: {}", e.toString());
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
  }

  private static void search(Pass pass) {
    Optional<SearchSync> sync = pass.settings.searchSync();
    if (sync.isEmpty()) {
      return;
    }
    int written = sync.get().reconcile(pass.tenant);
    if (written > 0) {
      pass.found(
          new Finding(
              FindingKind.SEARCH_BEHIND,
              pass.tenant,
              "index",
              pass.now.truncatedTo(ChronoUnit.DAYS),
              written + " search documents were missing or older than storage; re-indexed",
              true));
    }
  }

  /** Enqueues the pass's findings for every finding sink, in one transaction; returns how many. */
  private static int enqueue(Pass pass) {
    List<String> sinks = pass.settings.findingSinks();
    if (sinks.isEmpty() || pass.alertable().isEmpty()) {
      return 0;
    }
    List<io.github.discoverysdk.model.OutboxEntry> entries = new ArrayList<>();
    for (Finding f : pass.alertable()) {
      for (String sink : sinks) {
        entries.add(FindingOutbox.entry(pass.settings.ids().get(), f, sink, pass.now));
      }
    }
    List<Boolean> added =
        pass.settings.storage().inTransaction(tx -> tx.outbox().enqueueAll(entries));
    return (int) added.stream().filter(Boolean::booleanValue).count();
  }

  private interface Check {
    void run(Pass pass) throws Exception;
  }

  private static void check(Pass pass, String name, Check check) {
    try {
      check.run(pass);
    } catch (Exception e) {
      pass.error(name + " check failed", e);
    }
  }

  private void release(String tenant) {
    Instant now = settings.clock().instant();
    try {
      // A lease held until now is expired at now: free for the next run, anywhere.
      settings.storage().sourceState().tryLease(tenant, LEASE_NAME, settings.owner(), now, now);
    } catch (RuntimeException e) {
      log.debug("could not give back the reconcile lease of tenant {}: {}", tenant, e.toString());
    }
  }

  private ReconcileReport finished(ReconcileReport report) {
    for (ReconcileListener l : settings.listeners()) {
      try {
        l.onFinished(report);
      } catch (RuntimeException e) {
        log.warn("a reconcile listener failed: {}", e.toString());
      }
    }
    return report;
  }

  /** A fresh owner id for a job's lease. */
  static String newOwner() {
    return "reconcile-" + UUID.randomUUID();
  }

  static Duration defaultTrackFor() {
    return LifecyclePolicy.defaults().trackFor();
  }
}
