package io.github.discoverysdk.spi;

import java.time.Clock;

/** What the engine gives a source for one fetch. Implementations are immutable and thread-safe. */
public interface SourceContext {
  /** The engine's clock: sources must take time from it, never from the system. */
  Clock clock();

  /** The tenant the fetch is for. */
  String tenant();

  /** The run's id, for logs. */
  String runId();

  /** A context with these values; for engines, and for calling a source directly in tests. */
  static SourceContext of(Clock clock, String tenant, String runId) {
    return new BasicSourceContext(clock, tenant, runId);
  }
}
