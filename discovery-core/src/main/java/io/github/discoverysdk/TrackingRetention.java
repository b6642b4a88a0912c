package io.github.discoverysdk;

import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes tracking observations older than {@link DiscoveryEngine.Builder#trackingRetention}, at
 * most once a UTC day per engine; {@link Scheduling} asks at each {@code runDue()}. Does nothing
 * when the host did not opt in to tracking. A failed deletion is logged and tried again at the next
 * call. Thread-safe: concurrent calls on the same day delete once.
 */
final class TrackingRetention {
  // The engine's logger, as before this class was split out: hosts' log settings keep applying.
  private static final Logger log = LoggerFactory.getLogger(DiscoveryEngine.class);

  private final Storage storage;
  private final Clock clock;
  private final boolean enabled;
  private final Duration retention;
  // The UTC day tracking was last pruned on by this engine; -1 before the first time.
  private final AtomicLong prunedOn = new AtomicLong(-1);

  TrackingRetention(Storage storage, Clock clock, boolean enabled, Duration retention) {
    this.storage = storage;
    this.clock = clock;
    this.enabled = enabled;
    this.retention = retention;
  }

  /** Deletes tracking older than the retention, unless this engine did so today already. */
  void pruneIfDue() {
    if (!enabled) {
      return;
    }
    Instant now = clock.instant();
    long today = Math.floorDiv(now.getEpochSecond(), 86_400L);
    long last = prunedOn.get();
    if (last == today || !prunedOn.compareAndSet(last, today)) {
      return;
    }
    try {
      int deleted = storage.tracking().deleteBefore(now.minus(retention));
      log.debug("deleted {} tracking observations older than {}", deleted, retention);
    } catch (RuntimeException e) {
      prunedOn.compareAndSet(today, last);
      log.warn("deleting old tracking observations failed: {}", e.toString());
    }
  }
}
