package io.github.discoverysdk.model;

/** Where an outbox entry stands. SENT and DEAD are terminal. */
public enum OutboxStatus {
  /** Waiting for its (next) attempt. */
  PENDING,
  /** Delivered. */
  SENT,
  /** Given up: a permanent error, or too many attempts; {@code lastError} says why. */
  DEAD
}
