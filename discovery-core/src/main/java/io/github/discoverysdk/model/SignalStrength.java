package io.github.discoverysdk.model;

/** Coarse band of an opportunity's score, for filters and badges. */
public enum SignalStrength {
  STRONG,
  MEDIUM,
  WEAK
}
