package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** A critical alert for one opportunity of one profile. Immutable and thread-safe. */
@Value.Immutable
public interface Alert {
  AlertKind kind();

  Profile profile();

  Opportunity opportunity();

  /**
   * The host user the alert is for, when it is not the profile's owner: the manager (else the
   * owner) of the card's account for a {@link AlertKind#REVIEW_ESCALATION}.
   */
  Optional<String> recipient();

  /** When the card entered review, for a {@link AlertKind#REVIEW_ESCALATION}. */
  Optional<Instant> pendingSince();

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
        + (kind() == AlertKind.UPDATED ? "|" + opportunity().signalHash() : "")
        // One escalation per stay in review.
        + (kind() == AlertKind.REVIEW_ESCALATION
            ? "|" + pendingSince().map(Instant::toEpochMilli).orElse(0L)
            : "");
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableAlert.Builder {}
}
