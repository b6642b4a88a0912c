package io.github.discoverysdk.temporal;

/** How soon a seller should act, most urgent first. */
public enum Urgency {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW
}
