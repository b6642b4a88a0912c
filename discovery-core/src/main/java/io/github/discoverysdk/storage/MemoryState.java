package io.github.discoverysdk.storage;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * All state of one {@link InMemoryStorage} and the helpers every in-memory store shares: the lock,
 * the undo log of the running transaction, the per-tenant data, the shared query cache and the
 * tracking observations.
 *
 * <p>Thread-safe through {@link #lock}: read state only inside {@link #read}, and change it only
 * inside {@link #transaction} (or {@link #write}), through {@link #put}, {@link #remove}, {@link
 * #index} and {@link #unindex} or with an explicit entry in {@link #undoLog}, so that a rollback
 * restores every map and every index together.
 */
final class MemoryState {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, TenantData> tenants = new HashMap<>();

  /** The shared query cache: public data, deliberately not partitioned by tenant. */
  final Map<CacheKey, CachedResult> cache = new HashMap<>();

  /** Tracking observations: the one place tenants' data meet, by design (see Storage). */
  final Map<TrackingKey, TrackingObservation> tracking = new HashMap<>();

  /** Undo actions of the running transaction, newest last; null outside transactions. */
  private Deque<Runnable> undoLog;

  // ---- transactions

  /**
   * Runs {@code body} under the write lock inside a transaction: the outermost call opens the undo
   * log, a nested call on the same thread joins it. If the body throws, its own writes are undone
   * at once (like a savepoint) and the exception is rethrown.
   */
  <T> T transaction(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      boolean outermost = undoLog == null;
      if (outermost) {
        undoLog = new ArrayDeque<>();
      }
      int savepoint = undoLog.size();
      try {
        return body.get();
      } catch (RuntimeException | Error e) {
        rollbackTo(savepoint);
        throw e;
      } finally {
        if (outermost) {
          undoLog = null;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void rollbackTo(int savepoint) {
    while (undoLog.size() > savepoint) {
      undoLog.removeLast().run();
    }
  }

  <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs one write atomically: inside a transaction, so it is also undone with it. */
  <T> T write(Supplier<T> body) {
    return transaction(body);
  }

  /** Every tenant's data by tenant; read it only under the lock. */
  Map<String, TenantData> tenants() {
    return tenants;
  }

  /** The tenant's data for reading; a shared empty instance when the tenant has none. */
  TenantData readable(String tenant) {
    return tenants.getOrDefault(tenant, TenantData.EMPTY);
  }

  /** The tenant's data for writing; requires the write lock. */
  TenantData writable(String tenant) {
    // An empty partition left behind by a rollback is harmless, so its creation is not undone.
    return tenants.computeIfAbsent(tenant, k -> new TenantData());
  }

  /** Records how to undo a change made outside {@link #put} and friends. Requires a transaction. */
  void onRollback(Runnable undo) {
    undoLog.addLast(undo);
  }

  /** Puts a value and records how to restore the previous one. Requires a transaction. */
  <K, V> V put(Map<K, V> map, K key, V value) {
    V previous = map.put(key, value);
    undoLog.addLast(
        () -> {
          if (previous == null) {
            map.remove(key);
          } else {
            map.put(key, previous);
          }
        });
    return previous;
  }

  /** Removes a key and records how to restore it. Requires a transaction. */
  <K, V> void remove(Map<K, V> map, K key) {
    V previous = map.remove(key);
    if (previous != null) {
      undoLog.addLast(() -> map.put(key, previous));
    }
  }

  /**
   * Adds {@code value} to the set an index keeps under {@code key} and records how to take it out
   * again. Requires a transaction.
   */
  <K, V> void index(Map<K, Set<V>> index, K key, V value) {
    if (index.computeIfAbsent(key, k -> new HashSet<>()).add(value)) {
      undoLog.addLast(() -> dropFromIndex(index, key, value));
    }
  }

  /**
   * Takes {@code value} out of the set an index keeps under {@code key}, dropping a set that ends
   * empty so that the index never grows with keys that have nothing, and records how to put it
   * back. Requires a transaction.
   */
  <K, V> void unindex(Map<K, Set<V>> index, K key, V value) {
    if (dropFromIndex(index, key, value)) {
      undoLog.addLast(() -> index.computeIfAbsent(key, k -> new HashSet<>()).add(value));
    }
  }

  private static <K, V> boolean dropFromIndex(Map<K, Set<V>> index, K key, V value) {
    Set<V> values = index.get(key);
    if (values == null || !values.remove(value)) {
      return false;
    }
    if (values.isEmpty()) {
      index.remove(key);
    }
    return true;
  }

  static <T> void checkVersion(
      String kind, Object id, long version, T stored, ToLongFunction<T> storedVersion) {
    if (stored == null && version != 0) {
      throw new ConcurrentUpdateException(
          kind + " " + id + " does not exist (any more), so version " + version + " is stale");
    }
    if (stored != null && version != storedVersion.applyAsLong(stored)) {
      throw new ConcurrentUpdateException(
          version == 0
              ? kind + " " + id + " already exists"
              : kind
                  + " "
                  + id
                  + " is at version "
                  + storedVersion.applyAsLong(stored)
                  + ", not "
                  + version
                  + ": read it again and retry");
    }
  }

  static void checkLimit(int limit) {
    if (limit < 0) {
      throw new ValidationException("limit must not be negative, was " + limit);
    }
  }

  /**
   * Everything one tenant owns; keyed by the id values, since the tenant is implied. The indexes
   * are derived from {@link #opportunities} and {@link #shared}: whoever writes those writes the
   * indexes in the same transaction.
   */
  static final class TenantData {
    static final TenantData EMPTY = new TenantData();

    final Map<String, Profile> profiles = new TreeMap<>();
    final Map<SignalKey, Signal> signals = new HashMap<>();
    final Map<String, Opportunity> opportunities = new HashMap<>();

    /** Index: (profile, signal key) to opportunity id; makes find by natural key O(1). */
    final Map<NaturalKey, String> opportunityByNaturalKey = new HashMap<>();

    /**
     * Index: signal key to the ids of its opportunities across profiles; makes a run's batch read
     * (listBySignals) cost what it returns instead of a scan of the tenant's opportunities.
     */
    final Map<SignalKey, Set<String>> opportunitiesBySignal = new HashMap<>();

    /** Index: profile id value to the ids of its opportunities; makes deleting a profile cheap. */
    final Map<String, Set<String>> opportunitiesByProfile = new HashMap<>();

    final Map<String, List<Feedback>> feedback = new HashMap<>();
    final Map<String, RunReport> runs = new HashMap<>();
    final Map<WatermarkKey, Watermark> watermarks = new HashMap<>();
    final Map<SignalKey, List<LifecycleEvent>> lifecycle = new HashMap<>();
    final Map<String, Lease> leases = new HashMap<>();
    final Map<String, OutboxEntry> outbox = new HashMap<>();
    final Map<String, String> outboxByDedupe = new HashMap<>();
    final Map<String, Team> teams = new TreeMap<>();
    final Map<ShareKey, SharedOpportunity> shared = new HashMap<>();

    /** Index: opportunity id to the teams it is shared with; deleting it drops its shares. */
    final Map<String, Set<String>> teamsByOpportunity = new HashMap<>();

    final Map<String, ModelState> modelStates = new HashMap<>();

    /** Review cards by opportunity id; deleting the opportunity deletes its card. */
    final Map<String, ReviewCard> reviewCards = new HashMap<>();

    /** Appended in time order by the engine; sorted on read. */
    final List<CostEntry> costs = new ArrayList<>();
  }

  /** One observation per profile, subject and UTC day. */
  record TrackingKey(ProfileId profile, TrackedSubject subject, long day) {
    static TrackingKey of(TrackingObservation o) {
      return new TrackingKey(
          o.profile(), o.subject(), Math.floorDiv(o.at().getEpochSecond(), 86_400L));
    }
  }

  record CacheKey(String sourceId, String queryKey, String cursor) {}

  record Lease(String owner, Instant until) {}

  /** (profile, signal key) within a tenant: an opportunity's natural key. */
  record NaturalKey(String profileId, SignalKey signalKey) {
    static NaturalKey of(Opportunity o) {
      return new NaturalKey(o.profileId().value(), o.signalKey());
    }
  }

  record WatermarkKey(String sourceId, String queryKey) {}

  /** (team, opportunity) within a tenant: a share's key. */
  record ShareKey(String teamId, String opportunityId) {}
}
