package io.github.discoverysdk.spi;

/**
 * What a sink's own system holds for an opportunity it was sent: the answer of {@link
 * OpportunitySink#lookup}, which the reconciliation job compares with the pushes the outbox
 * recorded as sent.
 */
public enum SinkRecordState {
  /** The record exists and agrees with the opportunity as last pushed. */
  MATCHES,
  /** There is no record for the opportunity (deleted, or the push was lost). */
  MISSING,
  /** A record exists but what the sink wrote no longer agrees with it. */
  DIFFERENT,
  /** The sink cannot look records up: nothing can be said. */
  UNSUPPORTED
}
