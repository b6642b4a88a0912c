package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealCursor;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.Icp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deals of an {@link InMemoryStorage}: one map per tenant by (source, id), and per tenant an
 * index of the closed deals in (closedAt, source, id) order, which pages {@link #listClosed}
 * without a scan. Thread-safe: every method runs under the state's lock, and every write goes
 * through {@link MemoryState#put}/{@link MemoryState#remove}, so a rollback restores both maps.
 */
final class MemoryDealStore implements DealStore {
  private static final Comparator<DealCursor> ORDER =
      Comparator.comparing(DealCursor::closedAt)
          .thenComparing(DealCursor::source)
          .thenComparing(DealCursor::id);

  private final MemoryState state;
  private final Map<String, Map<Key, Deal>> byTenant = new HashMap<>();
  private final Map<String, NavigableMap<DealCursor, Deal>> closedByTenant = new HashMap<>();
  private final Map<EnrichmentKey, CachedEnrichment> enrichments = new HashMap<>();
  private final Map<String, Icp> icps = new HashMap<>();

  private final MemoryDealStatuses statuses;

  MemoryDealStore(MemoryState state) {
    this.state = state;
    this.statuses = new MemoryDealStatuses(state);
  }

  private record Key(String source, String id) {}

  private record EnrichmentKey(String tenant, CachedEnrichment.Kind kind, String key) {
    static EnrichmentKey of(CachedEnrichment e) {
      return new EnrichmentKey(e.tenant(), e.kind(), e.key());
    }
  }

  @Override
  public List<Deal> saveAll(List<Deal> deals) {
    List<Deal> copy = List.copyOf(deals);
    checkBatch(copy);
    return state.write(
        () -> {
          List<Deal> out = new ArrayList<>(copy.size());
          for (Deal d : copy) {
            out.add(save(d));
          }
          return List.copyOf(out);
        });
  }

  /** The checks every store makes of a batch before writing. */
  static void checkBatch(List<Deal> deals) {
    if (deals.size() > MAX_BATCH) {
      throw new ValidationException(
          "deals must hold at most " + MAX_BATCH + " deals per call, held " + deals.size());
    }
    Set<List<String>> keys = new HashSet<>();
    for (Deal d : deals) {
      if (!keys.add(List.of(d.tenant(), d.source(), d.id()))) {
        throw new ValidationException(
            "deals must not repeat a deal, repeated "
                + d.source()
                + "/"
                + d.id()
                + " of tenant "
                + d.tenant());
      }
    }
  }

  private Deal save(Deal d) {
    // Partitions are created outside the undo log: an empty one left by a rollback is harmless.
    Map<Key, Deal> deals = byTenant.computeIfAbsent(d.tenant(), t -> new HashMap<>());
    NavigableMap<DealCursor, Deal> closed =
        closedByTenant.computeIfAbsent(d.tenant(), t -> new TreeMap<>(ORDER));
    Key key = new Key(d.source(), d.id());
    Deal stored = deals.get(key);
    if (stored != null && !d.updatedAt().isAfter(stored.updatedAt())) {
      return stored;
    }
    Deal saved = Deal.builder().from(d).version(stored == null ? 1 : stored.version() + 1).build();
    if (stored != null && stored.stage().closed()) {
      state.remove(closed, DealCursor.after(stored));
    }
    state.put(deals, key, saved);
    if (saved.stage().closed()) {
      state.put(closed, DealCursor.after(saved), saved);
    }
    return saved;
  }

  @Override
  public Optional<Deal> find(String tenant, String source, String id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    return state.read(
        () ->
            Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(new Key(source, id))));
  }

  @Override
  public List<Deal> listClosed(
      String tenant, Instant since, Optional<DealCursor> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(after, "after");
    MemoryState.checkLimit(limit);
    return state.read(
        () -> {
          NavigableMap<DealCursor, Deal> closed = closedByTenant.get(tenant);
          if (closed == null || limit == 0) {
            return List.<Deal>of();
          }
          // Before any key at "since": the empty source sorts before every real one.
          DealCursor from = new DealCursor(since, "\u0001", "\u0001");
          NavigableMap<DealCursor, Deal> tail =
              after.isPresent() && ORDER.compare(after.get(), from) >= 0
                  ? closed.tailMap(after.get(), false)
                  : closed.tailMap(from, true);
          List<Deal> out = new ArrayList<>(Math.min(limit, tail.size()));
          for (Deal d : tail.values()) {
            if (out.size() >= limit) {
              break;
            }
            out.add(d);
          }
          return List.copyOf(out);
        });
  }

  @Override
  public Map<String, CachedEnrichment> findEnrichments(
      String tenant, CachedEnrichment.Kind kind, Collection<String> keys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(kind, "kind");
    List<String> wanted = List.copyOf(keys);
    return state.read(
        () -> {
          Map<String, CachedEnrichment> out = new HashMap<>();
          for (String k : wanted) {
            CachedEnrichment e = enrichments.get(new EnrichmentKey(tenant, kind, k));
            if (e != null) {
              out.put(k, e);
            }
          }
          return Map.copyOf(out);
        });
  }

  @Override
  public void saveEnrichments(List<CachedEnrichment> entries) {
    List<CachedEnrichment> copy = List.copyOf(entries);
    checkEnrichments(copy);
    state.write(
        () -> {
          for (CachedEnrichment e : copy) {
            state.put(enrichments, EnrichmentKey.of(e), e);
          }
          return null;
        });
  }

  /** The checks every store makes of a batch of cache entries before writing. */
  static void checkEnrichments(List<CachedEnrichment> entries) {
    if (entries.size() > MAX_BATCH) {
      throw new ValidationException(
          "entries must hold at most " + MAX_BATCH + " per call, held " + entries.size());
    }
    Set<EnrichmentKey> keys = new HashSet<>();
    for (CachedEnrichment e : entries) {
      if (!keys.add(EnrichmentKey.of(e))) {
        throw new ValidationException(
            "entries must not repeat a key, repeated " + e.kind() + " " + e.key());
      }
    }
  }

  @Override
  public Map<String, EnrichmentStatus> findStatuses(
      String tenant, EnrichmentStatus.Subject subject, Collection<String> keys) {
    return statuses.find(tenant, subject, keys);
  }

  @Override
  public List<EnrichmentStatus> listStatuses(
      String tenant,
      EnrichmentStatus.Subject subject,
      EnrichmentStatus.Outcome outcome,
      int limit) {
    return statuses.list(tenant, subject, outcome, limit);
  }

  @Override
  public void saveStatuses(List<EnrichmentStatus> batch) {
    statuses.save(batch);
  }

  @Override
  public void saveIcp(Icp icp) {
    Objects.requireNonNull(icp, "icp");
    state.write(
        () -> {
          state.put(icps, icp.tenant(), icp);
          return null;
        });
  }

  @Override
  public Optional<Icp> findIcp(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return state.read(() -> Optional.ofNullable(icps.get(tenant)));
  }
}
