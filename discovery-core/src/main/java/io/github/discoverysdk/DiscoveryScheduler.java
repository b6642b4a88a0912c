package io.github.discoverysdk;

import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link DiscoveryEngine#runDue()} every tick on a daemon thread, giving up on a round that
 * takes longer than its timeout. Every host instance may run one: the engine's leases in storage
 * make each due window run once across them. Thread-safe; {@link #close()} stops it.
 *
 * <pre>{@code
 * DiscoveryScheduler scheduler = DiscoveryScheduler.of(engine, Duration.ofMinutes(1),
 *     Duration.ofMinutes(10));
 * scheduler.start();
 * }</pre>
 */
public final class DiscoveryScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryScheduler.class);

  private final DiscoveryEngine engine;
  private final Duration tick;
  private final Duration runTimeout;
  private final ScheduledExecutorService timer;
  private final ExecutorService worker;

  private DiscoveryScheduler(DiscoveryEngine engine, Duration tick, Duration runTimeout) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tick = Require.positive("tick", tick);
    this.runTimeout = Require.positive("runTimeout", runTimeout);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "discovery-scheduler"));
    this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "discovery-scheduled-run"));
  }

  /**
   * A scheduler of {@code engine} that ticks every {@code tick} and abandons a round after {@code
   * runTimeout}.
   *
   * @throws ValidationException if a duration is not positive
   */
  public static DiscoveryScheduler of(DiscoveryEngine engine, Duration tick, Duration runTimeout) {
    return new DiscoveryScheduler(engine, tick, runTimeout);
  }

  /** Starts ticking now, then every {@code tick} after the previous round ended. */
  public void start() {
    timer.scheduleWithFixedDelay(this::tickQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One round: runs the due profiles of every tenant and returns the reports; an empty list when
   * nothing was due or the round took longer than the timeout (it is then interrupted, and what it
   * committed stays committed: the next round continues from the watermarks).
   */
  public List<RunReport> tick() {
    Callable<List<RunReport>> runDue = engine::tick;
    Future<List<RunReport>> round = worker.submit(runDue);
    try {
      return round.get(runTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      round.cancel(true);
      log.warn("scheduled round took longer than {}; interrupted it", runTimeout);
      return List.of();
    } catch (InterruptedException e) {
      round.cancel(true);
      Thread.currentThread().interrupt();
      return List.of();
    } catch (ExecutionException e) {
      log.warn("scheduled round failed: {}", e.getCause().toString(), e.getCause());
      return List.of();
    }
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      // A failing round must not cancel the schedule.
      log.warn("scheduled round failed: {}", e.toString(), e);
    }
  }

  /** Stops ticking and interrupts a round in progress. */
  @Override
  public void close() {
    timer.shutdownNow();
    worker.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
