package io.github.discoverysdk.testkit;

import io.github.discoverysdk.spi.SourceContext;
import java.time.Clock;

/**
 * {@link SourceContext}s for calling a {@code SignalSource} directly in a test, outside an engine.
 */
public final class TestSourceContext {
  /** The run id every context of the test kit reports. */
  public static final String RUN_ID = "test-run";

  private TestSourceContext() {}

  /** An immutable context with this clock and tenant, and the run id {@value #RUN_ID}. */
  public static SourceContext of(Clock clock, String tenant) {
    return SourceContext.of(clock, tenant, RUN_ID);
  }
}
