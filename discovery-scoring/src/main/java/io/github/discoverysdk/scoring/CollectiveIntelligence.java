package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.scoring.CollectiveInsight.PeerInsight;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Anonymous social proof across tenants: how many profiles track an account or a signal, whether
 * that is trending, and which industries' teams track it ("12 fintech teams track Stripe"). Built
 * once from a snapshot of observations as of a time: {@link TrackingObservation}s of your own, or
 * what the engine recorded, read with {@link #load} or {@link #loadAll} (tenants and profiles come
 * back from storage as pseudonyms, {@link AnonymousObservation}). Immutable and thread-safe.
 *
 * <p><b>Minimum group size.</b> Every figure is shown only when at least {@link
 * CollectivePolicy#minTenants()} distinct tenants contribute to it: the tracker count when that
 * many tenants track the subject, the trend when that many were active in the two trending windows
 * together, a peer insight when that many tenants track it from that industry. One tenant with many
 * profiles is one tenant. Results ({@link CollectiveInsight}) hold counts and folded industries
 * only; tenants and profiles are replaced by numbers when the snapshot is built and never leave it
 * (the snapshot itself keeps only tenant pseudonyms, to recognise the viewer). {@link #insightFor}
 * leaves the viewing tenant out, so that a tenant sees what others do.
 *
 * <p><b>Trackers</b> of a subject are the distinct profiles with an observation of it in {@code
 * (now - lookback, now]}; observations after {@code now} are ignored.
 *
 * <p><b>Trend.</b> With {@code c} the distinct profiles observed tracking the subject in the
 * current window {@code (now - window, now]} and {@code p} those in the previous window {@code (now
 * - 2 window, now - window]}, the trend is {@code (c - p) / (c + p)}, from -1 to 1: 1 when nobody
 * tracked it in the previous window, 0 when the windows are level, 1/3 when trackers doubled, -1/3
 * when they halved, -1 when nobody tracked it in the current window. It is bounded (so one new
 * subject cannot dwarf everything) and symmetric in growth and decline.
 */
public final class CollectiveIntelligence {
  /** One observation of a subject, tenant and profile replaced by numbers. */
  private record Entry(int tenant, int profile, long at, int[] industries) {}

  private final CollectivePolicy policy;
  private final long now;
  private final Map<TrackedSubject, List<Entry>> bySubject;
  private final List<String> industries;
  // Tenant pseudonyms, needed only to leave a viewing tenant out; never exposed.
  private final Map<String, Integer> tenants;

  private CollectiveIntelligence(
      CollectivePolicy policy,
      long now,
      Map<TrackedSubject, List<Entry>> bySubject,
      List<String> industries,
      Map<String, Integer> tenants) {
    this.policy = policy;
    this.now = now;
    this.bySubject = bySubject;
    this.industries = industries;
    this.tenants = tenants;
  }

  /**
   * A snapshot of what profiles track as of {@code now}. Observations outside {@code (now -
   * lookback, now]} are dropped.
   */
  public static CollectiveIntelligence of(
      Collection<TrackingObservation> observations, Instant now, CollectivePolicy policy) {
    Objects.requireNonNull(observations, "observations");
    return build(observations.stream().map(AnonymousObservation::of).toList(), now, policy);
  }

  /** The snapshot of observations read across tenants, as {@link Storage#listTracking} gives. */
  private static CollectiveIntelligence build(
      Collection<AnonymousObservation> observations, Instant now, CollectivePolicy policy) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(policy, "policy");
    long nowMillis = now.toEpochMilli();
    long from = now.minus(policy.lookback()).toEpochMilli();
    Map<String, Integer> tenants = new HashMap<>();
    Map<String, Integer> profiles = new HashMap<>();
    Map<String, Integer> industryIds = new HashMap<>();
    List<String> industries = new ArrayList<>();
    Map<TrackedSubject, List<Entry>> bySubject = new HashMap<>();
    for (AnonymousObservation o : observations) {
      long at = o.at().toEpochMilli();
      if (at <= from || at > nowMillis) {
        continue;
      }
      int tenant = tenants.computeIfAbsent(o.tenantKey(), k -> tenants.size());
      int profile = profiles.computeIfAbsent(o.profileKey(), k -> profiles.size());
      int[] ids = new int[o.industries().size()];
      int n = 0;
      for (String industry : o.industries()) {
        ids[n++] =
            industryIds.computeIfAbsent(
                industry,
                k -> {
                  industries.add(k);
                  return industries.size() - 1;
                });
      }
      bySubject
          .computeIfAbsent(o.subject(), k -> new ArrayList<>())
          .add(new Entry(tenant, profile, at, ids));
    }
    Map<TrackedSubject, List<Entry>> frozen = new HashMap<>();
    bySubject.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new CollectiveIntelligence(
        policy, nowMillis, Map.copyOf(frozen), List.copyOf(industries), Map.copyOf(tenants));
  }

  /**
   * A snapshot of some subjects as of {@code now}, read from the tracking the engine records when
   * {@code DiscoveryEngine.Builder.collectTracking(true)} is set: typically the subjects of the
   * opportunities on screen ({@link TrackedSubject#of(Opportunity)}), to show "others are tracking
   * this" with {@link #insightFor}.
   *
   * @throws ValidationException if there are more than {@link
   *     io.github.discoverysdk.spi.TrackingStore#MAX_TRACKED_SUBJECTS} distinct subjects
   */
  public static CollectiveIntelligence load(
      Storage storage, Collection<TrackedSubject> subjects, Instant now, CollectivePolicy policy) {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(policy, "policy");
    Set<TrackedSubject> distinct = new LinkedHashSet<>(subjects);
    return build(storage.tracking().list(distinct, now.minus(policy.lookback())), now, policy);
  }

  /**
   * A snapshot of every subject as of {@code now}, read from storage: the input of {@link
   * #trending}. It holds every observation of the lookback in memory (about 100 bytes each), so it
   * refuses to read more than {@code maxObservations}; build it once and share it for a while
   * rather than per request.
   *
   * @throws ValidationException if the lookback holds more than {@code maxObservations}
   */
  public static CollectiveIntelligence loadAll(
      Storage storage, Instant now, CollectivePolicy policy, int maxObservations) {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(policy, "policy");
    if (maxObservations < 1 || maxObservations == Integer.MAX_VALUE) {
      throw new ValidationException(
          "maxObservations must be between 1 and "
              + (Integer.MAX_VALUE - 1)
              + ", was "
              + maxObservations);
    }
    List<AnonymousObservation> all =
        storage.tracking().list(now.minus(policy.lookback()), maxObservations + 1);
    if (all.size() > maxObservations) {
      throw new ValidationException(
          "more than "
              + maxObservations
              + " tracking observations in the lookback of "
              + policy.lookback()
              + ": raise maxObservations or shorten the lookback");
    }
    return build(all, now, policy);
  }

  /** The snapshot with {@link CollectivePolicy#defaults()}. */
  public static CollectiveIntelligence of(
      Collection<TrackingObservation> observations, Instant now) {
    return of(observations, now, CollectivePolicy.defaults());
  }

  /**
   * What all tenants do about a subject; empty when fewer than the minimum number of tenants track
   * it.
   */
  public Optional<CollectiveInsight> insight(TrackedSubject subject) {
    return compute(Objects.requireNonNull(subject, "subject"), -1);
  }

  /**
   * What tenants other than the viewing one do about a subject; empty when fewer than the minimum
   * number of other tenants track it. Pass the tenant of the user who will see the figures, never
   * another one: comparing figures with and without a tenant would tell whether it tracks the
   * subject.
   */
  public Optional<CollectiveInsight> insightFor(TrackedSubject subject, String viewerTenant) {
    Objects.requireNonNull(subject, "subject");
    if (viewerTenant == null || viewerTenant.isBlank()) {
      throw new ValidationException("viewerTenant must not be blank, was '" + viewerTenant + "'");
    }
    return compute(subject, tenants.getOrDefault(AnonymousObservation.tenantKey(viewerTenant), -1));
  }

  /**
   * The subjects with the highest shown trend, highest first (ties: more trackers first, then by
   * subject); subjects whose trend is hidden are left out.
   */
  public List<CollectiveInsight> trending(int limit) {
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    List<CollectiveInsight> shown = new ArrayList<>();
    for (TrackedSubject s : bySubject.keySet()) {
      compute(s, -1).filter(i -> i.trend().isPresent()).ifPresent(shown::add);
    }
    shown.sort(
        Comparator.comparingDouble((CollectiveInsight i) -> -i.trend().getAsDouble())
            .thenComparing(i -> -i.profiles())
            .thenComparing(i -> i.subject().toString()));
    return List.copyOf(shown.subList(0, Math.min(limit, shown.size())));
  }

  private Optional<CollectiveInsight> compute(TrackedSubject subject, int excludedTenant) {
    List<Entry> entries = bySubject.getOrDefault(subject, List.of());
    int k = policy.minTenants();
    boolean rounding = policy.countStep() > 1;
    long window = policy.window().toMillis();
    BitSet tenantsAll = new BitSet();
    BitSet profilesAll = new BitSet();
    BitSet current = new BitSet();
    BitSet previous = new BitSet();
    BitSet tenantsActive = new BitSet();
    Map<Integer, BitSet[]> byIndustry = new TreeMap<>();
    for (Entry e : entries) {
      if (e.tenant() == excludedTenant) {
        continue;
      }
      tenantsAll.set(e.tenant());
      profilesAll.set(e.profile());
      if (e.at() > now - window) {
        current.set(e.profile());
        tenantsActive.set(e.tenant());
      } else if (e.at() > now - 2 * window) {
        previous.set(e.profile());
        tenantsActive.set(e.tenant());
      }
      for (int industry : e.industries()) {
        BitSet[] sets = byIndustry.computeIfAbsent(industry, i -> new BitSet[2]);
        if (sets[0] == null) {
          sets[0] = new BitSet();
          sets[1] = new BitSet();
        }
        sets[0].set(e.tenant());
        sets[1].set(e.profile());
      }
    }
    if (tenantsAll.cardinality() < k) {
      return Optional.empty();
    }
    OptionalDouble trend = OptionalDouble.empty();
    if (tenantsActive.cardinality() >= k) {
      double c = current.cardinality();
      double p = previous.cardinality();
      double t = (c - p) / (c + p);
      trend = OptionalDouble.of(rounding ? Math.round(t * 10) / 10.0 : t);
    }
    Map<String, PeerInsight> peers = new LinkedHashMap<>();
    byIndustry.forEach(
        (industry, sets) -> {
          if (sets[0].cardinality() >= k) {
            String name = industries.get(industry);
            int teams = shown(sets[0].cardinality(), k);
            peers.put(
                name, new PeerInsight(name, teams, shown(sets[1].cardinality(), teams), rounding));
          }
        });
    List<PeerInsight> sorted = new ArrayList<>(peers.values());
    sorted.sort(
        Comparator.comparingInt((PeerInsight p) -> -p.teams())
            .thenComparingInt(p -> -p.profiles())
            .thenComparing(PeerInsight::industry));
    int teams = shown(tenantsAll.cardinality(), k);
    return Optional.of(
        new CollectiveInsight(
            subject, shown(profilesAll.cardinality(), teams), teams, trend, sorted, rounding));
  }

  /** A count as it may be shown: rounded down to the count step, never below {@code floor}. */
  private int shown(int count, int floor) {
    int step = policy.countStep();
    return Math.max(floor, count / step * step);
  }

  @Override
  public String toString() {
    return "CollectiveIntelligence{subjects="
        + bySubject.size()
        + ", minTenants="
        + policy.minTenants()
        + "}";
  }
}
