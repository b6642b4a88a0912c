package io.github.discoverysdk.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** The timing of one opportunity as of {@link #assessedAt()}. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface TemporalAssessment {
  Instant assessedAt();

  /** Whole days from the assessment date to the event's start; negative once it started. */
  OptionalLong daysUntilEvent();

  /** Whole days since publication. */
  long ageDays();

  Urgency urgency();

  /** The best date to reach out; never before the assessment date. */
  Optional<LocalDate> outreachDate();

  ActionWindow window();

  /** A one-line recommendation a seller can read. */
  String recommendedAction();

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableTemporalAssessment.Builder {}
}
