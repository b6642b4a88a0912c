package io.github.discoverysdk.model;

/** Outcome of a discovery run. */
public enum RunStatus {
  /** Every query was fetched and stored. */
  SUCCEEDED,
  /** Some queries failed; their watermarks did not move, so the next run retries them. */
  PARTIAL,
  /** Nothing was stored. */
  FAILED
}
