package io.github.discoverysdk;

import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule leases of one scheduled run: taken for {@link #LEASE} ahead of the clock, renewed
 * every {@link #RENEW_EVERY} while the run lives, and given back when it ends. A lease whose holder
 * died is therefore free at most {@link #LEASE} later, whatever the schedule window, and any engine
 * (whatever its instance id) takes it over then; a live holder keeps it however long its run takes.
 *
 * <p>Thread-safe: the renewal runs on a daemon thread of its own while the run's thread works.
 */
final class ScheduleLeases implements AutoCloseable {
  /** How long a lease lasts without renewal: the longest a dead holder delays a window's run. */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** How often, on the wall clock, a live run renews its leases: well inside {@link #LEASE}. */
  static final Duration RENEW_EVERY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ScheduleLeases.class);

  private final Storage storage;
  private final Clock clock;
  private final String tenant;
  private final String owner;
  private final List<String> held = new ArrayList<>();
  private ScheduledExecutorService renewal;
  private boolean lost;

  ScheduleLeases(Storage storage, Clock clock, String tenant, String owner) {
    this.storage = storage;
    this.clock = clock;
    this.tenant = tenant;
    this.owner = owner;
  }

  /** Takes the lease {@code name} if it is free, expired or ours; whether this run now holds it. */
  synchronized boolean take(String name) {
    Instant now = clock.instant();
    if (!storage.sourceState().tryLease(tenant, name, owner, now, now.plus(LEASE))) {
      return false;
    }
    held.add(name);
    return true;
  }

  /** Gives back the lease {@code name} taken by {@link #take} without running under it. */
  synchronized void giveBack(String name) {
    if (held.remove(name)) {
      release(name);
    }
  }

  /** Starts renewing the leases held every {@link #RENEW_EVERY} until {@link #close()}. */
  synchronized void keepAlive() {
    if (renewal != null || held.isEmpty()) {
      return;
    }
    renewal =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "discovery-lease-renewal");
              t.setDaemon(true);
              return t;
            });
    long every = RENEW_EVERY.toMillis();
    renewal.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Extends every lease held to {@link #LEASE} from now. A lease another engine took meanwhile
   * (this run stalled past its lease) is dropped and logged once: that engine runs the window too.
   */
  synchronized void renew() {
    Instant now = clock.instant();
    for (String name : List.copyOf(held)) {
      if (!storage.sourceState().tryLease(tenant, name, owner, now, now.plus(LEASE))) {
        held.remove(name);
        if (!lost) {
          lost = true;
          log.warn(
              "schedule lease {} of tenant {} expired before it was renewed and another engine"
                  + " took it; the window may run twice",
              name,
              tenant);
        }
      }
    }
  }

  private void renewQuietly() {
    try {
      renew();
    } catch (RuntimeException e) {
      // A store that fails now may answer at the next renewal, well inside the lease.
      log.debug("could not renew the schedule leases of tenant {}: {}", tenant, e.toString());
    }
  }

  /** Stops renewing and gives every lease back, so that no engine waits for it to expire. */
  @Override
  public synchronized void close() {
    if (renewal != null) {
      renewal.shutdownNow();
      renewal = null;
    }
    for (String name : held) {
      release(name);
    }
    held.clear();
  }

  private void release(String name) {
    Instant now = clock.instant();
    try {
      // A lease held until now is expired at now: free for anyone, with no SPI method of its own.
      storage.sourceState().tryLease(tenant, name, owner, now, now);
    } catch (RuntimeException e) {
      log.debug(
          "could not give back schedule lease {} of tenant {}: {}", name, tenant, e.toString());
    }
  }
}
