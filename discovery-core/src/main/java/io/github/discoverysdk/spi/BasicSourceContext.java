package io.github.discoverysdk.spi;

import java.time.Clock;
import java.util.Objects;

/** The {@link SourceContext} of {@link SourceContext#of}. */
record BasicSourceContext(Clock clock, String tenant, String runId) implements SourceContext {
  BasicSourceContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
  }
}
