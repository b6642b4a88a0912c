package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalStrength;

/**
 * Which new or changed opportunities are pushed to an {@link OpportunitySink} automatically.
 * Evaluated in the engine's transaction: keep it a fast, side-effect-free test. Thread-safe.
 */
@FunctionalInterface
public interface PushRule {
  boolean shouldPush(Opportunity opportunity, Profile profile);

  /** Every STRONG opportunity. */
  static PushRule strong() {
    return (o, p) -> o.strength() == SignalStrength.STRONG;
  }
}
