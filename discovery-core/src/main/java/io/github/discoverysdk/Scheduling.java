package io.github.discoverysdk;

import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DiscoveryEngine#runDue()}: which profiles are due, one run per tenant for them, and the
 * leases and watermarks that make each due window run once across every engine sharing the store.
 * The rules (windows, cron, catch-up after downtime) are documented on {@code runDue()}.
 *
 * <p>Thread-safe: the state that matters lives in storage (a lease per profile and window, a
 * watermark per profile under {@link #SCHEDULE_SOURCE}), so overlapping calls, in one engine or
 * several, run each window once.
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

  Scheduling(
      Storage storage,
      Clock clock,
      Gate gate,
      RunPipeline pipeline,
      Profiles profiles,
      TrackingRetention retention,
      String instanceId,
      Runnable escalations,
      Runnable recordJobs) {
    this.storage = storage;
    this.clock = clock;
    this.gate = gate;
    this.pipeline = pipeline;
    this.profiles = profiles;
    this.retention = retention;
    this.instanceId = instanceId;
    this.escalations = escalations;
    this.recordJobs = recordJobs;
  }

  List<RunReport> runDue() {
    return gate.through(
        () -> {
          retention.pruneIfDue();
          escalations.run();
          recordJobs.run();
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
    Instant now = clock.instant();
    List<Profile> due = new ArrayList<>();
    Map<ProfileId, Long> windows = new HashMap<>();
    List<Profile> scheduled =
        profiles.list(tenant).stream()
            .filter(p -> p.enabled() && (p.cron().isPresent() || p.frequency() != Frequency.MANUAL))
            .toList();
    // One read of every scheduled profile's last window, not one per profile.
    Map<String, Watermark> lastWindows =
        storage
            .sourceState()
            .findWatermarks(
                tenant, SCHEDULE_SOURCE, scheduled.stream().map(p -> p.id().value()).toList());
    for (Profile p : scheduled) {
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
      Watermark last = lastWindows.get(p.id().value());
      if (last != null && lastWindow(last) >= window) {
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

  private static long lastWindow(Watermark w) {
    try {
      return Long.parseLong(w.cursor());
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
