package io.github.discoverysdk.reconcile;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds a {@link Reconciliation}. Setters validate at once and name the bad value. Every threshold
 * defaults to one hour, the tracking window to the lifecycle's default, the lease to 15 minutes.
 * Not thread-safe.
 */
public final class ReconciliationBuilder {
  private Storage storage;
  private Clock clock = Clock.systemUTC();
  private String owner = Reconciliation.newOwner();
  private Duration lease = Duration.ofMinutes(15);
  private Duration outboxStuckAfter = Duration.ofHours(1);
  private Duration outboxDeadAfter = Duration.ofHours(1);
  private Duration refreshStaleAfter = Duration.ofHours(1);
  private Duration reviewStuckAfter = Duration.ofHours(1);
  private Duration trackFor = Reconciliation.defaultTrackFor();
  private int scanLimit = 1_000;
  private final Map<String, OpportunitySink> sinks = new LinkedHashMap<>();
  private SearchSync searchSync;
  private final Set<String> refreshable = new HashSet<>();
  private Consumer<String> refresher;
  private Runnable dispatcher;
  private final List<ReconcileListener> listeners = new ArrayList<>();
  private final List<String> findingSinks = new ArrayList<>();
  private Supplier<String> ids = () -> UUID.randomUUID().toString();

  ReconciliationBuilder() {}

  /** The storage to check and repair. Required. */
  public ReconciliationBuilder storage(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    return this;
  }

  /** The clock every threshold is measured on; default the system UTC clock. */
  public ReconciliationBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** This job's lease owner; default a random id. Jobs that must exclude each other differ here. */
  public ReconciliationBuilder owner(String owner) {
    if (owner == null || owner.isBlank()) {
      throw new ValidationException("owner must not be blank, was '" + owner + "'");
    }
    this.owner = owner;
    return this;
  }

  /** How long a tenant's lease lasts: longer than one tenant's run takes. Default 15 minutes. */
  public ReconciliationBuilder lease(Duration lease) {
    this.lease = positive("lease", lease);
    return this;
  }

  /** How long a PENDING outbox entry may stay due before it counts as stuck. */
  public ReconciliationBuilder outboxStuckAfter(Duration d) {
    this.outboxStuckAfter = positive("outboxStuckAfter", d);
    return this;
  }

  /** How long ago an outbox entry must have died to be reported. */
  public ReconciliationBuilder outboxDeadAfter(Duration d) {
    this.outboxDeadAfter = notNegative("outboxDeadAfter", d);
    return this;
  }

  /** How long a tracked signal may go unobserved before it counts as never refreshed. */
  public ReconciliationBuilder refreshStaleAfter(Duration d) {
    this.refreshStaleAfter = positive("refreshStaleAfter", d);
    return this;
  }

  /** How long a review card may stay unchanged in an open state before it counts as stuck. */
  public ReconciliationBuilder reviewStuckAfter(Duration d) {
    this.reviewStuckAfter = positive("reviewStuckAfter", d);
    return this;
  }

  /** The tracking window of signals: as the engine's {@code LifecyclePolicy.trackFor()}. */
  public ReconciliationBuilder trackFor(Duration d) {
    this.trackFor = positive("trackFor", d);
    return this;
  }

  /** At most this many rows read per check and tenant; default 1,000. */
  public ReconciliationBuilder scanLimit(int limit) {
    if (limit < 1) {
      throw new ValidationException("scanLimit must be positive, was " + limit);
    }
    this.scanLimit = limit;
    return this;
  }

  /** The sinks whose records are looked up ({@link OpportunitySink#lookup}); ids must be unique. */
  public ReconciliationBuilder opportunitySinks(List<? extends OpportunitySink> sinks) {
    for (OpportunitySink s : sinks) {
      if (this.sinks.putIfAbsent(s.id(), s) != null) {
        throw new ValidationException("two opportunity sinks have the id " + s.id());
      }
    }
    return this;
  }

  /** The search index to bring in line with storage ({@link SearchSync#reconcile}). */
  public ReconciliationBuilder searchSync(SearchSync sync) {
    this.searchSync = Objects.requireNonNull(sync, "sync");
    return this;
  }

  /** The engine's sources: the signals of those that can refresh are checked for staleness. */
  public ReconciliationBuilder sources(List<? extends SignalSource> sources) {
    for (SignalSource s : sources) {
      if (s.capabilities().supportsRefresh()) {
        refreshable.add(s.id());
      }
    }
    return this;
  }

  /** How stale tracked signals are repaired: a refresh run of the tenant (engine::refresh). */
  public ReconciliationBuilder refreshWith(Consumer<String> refresher) {
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    return this;
  }

  /** What sends requeued entries at once (engine::dispatch); without it, the next dispatch does. */
  public ReconciliationBuilder dispatchWith(Runnable dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    return this;
  }

  /** Adds a listener of findings and reports. */
  public ReconciliationBuilder addListener(ReconcileListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The sinks each finding is alerted to through the outbox, once per sink and {@link
   * Finding#key()}; ids must be unique. The engine's dispatcher sends them ({@link FindingOutbox}).
   */
  public ReconciliationBuilder findingSinks(List<? extends FindingSink> sinks) {
    for (FindingSink s : sinks) {
      if (findingSinks.contains(s.id())) {
        throw new ValidationException("two finding sinks have the id " + s.id());
      }
      findingSinks.add(s.id());
    }
    return this;
  }

  /** The ids of the outbox entries of findings; default random UUIDs. */
  public ReconciliationBuilder idGenerator(Supplier<String> ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
    return this;
  }

  /**
   * The job.
   *
   * @throws IllegalStateException without a storage
   */
  public Reconciliation build() {
    if (storage == null) {
      throw new IllegalStateException("storage is required");
    }
    return new Reconciliation(
        new Reconciliation.Settings(
            storage,
            clock,
            owner,
            lease,
            outboxStuckAfter,
            outboxDeadAfter,
            refreshStaleAfter,
            reviewStuckAfter,
            trackFor,
            scanLimit,
            Map.copyOf(sinks),
            Optional.ofNullable(searchSync),
            Set.copyOf(refreshable),
            Optional.ofNullable(refresher),
            Optional.ofNullable(dispatcher),
            List.copyOf(listeners),
            List.copyOf(findingSinks),
            ids));
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(name + " must be positive, was " + d);
    }
    return d;
  }

  private static Duration notNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new ValidationException(name + " must not be negative, was " + d);
    }
    return d;
  }
}
