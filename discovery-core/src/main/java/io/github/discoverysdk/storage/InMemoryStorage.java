package io.github.discoverysdk.storage;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.ModelStore;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.ProfileStore;
import io.github.discoverysdk.spi.RunStore;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TeamStore;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A {@link Storage} that keeps everything in memory and loses it when the JVM exits: for tests,
 * demos and hosts that need no persistence. Thread-safe.
 *
 * <p>One read-write lock guards all state: reads run in parallel, each write (and each whole
 * transaction) runs alone. {@link #inTransaction} holds the write lock for the duration of the work
 * and records how to undo every write, so a failing work leaves the storage exactly as it found it.
 * A nested {@code inTransaction} on the same thread joins the outer transaction; if the nested work
 * throws, its own writes are undone at once (like a savepoint) and the outer work decides what
 * happens next. Other threads never see a transaction's writes before it commits; they wait until
 * it ends, so a work must not wait for another thread that uses this storage.
 *
 * <pre>{@code
 * DiscoveryEngine engine = DiscoveryEngine.builder().storage(InMemoryStorage.create())...build();
 * }</pre>
 */
public final class InMemoryStorage implements Storage {
  private static final Comparator<Signal> NEWEST_SIGNAL_FIRST =
      Comparator.comparing(Signal::publishedAt)
          .reversed()
          .thenComparing(s -> s.key().sourceId())
          .thenComparing(s -> s.key().externalId());
  private static final Comparator<RunReport> NEWEST_RUN_FIRST =
      Comparator.comparing(RunReport::startedAt).thenComparing(RunReport::runId).reversed();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, TenantData> tenants = new HashMap<>();

  /** The shared query cache: public data, deliberately not partitioned by tenant. */
  private final Map<CacheKey, CachedResult> cache = new HashMap<>();

  /** Tracking observations: the one place tenants' data meet, by design (see Storage). */
  private final Map<TrackingKey, TrackingObservation> tracking = new HashMap<>();

  /** Undo actions of the running transaction, newest last; null outside transactions. */
  private Deque<Runnable> undoLog;

  private InMemoryStorage() {}

  /** An empty storage. */
  public static InMemoryStorage create() {
    return new InMemoryStorage();
  }

  // ---- transactions

  @Override
  public <T> T inTransaction(Work<T> work) {
    Objects.requireNonNull(work, "work");
    lock.writeLock().lock();
    try {
      boolean outermost = undoLog == null;
      if (outermost) {
        undoLog = new ArrayDeque<>();
      }
      int savepoint = undoLog.size();
      try {
        return work.run(this);
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

  @Override
  public String toString() {
    return read(() -> "InMemoryStorage[tenants=" + tenants.keySet() + "]");
  }

  // ---- helpers

  private <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs one write atomically: inside a transaction, so it is also undone with it. */
  private <T> T write(Supplier<T> body) {
    return inTransaction(tx -> body.get());
  }

  /** The tenant's data for reading; a shared empty instance when the tenant has none. */
  private TenantData readable(String tenant) {
    return tenants.getOrDefault(tenant, TenantData.EMPTY);
  }

  /** The tenant's data for writing; requires the write lock. */
  private TenantData writable(String tenant) {
    // An empty partition left behind by a rollback is harmless, so its creation is not undone.
    return tenants.computeIfAbsent(tenant, k -> new TenantData());
  }

  /** Puts a value and records how to restore the previous one. Requires a transaction. */
  private <K, V> V put(Map<K, V> map, K key, V value) {
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
  private <K, V> void remove(Map<K, V> map, K key) {
    V previous = map.remove(key);
    if (previous != null) {
      undoLog.addLast(() -> map.put(key, previous));
    }
  }

  private static <T> void checkVersion(
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

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new ValidationException("limit must not be negative, was " + limit);
    }
  }

  /** Everything one tenant owns; keyed by the id values, since the tenant is implied. */
  private static final class TenantData {
    static final TenantData EMPTY = new TenantData();

    final Map<String, Profile> profiles = new TreeMap<>();
    final Map<SignalKey, Signal> signals = new HashMap<>();
    final Map<String, Opportunity> opportunities = new HashMap<>();
    final Map<NaturalKey, String> opportunityByNaturalKey = new HashMap<>();
    final Map<String, List<Feedback>> feedback = new HashMap<>();
    final Map<String, RunReport> runs = new HashMap<>();
    final Map<WatermarkKey, Watermark> watermarks = new HashMap<>();
    final Map<SignalKey, List<LifecycleEvent>> lifecycle = new HashMap<>();
    final Map<String, Lease> leases = new HashMap<>();
    final Map<String, OutboxEntry> outbox = new HashMap<>();
    final Map<String, String> outboxByDedupe = new HashMap<>();
    final Map<String, Team> teams = new TreeMap<>();
    final Map<ShareKey, SharedOpportunity> shared = new HashMap<>();
    final Map<String, ModelState> modelStates = new HashMap<>();

    /** Appended in time order by the engine; sorted on read. */
    final List<CostEntry> costs = new ArrayList<>();
  }

  private static final Comparator<TrackingObservation> OLDEST_TRACKING_FIRST =
      Comparator.comparing(TrackingObservation::at)
          .thenComparing(o -> o.profile().tenant())
          .thenComparing(o -> o.profile().value())
          .thenComparing(o -> o.subject().toString());

  /** One observation per profile, subject and UTC day. */
  private record TrackingKey(ProfileId profile, TrackedSubject subject, long day) {
    static TrackingKey of(TrackingObservation o) {
      return new TrackingKey(
          o.profile(), o.subject(), Math.floorDiv(o.at().getEpochSecond(), 86_400L));
    }
  }

  private record CacheKey(String sourceId, String queryKey, String cursor) {}

  private record Lease(String owner, Instant until) {}

  /** (profile, signal key) within a tenant: an opportunity's natural key. */
  private record NaturalKey(String profileId, SignalKey signalKey) {
    static NaturalKey of(Opportunity o) {
      return new NaturalKey(o.profileId().value(), o.signalKey());
    }
  }

  private record WatermarkKey(String sourceId, String queryKey) {}

  /** (team, opportunity) within a tenant: a share's key. */
  private record ShareKey(String teamId, String opportunityId) {}

  // ---- stores: one per aggregate, all sharing this storage's state

  private final ProfileStore profilesStore = new Profiles();
  private final SignalStore signalsStore = new Signals();
  private final OpportunityStore opportunitiesStore = new Opportunities();
  private final RunStore runsStore = new Runs();
  private final SourceStateStore sourceStateStore = new SourceState();
  private final OutboxStore outboxStore = new Outbox();
  private final TeamStore teamsStore = new Teams();
  private final ModelStore modelsStore = new Models();
  private final TrackingStore trackingStore = new Tracking();

  @Override
  public ProfileStore profiles() {
    return profilesStore;
  }

  @Override
  public SignalStore signals() {
    return signalsStore;
  }

  @Override
  public OpportunityStore opportunities() {
    return opportunitiesStore;
  }

  @Override
  public RunStore runs() {
    return runsStore;
  }

  @Override
  public SourceStateStore sourceState() {
    return sourceStateStore;
  }

  @Override
  public OutboxStore outbox() {
    return outboxStore;
  }

  @Override
  public TeamStore teams() {
    return teamsStore;
  }

  @Override
  public ModelStore models() {
    return modelsStore;
  }

  @Override
  public TrackingStore tracking() {
    return trackingStore;
  }

  private final class Profiles implements ProfileStore {

    // ---- profiles

    @Override
    public Profile save(Profile profile) {
      Objects.requireNonNull(profile, "profile");
      return write(
          () -> {
            TenantData t = writable(profile.tenant());
            Profile stored = t.profiles.get(profile.id().value());
            checkVersion("profile", profile.id(), profile.version(), stored, Profile::version);
            Profile saved = Profile.builder().from(profile).version(profile.version() + 1).build();
            put(t.profiles, profile.id().value(), saved);
            return saved;
          });
    }

    @Override
    public Optional<Profile> find(ProfileId id) {
      Objects.requireNonNull(id, "id");
      return read(() -> Optional.ofNullable(readable(id.tenant()).profiles.get(id.value())));
    }

    @Override
    public List<Profile> list(String tenant) {
      Objects.requireNonNull(tenant, "tenant");
      return read(() -> List.copyOf(readable(tenant).profiles.values()));
    }

    @Override
    public boolean delete(ProfileId id) {
      Objects.requireNonNull(id, "id");
      return write(
          () -> {
            TenantData t = readable(id.tenant());
            if (!t.profiles.containsKey(id.value())) {
              return false;
            }
            List<Opportunity> owned =
                t.opportunities.values().stream().filter(o -> o.profileId().equals(id)).toList();
            for (Opportunity o : owned) {
              remove(t.opportunities, o.id().value());
              remove(t.opportunityByNaturalKey, NaturalKey.of(o));
              remove(t.feedback, o.id().value());
              List<ShareKey> shares =
                  t.shared.keySet().stream()
                      .filter(k -> k.opportunityId().equals(o.id().value()))
                      .toList();
              shares.forEach(k -> remove(t.shared, k));
            }
            remove(t.profiles, id.value());
            List<TrackingKey> tracked =
                tracking.keySet().stream().filter(k -> k.profile().equals(id)).toList();
            tracked.forEach(k -> remove(tracking, k));
            return true;
          });
    }

    // ---- scheduling

    @Override
    public List<String> tenants() {
      return read(
          () ->
              tenants.entrySet().stream()
                  .filter(e -> !e.getValue().profiles.isEmpty())
                  .map(Map.Entry::getKey)
                  .sorted()
                  .toList());
    }
  }

  private final class Signals implements SignalStore {

    // ---- signals

    @Override
    public SignalWrite upsert(String tenant, Signal signal) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signal, "signal");
      return write(
          () -> {
            TenantData t = writable(tenant);
            Signal stored = t.signals.get(signal.key());
            if (stored == null) {
              put(t.signals, signal.key(), signal);
              return SignalWrite.NEW;
            }
            if (signal.observedAt().isBefore(stored.observedAt())) {
              // An older version arriving late: the stored one is newer and stays.
              return SignalWrite.UNCHANGED;
            }
            if (!stored.contentHash().equals(signal.contentHash())) {
              put(t.signals, signal.key(), signal);
              return SignalWrite.CHANGED;
            }
            if (signal.observedAt().isAfter(stored.observedAt())) {
              put(t.signals, signal.key(), signal);
            }
            return SignalWrite.UNCHANGED;
          });
    }

    /** Stores the batch atomically: if one signal fails, none is stored. */
    @Override
    public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signals, "signals");
      return inTransaction(tx -> List.copyOf(SignalStore.super.upsertAll(tenant, signals)));
    }

    @Override
    public Optional<Signal> find(String tenant, SignalKey key) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(key, "key");
      return read(() -> Optional.ofNullable(readable(tenant).signals.get(key)));
    }

    @Override
    public List<Signal> list(String tenant, Instant since, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(since, "since");
      checkLimit(limit);
      return read(
          () ->
              readable(tenant).signals.values().stream()
                  .filter(s -> !s.publishedAt().isBefore(since))
                  .sorted(NEWEST_SIGNAL_FIRST)
                  .limit(limit)
                  .toList());
    }
  }

  private final class Opportunities implements OpportunityStore {

    // ---- opportunities

    @Override
    public Opportunity save(Opportunity opportunity) {
      Objects.requireNonNull(opportunity, "opportunity");
      return write(
          () -> {
            TenantData t = writable(opportunity.tenant());
            String id = opportunity.id().value();
            NaturalKey naturalKey = NaturalKey.of(opportunity);
            Opportunity stored = t.opportunities.get(id);
            checkVersion(
                "opportunity",
                opportunity.id(),
                opportunity.version(),
                stored,
                Opportunity::version);
            if (stored == null) {
              String holder = t.opportunityByNaturalKey.get(naturalKey);
              if (holder != null) {
                throw new ConcurrentUpdateException(
                    "opportunity of profile "
                        + opportunity.profileId()
                        + " for signal "
                        + opportunity.signalKey()
                        + " already exists as "
                        + OpportunityId.of(opportunity.tenant(), holder));
              }
            } else if (!NaturalKey.of(stored).equals(naturalKey)) {
              throw new ValidationException(
                  "profileId and signalKey of opportunity "
                      + opportunity.id()
                      + " cannot change, were "
                      + stored.profileId()
                      + " and "
                      + stored.signalKey());
            }
            Opportunity saved =
                Opportunity.builder().from(opportunity).version(opportunity.version() + 1).build();
            put(t.opportunities, id, saved);
            put(t.opportunityByNaturalKey, naturalKey, id);
            return saved;
          });
    }

    @Override
    public Optional<Opportunity> find(OpportunityId id) {
      Objects.requireNonNull(id, "id");
      return read(() -> Optional.ofNullable(readable(id.tenant()).opportunities.get(id.value())));
    }

    @Override
    public Optional<Opportunity> find(ProfileId profileId, SignalKey signalKey) {
      Objects.requireNonNull(profileId, "profileId");
      Objects.requireNonNull(signalKey, "signalKey");
      return read(
          () -> {
            TenantData t = readable(profileId.tenant());
            String id = t.opportunityByNaturalKey.get(new NaturalKey(profileId.value(), signalKey));
            return Optional.ofNullable(id == null ? null : t.opportunities.get(id));
          });
    }

    @Override
    public List<Opportunity> listBySignal(String tenant, SignalKey signalKey) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signalKey, "signalKey");
      return read(
          () ->
              readable(tenant).opportunities.values().stream()
                  .filter(o -> o.signalKey().equals(signalKey))
                  .sorted(Comparator.comparing(o -> o.id().value()))
                  .toList());
    }

    @Override
    public List<Opportunity> listBefore(
        String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(excluded, "excluded");
      checkLimit(limit);
      return read(
          () ->
              readable(tenant).opportunities.values().stream()
                  .filter(o -> o.occursAt().isBefore(before) && !excluded.contains(o.status()))
                  .sorted(
                      Comparator.comparing(Opportunity::occursAt)
                          .thenComparing(o -> o.id().value()))
                  .limit(limit)
                  .toList());
    }

    @Override
    public Page<Opportunity> feed(FeedQuery query) {
      Objects.requireNonNull(query, "query");
      return read(() -> FeedSupport.page(query, readable(query.tenant()).opportunities.values()));
    }

    // ---- feedback

    @Override
    public void addFeedback(OpportunityId id, Feedback feedback) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(feedback, "feedback");
      write(
          () -> {
            TenantData t = readable(id.tenant());
            if (!t.opportunities.containsKey(id.value())) {
              throw new NotFoundException("opportunity " + id + " does not exist");
            }
            List<Feedback> list = new ArrayList<>(t.feedback.getOrDefault(id.value(), List.of()));
            list.add(feedback);
            put(t.feedback, id.value(), List.copyOf(list));
            return null;
          });
    }

    @Override
    public List<Feedback> listFeedback(OpportunityId id) {
      Objects.requireNonNull(id, "id");
      return read(() -> readable(id.tenant()).feedback.getOrDefault(id.value(), List.of()));
    }
  }

  private final class Runs implements RunStore {

    // ---- runs

    @Override
    public void save(RunReport report) {
      Objects.requireNonNull(report, "report");
      write(() -> put(writable(report.tenant()).runs, report.runId(), report));
    }

    @Override
    public List<RunReport> list(String tenant, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      checkLimit(limit);
      return read(
          () ->
              readable(tenant).runs.values().stream()
                  .sorted(NEWEST_RUN_FIRST)
                  .limit(limit)
                  .toList());
    }

    @Override
    public List<RunReport> list(String tenant, Instant from, Instant to) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return read(
          () ->
              readable(tenant).runs.values().stream()
                  .filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to))
                  .sorted(NEWEST_RUN_FIRST)
                  .toList());
    }

    // ---- lifecycle events

    @Override
    public void addLifecycleEvent(LifecycleEvent event) {
      Objects.requireNonNull(event, "event");
      write(
          () -> {
            TenantData t = writable(event.tenant());
            List<LifecycleEvent> list =
                new ArrayList<>(t.lifecycle.getOrDefault(event.signalKey(), List.of()));
            list.add(event);
            put(t.lifecycle, event.signalKey(), List.copyOf(list));
            return null;
          });
    }

    @Override
    public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signalKey, "signalKey");
      return read(() -> readable(tenant).lifecycle.getOrDefault(signalKey, List.of()));
    }
  }

  private final class SourceState implements SourceStateStore {

    @Override
    public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(until, "until");
      return write(
          () -> {
            TenantData t = writable(tenant);
            Lease held = t.leases.get(name);
            if (held != null && held.until().isAfter(now) && !held.owner().equals(owner)) {
              return false;
            }
            put(t.leases, name, new Lease(owner, until));
            return true;
          });
    }

    // ---- shared query cache and cost ledger

    @Override
    public Optional<CachedResult> findCachedResult(
        String sourceId, String queryKey, String cursor, Instant now) {
      Objects.requireNonNull(sourceId, "sourceId");
      Objects.requireNonNull(queryKey, "queryKey");
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(now, "now");
      return read(
          () ->
              Optional.ofNullable(cache.get(new CacheKey(sourceId, queryKey, cursor)))
                  .filter(r -> r.expiresAt().isAfter(now)));
    }

    @Override
    public void saveCachedResult(CachedResult result) {
      Objects.requireNonNull(result, "result");
      write(
          () ->
              put(
                  cache,
                  new CacheKey(result.sourceId(), result.queryKey(), result.cursor()),
                  result));
    }

    @Override
    public int deleteExpiredResults(Instant now) {
      Objects.requireNonNull(now, "now");
      return write(
          () -> {
            List<CacheKey> expired =
                cache.entrySet().stream()
                    .filter(e -> !e.getValue().expiresAt().isAfter(now))
                    .map(Map.Entry::getKey)
                    .toList();
            expired.forEach(k -> remove(cache, k));
            return expired.size();
          });
    }

    @Override
    public void addCost(CostEntry entry) {
      Objects.requireNonNull(entry, "entry");
      write(
          () -> {
            List<CostEntry> costs = writable(entry.tenant()).costs;
            costs.add(entry);
            undoLog.addLast(() -> costs.remove(costs.size() - 1));
            return null;
          });
    }

    @Override
    public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return read(
          () ->
              readable(tenant).costs.stream()
                  .filter(c -> !c.at().isBefore(from) && c.at().isBefore(to))
                  .sorted(Comparator.comparing(CostEntry::at))
                  .toList());
    }

    // ---- watermarks

    @Override
    public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(sourceId, "sourceId");
      Objects.requireNonNull(queryKey, "queryKey");
      return read(
          () ->
              Optional.ofNullable(
                  readable(tenant).watermarks.get(new WatermarkKey(sourceId, queryKey))));
    }

    @Override
    public void saveWatermark(Watermark watermark) {
      Objects.requireNonNull(watermark, "watermark");
      write(
          () ->
              put(
                  writable(watermark.tenant()).watermarks,
                  new WatermarkKey(watermark.sourceId(), watermark.queryKey()),
                  watermark));
    }
  }

  private final class Outbox implements OutboxStore {

    // ---- outbox

    @Override
    public boolean enqueue(OutboxEntry entry) {
      Objects.requireNonNull(entry, "entry");
      return write(
          () -> {
            TenantData t = writable(entry.tenant());
            String dedupe = entry.sinkId() + "\u0000" + entry.dedupeKey();
            if (t.outboxByDedupe.containsKey(dedupe) || t.outbox.containsKey(entry.id())) {
              return false;
            }
            put(t.outbox, entry.id(), OutboxEntry.builder().from(entry).version(1).build());
            put(t.outboxByDedupe, dedupe, entry.id());
            return true;
          });
    }

    @Override
    public List<OutboxEntry> listDue(String tenant, Instant now, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(now, "now");
      checkLimit(limit);
      return read(
          () ->
              readable(tenant).outbox.values().stream()
                  .filter(
                      e -> e.status() == OutboxStatus.PENDING && !e.nextAttemptAt().isAfter(now))
                  .sorted(
                      Comparator.comparing(OutboxEntry::nextAttemptAt)
                          .thenComparing(OutboxEntry::createdAt)
                          .thenComparing(OutboxEntry::id))
                  .limit(limit)
                  .toList());
    }

    @Override
    public OutboxEntry save(OutboxEntry entry) {
      Objects.requireNonNull(entry, "entry");
      return write(
          () -> {
            TenantData t = writable(entry.tenant());
            OutboxEntry stored = t.outbox.get(entry.id());
            if (stored == null) {
              throw new NotFoundException(
                  "no outbox entry " + entry.id() + " for " + entry.tenant());
            }
            checkVersion("outbox entry", entry.id(), entry.version(), stored, OutboxEntry::version);
            OutboxEntry saved =
                OutboxEntry.builder().from(entry).version(entry.version() + 1).build();
            put(t.outbox, entry.id(), saved);
            return saved;
          });
    }

    @Override
    public List<OutboxEntry> list(String tenant, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      checkLimit(limit);
      return read(
          () ->
              readable(tenant).outbox.values().stream()
                  .sorted(
                      Comparator.comparing(OutboxEntry::createdAt)
                          .thenComparing(OutboxEntry::id)
                          .reversed())
                  .limit(limit)
                  .toList());
    }
  }

  private final class Teams implements TeamStore {

    // ---- teams

    @Override
    public Team save(Team team) {
      Objects.requireNonNull(team, "team");
      return write(
          () -> {
            TenantData t = writable(team.tenant());
            Team stored = t.teams.get(team.id());
            checkVersion("team", team.id(), team.version(), stored, Team::version);
            Team saved = Team.builder().from(team).version(team.version() + 1).build();
            put(t.teams, team.id(), saved);
            return saved;
          });
    }

    @Override
    public Optional<Team> find(String tenant, String teamId) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(teamId, "teamId");
      return read(() -> Optional.ofNullable(readable(tenant).teams.get(teamId)));
    }

    @Override
    public List<Team> list(String tenant) {
      Objects.requireNonNull(tenant, "tenant");
      return read(() -> List.copyOf(readable(tenant).teams.values()));
    }

    @Override
    public SharedOpportunity saveShared(SharedOpportunity shared) {
      Objects.requireNonNull(shared, "shared");
      return write(
          () -> {
            TenantData t = writable(shared.tenant());
            ShareKey key = new ShareKey(shared.teamId(), shared.opportunityId().value());
            SharedOpportunity stored = t.shared.get(key);
            String id = shared.teamId() + " of " + shared.opportunityId();
            if (stored == null && shared.version() == 0) {
              if (!t.teams.containsKey(shared.teamId())) {
                throw new ValidationException(
                    "team " + shared.teamId() + " does not exist for tenant " + shared.tenant());
              }
              if (!t.opportunities.containsKey(shared.opportunityId().value())) {
                throw new ValidationException(
                    "opportunity " + shared.opportunityId() + " does not exist");
              }
            }
            checkVersion(
                "share with team", id, shared.version(), stored, SharedOpportunity::version);
            SharedOpportunity saved =
                SharedOpportunity.builder().from(shared).version(shared.version() + 1).build();
            put(t.shared, key, saved);
            return saved;
          });
    }

    @Override
    public Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(teamId, "teamId");
      Objects.requireNonNull(id, "id");
      if (!id.tenant().equals(tenant)) {
        return Optional.empty();
      }
      return read(
          () -> Optional.ofNullable(readable(tenant).shared.get(new ShareKey(teamId, id.value()))));
    }

    @Override
    public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(teamId, "teamId");
      checkLimit(limit);
      return read(
          () ->
              readable(tenant).shared.values().stream()
                  .filter(s -> s.teamId().equals(teamId))
                  .sorted(
                      Comparator.comparing(SharedOpportunity::sharedAt)
                          .thenComparing(s -> s.opportunityId().value())
                          .reversed())
                  .limit(limit)
                  .toList());
    }
  }

  private final class Models implements ModelStore {

    // ---- model state

    @Override
    public Optional<ModelState> find(String tenant, String name) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(name, "name");
      return read(() -> Optional.ofNullable(readable(tenant).modelStates.get(name)));
    }

    @Override
    public ModelState save(ModelState state) {
      Objects.requireNonNull(state, "state");
      return write(
          () -> {
            TenantData t = writable(state.tenant());
            ModelState stored = t.modelStates.get(state.name());
            checkVersion("model state", state.name(), state.version(), stored, ModelState::version);
            ModelState saved =
                ModelState.builder().from(state).version(state.version() + 1).build();
            put(t.modelStates, state.name(), saved);
            return saved;
          });
    }
  }

  private final class Tracking implements TrackingStore {

    // ---- tracking observations

    @Override
    public void record(TrackingObservation observation) {
      Objects.requireNonNull(observation, "observation");
      TrackingKey key = TrackingKey.of(observation);
      write(
          () -> {
            if (!tracking.containsKey(key)) {
              put(tracking, key, observation);
            }
            return null;
          });
    }

    @Override
    public List<AnonymousObservation> list(Collection<TrackedSubject> subjects, Instant since) {
      Set<TrackedSubject> wanted = TrackingSupport.distinctSubjects(subjects);
      Objects.requireNonNull(since, "since");
      return read(
          () ->
              tracking.values().stream()
                  .filter(o -> wanted.contains(o.subject()) && !o.at().isBefore(since))
                  .sorted(OLDEST_TRACKING_FIRST)
                  .map(AnonymousObservation::of)
                  .toList());
    }

    @Override
    public List<AnonymousObservation> list(Instant since, int limit) {
      Objects.requireNonNull(since, "since");
      checkLimit(limit);
      return read(
          () ->
              tracking.values().stream()
                  .filter(o -> !o.at().isBefore(since))
                  .sorted(OLDEST_TRACKING_FIRST)
                  .map(AnonymousObservation::of)
                  .limit(limit)
                  .toList());
    }

    @Override
    public int deleteBefore(Instant before) {
      Objects.requireNonNull(before, "before");
      return write(
          () -> {
            List<TrackingKey> old =
                tracking.entrySet().stream()
                    .filter(e -> e.getValue().at().isBefore(before))
                    .map(Map.Entry::getKey)
                    .toList();
            old.forEach(k -> remove(tracking, k));
            return old.size();
          });
    }
  }
}
