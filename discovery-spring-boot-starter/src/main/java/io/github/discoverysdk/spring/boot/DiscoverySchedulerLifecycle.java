package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.DiscoveryScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The engine's {@link DiscoveryScheduler} as a Spring {@link SmartLifecycle}: started once the
 * context is refreshed, stopped when it closes. Spring stops lifecycles before it destroys any
 * bean, and this one in the last phase to start ({@link SmartLifecycle#DEFAULT_PHASE}), so the
 * scheduler has stopped (its round in progress interrupted; what that round committed stays
 * committed) before the engine closes and long before the DataSource does. Can be started again
 * after a stop. Thread-safe.
 */
public class DiscoverySchedulerLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(DiscoverySchedulerLifecycle.class);

  private final DiscoveryEngine engine;
  private final Duration tick;
  private final Duration runTimeout;
  private DiscoveryScheduler scheduler;

  /**
   * A lifecycle that ticks {@code engine}'s due runs every {@code tick}, abandoning a round after
   * {@code runTimeout}.
   */
  public DiscoverySchedulerLifecycle(DiscoveryEngine engine, Duration tick, Duration runTimeout) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tick = DiscoveryProperties.positive("tick", tick);
    this.runTimeout = DiscoveryProperties.positive("runTimeout", runTimeout);
  }

  /** Starts a new scheduler, unless one runs. */
  @Override
  public synchronized void start() {
    if (scheduler == null) {
      scheduler = DiscoveryScheduler.of(engine, tick, runTimeout);
      scheduler.start();
      log.info("discovery scheduler started: a round of due runs every {}", tick);
    }
  }

  /** Stops the scheduler and interrupts a round in progress. */
  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
      log.info("discovery scheduler stopped");
    }
  }

  /** Whether a scheduler runs. */
  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** The scheduler of the running lifecycle, for one round on demand in tests and tools. */
  public synchronized Optional<DiscoveryScheduler> scheduler() {
    return Optional.ofNullable(scheduler);
  }
}
