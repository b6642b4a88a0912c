package io.github.discoverysdk.model;

/** Health of a tenant's discovery, judged from its recent runs. */
public enum HealthStatus {
  /** The last run succeeded. */
  HEALTHY,
  /** The last run was partial: some sources or batches failed and will be retried. */
  DEGRADED,
  /** The last runs failed. */
  FAILING,
  /** No run yet. */
  IDLE
}
