package io.github.discoverysdk.spi;

import java.time.Clock;

/**
 * What the engine gives a source for one fetch. Implemented by the engine (and by the test kit);
 * thread-safe.
 */
public interface SourceContext {
  /** The engine's clock: sources must take time from it, never from the system. */
  Clock clock();

  /** The tenant the fetch is for. */
  String tenant();

  /** The run's id, for logs. */
  String runId();
}
