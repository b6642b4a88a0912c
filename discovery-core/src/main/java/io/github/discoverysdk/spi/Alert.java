package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import org.immutables.value.Value;

/** A critical alert for one opportunity of one profile. Immutable and thread-safe. */
@Value.Immutable
public interface Alert {
  AlertKind kind();

  Profile profile();

  Opportunity opportunity();

  /** Stable key of this alert: sinks deduplicate on it, so a redelivered alert is shown once. */
  @Value.Derived
  default String dedupeKey() {
    return opportunity().tenant()
        + "|"
        + opportunity().profileId().value()
        + "|"
        + opportunity().signalKey()
        + "|"
        + kind()
        + (kind() == AlertKind.UPDATED ? "|" + opportunity().signalHash() : "");
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableAlert.Builder {}
}
