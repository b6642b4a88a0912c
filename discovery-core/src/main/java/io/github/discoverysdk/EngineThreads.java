package io.github.discoverysdk;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor a run fans its fetches out on: the host's, which the engine never shuts down, or the
 * engine's own fixed pool of daemon threads named {@code discovery-<n>}, which {@link #stop} shuts
 * down. Thread-safe.
 */
final class EngineThreads {
  private final ExecutorService executor;
  private final boolean owned;

  private EngineThreads(ExecutorService executor, boolean owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** The host's executor if it gave one, else a pool of {@code threads} of the engine's own. */
  static EngineThreads of(Optional<ExecutorService> host, int threads) {
    return host.map(e -> new EngineThreads(e, false))
        .orElseGet(() -> new EngineThreads(daemonPool(threads), true));
  }

  ExecutorService executor() {
    return executor;
  }

  /**
   * Shuts the engine's own pool down, interrupting what still runs on it when {@code interrupt};
   * leaves a host's executor alone.
   */
  void stop(boolean interrupt) {
    if (!owned) {
      return;
    }
    if (interrupt) {
      executor.shutdownNow();
    } else {
      executor.shutdown();
    }
  }

  private static ExecutorService daemonPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "discovery-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }
}
