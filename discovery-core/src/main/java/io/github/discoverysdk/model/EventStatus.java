package io.github.discoverysdk.model;

/** State of a scheduled event as its source reports it. */
public enum EventStatus {
  SCHEDULED,
  POSTPONED,
  CANCELLED,
  COMPLETED
}
