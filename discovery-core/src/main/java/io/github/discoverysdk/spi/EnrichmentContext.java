package io.github.discoverysdk.spi;

import java.time.Clock;
import java.util.Objects;

/**
 * What the engine gives an enricher for one call: the clock, the tenant, the run and the tenant's
 * credentials. Immutable and thread-safe.
 *
 * @param clock the engine's clock
 * @param tenant the tenant the enrichment is for
 * @param runId the run's id, for logs
 * @param credentials per-tenant API keys
 */
public record EnrichmentContext(
    Clock clock, String tenant, String runId, CredentialStore credentials) {
  /** Validates that nothing is null. */
  public EnrichmentContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** The view of this context a {@link SignalSource}-based helper needs. */
  public SourceContext asSourceContext() {
    return SourceContext.of(clock, tenant, runId);
  }
}
