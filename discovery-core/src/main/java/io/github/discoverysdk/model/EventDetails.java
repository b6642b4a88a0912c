package io.github.discoverysdk.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.immutables.value.Value;

/** When and where an event takes place. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface EventDetails {
  Instant start();

  Optional<Instant> end();

  /** Venue or city, as the source gives it. */
  Optional<String> location();

  /** The event's own time zone, when known. */
  Optional<ZoneId> timeZone();

  @Value.Default
  default EventStatus status() {
    return EventStatus.SCHEDULED;
  }

  @Value.Check
  default void check() {
    location()
        .ifPresent(
            l -> {
              Checks.maxLength("event.location", l, 500);
              Checks.storable("event.location", l);
            });
    if (end().isPresent() && end().get().isBefore(start())) {
      throw new io.github.discoverysdk.ValidationException(
          "event.end must not be before event.start, was " + end().get() + " < " + start());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableEventDetails.Builder {
    @Override
    public EventDetails build() {
      return Checks.build("EventDetails", super::build);
    }
  }
}
