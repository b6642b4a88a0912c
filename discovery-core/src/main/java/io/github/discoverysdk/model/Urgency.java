package io.github.discoverysdk.model;

/** How soon a seller should act, most urgent first. */
public enum Urgency {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW
}
