package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.DeliveryKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver an outbox entry to a sink, as reported to {@link RunListener#onDelivery}.
 * Immutable and thread-safe.
 *
 * @param at when the attempt ended, by the engine's clock
 * @param tenant the entry's tenant
 * @param sinkId the sink it was for
 * @param kind what was delivered
 * @param outcome what came of it
 * @param attempt the attempt's number, from 1
 */
public record DeliveryEvent(
    Instant at, String tenant, String sinkId, DeliveryKind kind, Outcome outcome, int attempt) {
  /** What came of a delivery attempt. */
  public enum Outcome {
    /** The sink took it. */
    SENT,
    /** It failed and will be tried again. */
    RETRY,
    /** It failed for good, or was given up: a dead letter. */
    DEAD
  }

  public DeliveryEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sinkId, "sinkId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
  }
}
