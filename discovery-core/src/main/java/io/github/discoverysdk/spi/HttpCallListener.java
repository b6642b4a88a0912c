package io.github.discoverysdk.spi;

import java.util.function.Supplier;

/**
 * Hears of the HTTP calls connectors make and of their circuit breakers: the seam a metrics module
 * (such as {@code discovery-micrometer}) implements without connectors depending on it. Registered
 * on the connectors' HTTP toolkit. Called on the calling thread; it must be fast and thread-safe.
 * An exception it throws is logged and ignored: it never fails a call.
 */
@FunctionalInterface
public interface HttpCallListener {
  /** Called once per call, after it finished (succeeded, failed or answered from the cache). */
  void onHttpCall(HttpCallEvent call);

  /**
   * Called once per source, when the toolkit creates the source's circuit breaker, with a live view
   * of its state (cheap and thread-safe to read at any time, as a gauge does). The default ignores
   * it.
   */
  default void onCircuitBreaker(String sourceId, Supplier<CircuitState> state) {}
}
