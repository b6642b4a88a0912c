package io.github.discoverysdk;

import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link DiscoveryEngine#runDue()}: which profiles are due, one run per tenant for them, and the
 * leases and watermarks that make each due window run once across every engine sharing the store.
 * The rules (windows, cron, catch-up after downtime) are documented on {@code runDue()}.
 *
 * <p>Thread-safe: the state that matters lives in storage (a lease per profile and window, a
 * watermark per profile under {@link #SCHEDULE_SOURCE}), so overlapping calls, in one engine or
 * several, run each window once. The lease lasts only a few minutes and is renewed while the run
 * lives ({@link ScheduleLeases}): an engine killed mid-run holds a window no longer than that, and
 * any engine started after takes it over and runs the window, once.
 */
final class Scheduling {
  /** Watermark "source" under which the engine remembers each profile's last scheduled window. */
  static final String SCHEDULE_SOURCE = "_engine.schedule";

  private final Storage storage;
  private final Clock clock;
  private final Gate gate;
  private final RunPipeline pipeline;
  private final Profiles profiles;
  private final TrackingRetention retention;
  private final String instanceId;
  private final Runnable escalations;
  private final Runnable recordJobs;
  private final Runnable dealChain;
  private final Runnable reconcile;

  Scheduling(
      Storage storage,
      Clock clock,
      Gate gate,
      RunPipeline pipeline,
      Profiles profiles,
      TrackingRetention retention,
      String instanceId,
      Runnable escalations,
      Runnable recordJobs,
      Runnable dealChain,
      Runnable reconcile) {
    this.storage = storage;
    this.clock = clock;
    this.gate = gate;
    this.pipeline = pipeline;
    this.profiles = profiles;
    this.retention = retention;
    this.instanceId = instanceId;
    this.escalations = escalations;
    this.recordJobs = recordJobs;
    this.dealChain = dealChain;
    this.reconcile = reconcile;
  }

  List<RunReport> runDue() {
    return gate.through(
        () -> {
          retention.pruneIfDue();
          escalations.run();
          recordJobs.run();
          dealChain.run();
          reconcile.run();
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

  Optional<RunReport> runDue(String tenant) {
    Checks.tenant(tenant);
    return gate.through(() -> dueRun(tenant));
  }

  private Optional<RunReport> dueRun(String tenant) {
    try (ScheduleLeases leases = new ScheduleLeases(storage, clock, tenant, instanceId)) {
      List<Due> due = dueWindows(tenant, leases);
      if (due.isEmpty()) {
        return Optional.empty();
      }
      // Renewed while the run lives, so a long run keeps its windows and a dead one frees them.
      leases.keepAlive();
      RunReport report = pipeline.discover(tenant, due.stream().map(Due::profile).toList());
      Instant done = clock.instant();
      storage.inTransaction(
          tx -> {
            for (Due d : due) {
              tx.sourceState()
                  .saveWatermark(
                      Watermark.builder()
                          .tenant(tenant)
                          .sourceId(SCHEDULE_SOURCE)
                          .queryKey(d.profile().id().value())
                          .cursor(Long.toString(d.window()))
                          .updatedAt(done)
                          .build());
            }
            return null;
          });
      return Optional.of(report);
    }
  }

  /**
   * The tenant's profiles due now whose window lease this engine took, with their windows, in the
   * order of the profile list. A lease is taken only after reading the last window, and the last
   * window is read again once the leases are held: a run that ended between the two reads (and gave
   * its lease back) is then seen, so the window runs once.
   */
  private List<Due> dueWindows(String tenant, ScheduleLeases leases) {
    Instant now = clock.instant();
    List<Profile> scheduled =
        profiles.list(tenant).stream()
            .filter(p -> p.enabled() && (p.cron().isPresent() || p.frequency() != Frequency.MANUAL))
            .toList();
    // One read of every scheduled profile's last window, not one per profile.
    Map<String, Watermark> lastWindows = lastWindows(tenant, scheduled);
    List<Due> due = new ArrayList<>();
    for (Profile p : scheduled) {
      OptionalLong window = window(p, now);
      if (window.isEmpty() || ran(lastWindows.get(p.id().value()), window.getAsLong())) {
        continue;
      }
      String lease = "schedule:" + p.id().value() + ":" + window.getAsLong();
      if (leases.take(lease)) {
        due.add(new Due(p, window.getAsLong(), lease));
      }
    }
    if (due.isEmpty()) {
      return due;
    }
    Map<String, Watermark> recheck = lastWindows(tenant, due.stream().map(Due::profile).toList());
    due.removeIf(
        d -> {
          if (!ran(recheck.get(d.profile().id().value()), d.window())) {
            return false;
          }
          leases.giveBack(d.lease());
          return true;
        });
    return due;
  }

  private Map<String, Watermark> lastWindows(String tenant, Collection<Profile> scheduled) {
    return storage
        .sourceState()
        .findWatermarks(
            tenant, SCHEDULE_SOURCE, scheduled.stream().map(p -> p.id().value()).toList());
  }

  /**
   * The window {@code p} is in at {@code now}: for a cron profile the span between two fire times,
   * named by the one that opened it; else the frequency's interval since the epoch. Empty for a
   * cron that never fired.
   */
  private static OptionalLong window(Profile p, Instant now) {
    if (p.cron().isPresent()) {
      CronExpression cron = CronExpression.parse(p.cron().get());
      Optional<Instant> opened = cron.previous(now, p.scheduleZone());
      return opened.isEmpty()
          ? OptionalLong.empty()
          : OptionalLong.of(opened.get().getEpochSecond());
    }
    long seconds = p.frequency().interval().toSeconds();
    return OptionalLong.of(Math.floorDiv(now.getEpochSecond(), seconds));
  }

  private static boolean ran(Watermark last, long window) {
    return last != null && lastWindow(last) >= window;
  }

  /** A profile due in {@code window}, run under the lease {@code lease}. */
  private record Due(Profile profile, long window, String lease) {}

  private static long lastWindow(Watermark w) {
    try {
      return Long.parseLong(w.cursor());
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
