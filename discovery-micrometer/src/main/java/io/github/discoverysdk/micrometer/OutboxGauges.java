package io.github.discoverysdk.micrometer;

import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.spi.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outbox gauges of {@link DiscoveryMetrics}: depth summed over every tenant, measured at most
 * once per refresh period so that a scrape costs nothing between measurements. Thread-safe.
 */
final class OutboxGauges {
  private final Storage storage;
  private final Duration refresh;
  private final Clock clock;
  private Instant measuredAt;
  private OutboxDepth depth = OutboxDepth.empty();

  OutboxGauges(Storage storage, Duration refresh, Clock clock) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("refresh must not be negative, was " + refresh);
    }
  }

  void bindTo(MeterRegistry registry) {
    Gauge.builder("discovery.outbox.pending", this, g -> g.current().pending())
        .description("Outbox entries waiting for delivery, all tenants")
        .strongReference(true)
        .register(registry);
    Gauge.builder("discovery.outbox.dead", this, g -> g.current().dead())
        .description("Outbox entries given up, all tenants")
        .strongReference(true)
        .register(registry);
    Gauge.builder("discovery.outbox.oldest.age", this, OutboxGauges::oldestAgeSeconds)
        .description("Age of the oldest pending outbox entry")
        .baseUnit("seconds")
        // Micrometer holds gauge objects weakly by default: nothing else keeps this one alive.
        .strongReference(true)
        .register(registry);
  }

  private double oldestAgeSeconds() {
    Instant now = clock.instant();
    return current()
        .oldestPending()
        .map(t -> Math.max(0, Duration.between(t, now).toMillis() / 1000.0))
        .orElse(0.0);
  }

  /** The depth, measured again if the last measurement is older than the refresh period. */
  synchronized OutboxDepth current() {
    Instant now = clock.instant();
    if (measuredAt == null || !now.isBefore(measuredAt.plus(refresh))) {
      OutboxDepth total = OutboxDepth.empty();
      for (String tenant : storage.profiles().tenants()) {
        total = total.plus(storage.outbox().depth(tenant));
      }
      depth = total;
      measuredAt = now;
    }
    return depth;
  }
}
