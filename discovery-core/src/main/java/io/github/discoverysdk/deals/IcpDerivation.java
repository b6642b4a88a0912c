package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.IcpTrait.Kind;
import io.github.discoverysdk.matching.JobTitle;
import io.github.discoverysdk.matching.Normalizer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Derives the ideal customer from won against lost deals: for every trait of the deals' accounts
 * (industry, head-count band, country, technologies, from the account enrichment cache) and
 * contacts (normalised titles and buying roles), its share among won deals against its share among
 * lost ones, each deal weighted by recency (half-life {@link #halfLife}) and value (its amount
 * against the median, clamped to 0.5–2). A trait is kept when at least {@link #minDeals} won deals
 * have it, its weighted share among won deals is at least {@link #minShare} and its lift (won share
 * minus lost share) at least {@link #minLift}.
 *
 * <p>Deterministic for the same input. Immutable and thread-safe.
 */
public final class IcpDerivation {
  private final Duration halfLife;
  private final int minDeals;
  private final double minShare;
  private final double minLift;

  private IcpDerivation(Duration halfLife, int minDeals, double minShare, double minLift) {
    this.halfLife = halfLife;
    this.minDeals = minDeals;
    this.minShare = minShare;
    this.minLift = minLift;
  }

  /** Half-life 365 days; a trait needs 3 won deals, a 25 % won share and a lift of 0.10. */
  public static IcpDerivation defaults() {
    return new IcpDerivation(Duration.ofDays(365), 3, 0.25, 0.10);
  }

  /**
   * These thresholds instead.
   *
   * @throws ValidationException when a threshold is out of range
   */
  public static IcpDerivation of(Duration halfLife, int minDeals, double minShare, double minLift) {
    Objects.requireNonNull(halfLife, "halfLife");
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new ValidationException("halfLife must be positive, was " + halfLife);
    }
    if (minDeals < 1) {
      throw new ValidationException("minDeals must be at least 1, was " + minDeals);
    }
    if (!(minShare >= 0 && minShare <= 1) || !(minLift >= 0 && minLift <= 1)) {
      throw new ValidationException("minShare and minLift must be between 0 and 1");
    }
    return new IcpDerivation(halfLife, minDeals, minShare, minLift);
  }

  /**
   * The ideal customer of {@code tenant}'s closed {@code deals}.
   *
   * @param accounts account enrichment by domain ({@code industry}, {@code employees}, {@code
   *     country}, {@code technologies})
   * @param contacts person enrichment by e-mail ({@code title}, {@code seniority}, {@code
   *     departments})
   */
  public Icp derive(
      String tenant,
      List<Deal> deals,
      Map<String, Map<String, String>> accounts,
      Map<String, Map<String, String>> contacts,
      Instant now) {
    Objects.requireNonNull(deals, "deals");
    double median = medianAmount(deals);
    Tally won = new Tally();
    Tally lost = new Tally();
    Map<String, Map<String, Integer>> spellings = new HashMap<>();
    for (Deal d : deals) {
      if (!d.stage().closed() || !d.tenant().equals(tenant)) {
        continue;
      }
      for (DealContact c : d.contacts()) {
        String raw =
            contacts
                .getOrDefault(c.email(), Map.of())
                .getOrDefault("title", c.title().orElse(null));
        if (raw != null && !raw.isBlank()) {
          spellings
              .computeIfAbsent(JobTitle.parse(raw).normalized(), k -> new HashMap<>())
              .merge(raw.strip(), 1, Integer::sum);
        }
      }
      Map<Kind, Set<String>> traits = traits(d, accounts, contacts);
      (d.stage() == DealStage.CLOSED_WON ? won : lost).add(traits, weight(d, median, now));
    }
    List<IcpTrait> out = new ArrayList<>();
    for (Map.Entry<Kind, Map<String, double[]>> k : won.byKind.entrySet()) {
      Kind kind = k.getKey();
      for (Map.Entry<String, double[]> v : k.getValue().entrySet()) {
        double[] w = v.getValue();
        double wonShare = w[0] / won.known(kind)[0];
        double[] l = lost.of(kind, v.getKey());
        double lostShare = lost.known(kind)[0] == 0 ? 0 : l[0] / lost.known(kind)[0];
        double lift = wonShare - lostShare;
        if (w[1] >= minDeals && wonShare >= minShare && lift >= minLift) {
          out.add(
              new IcpTrait(
                  kind,
                  v.getKey(),
                  kind == Kind.TITLE
                      ? mostCommon(spellings.get(v.getKey()), v.getKey())
                      : v.getKey(),
                  (int) w[1],
                  (int) won.known(kind)[1],
                  (int) l[1],
                  (int) lost.known(kind)[1],
                  Math.round(lift * 1000) / 1000.0));
        }
      }
    }
    out.sort(
        Comparator.comparingDouble(IcpTrait::lift)
            .reversed()
            .thenComparing(IcpTrait::kind)
            .thenComparing(IcpTrait::value));
    return new Icp(tenant, won.deals, lost.deals, out, now);
  }

  /** The most frequent spelling, ties broken alphabetically; {@code fallback} when none. */
  private static String mostCommon(Map<String, Integer> counts, String fallback) {
    if (counts == null || counts.isEmpty()) {
      return fallback;
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  private double weight(Deal d, double median, Instant now) {
    Instant at = d.closedAt().orElse(d.updatedAt());
    double ageDays = Math.max(0, Duration.between(at, now).toHours() / 24.0);
    double recency = Math.pow(0.5, ageDays / (halfLife.toHours() / 24.0));
    double value =
        d.amount().isEmpty() || median <= 0
            ? 1
            : Math.max(0.5, Math.min(2, d.amount().get().doubleValue() / median));
    return recency * value;
  }

  private static double medianAmount(List<Deal> deals) {
    List<BigDecimal> amounts = deals.stream().flatMap(d -> d.amount().stream()).sorted().toList();
    return amounts.isEmpty() ? 0 : amounts.get(amounts.size() / 2).doubleValue();
  }

  /** The deal's traits by kind; a kind is absent when nothing about it is known. */
  static Map<Kind, Set<String>> traits(
      Deal d,
      Map<String, Map<String, String>> accounts,
      Map<String, Map<String, String>> contacts) {
    Map<Kind, Set<String>> t =
        accountTraits(d.account().flatMap(DealAccount::domain).map(accounts::get).orElse(Map.of()));
    for (DealContact c : d.contacts()) {
      Map<String, String> e = contacts.getOrDefault(c.email(), Map.of());
      String title = e.getOrDefault("title", c.title().orElse(null));
      if (title != null) {
        String normalized = JobTitle.parse(title).normalized();
        put(t, Kind.TITLE, normalized.isEmpty() ? null : normalized);
      }
      BuyingRole role = BuyingRoles.of(c, e).role();
      if (role != BuyingRole.UNKNOWN) {
        put(t, Kind.ROLE, role.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return t;
  }

  /**
   * The traits an account's enrichment ({@code industry}, {@code country}, {@code employees},
   * {@code technologies}) or an opportunity's company attributes give, folded as the ICP folds
   * them.
   */
  static Map<Kind, Set<String>> accountTraits(Map<String, String> a) {
    Map<Kind, Set<String>> t = new EnumMap<>(Kind.class);
    put(t, Kind.INDUSTRY, a.get("industry"));
    put(t, Kind.REGION, a.get("country"));
    put(t, Kind.COMPANY_SIZE, band(a.get("employees")));
    if (a.get("technologies") != null) {
      for (String tech : a.get("technologies").split(",")) {
        put(t, Kind.TECHNOLOGY, tech);
      }
    }
    return t;
  }

  private static void put(Map<Kind, Set<String>> t, Kind kind, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    String v =
        kind == Kind.TITLE || kind == Kind.ROLE || kind == Kind.COMPANY_SIZE
            ? value
            : Normalizer.phrase(value);
    if (!v.isEmpty()) {
      t.computeIfAbsent(kind, k -> new HashSet<>()).add(v);
    }
  }

  /** Head-count bands as sales teams segment: 1-10, 11-50, 51-200, 201-1000, 1001-5000, 5001+. */
  static String band(String employees) {
    if (employees == null) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(employees.strip().replace(",", ""));
    } catch (NumberFormatException e) {
      return null;
    }
    if (n < 1) {
      return null;
    }
    return n <= 10
        ? "1-10"
        : n <= 50
            ? "11-50"
            : n <= 200 ? "51-200" : n <= 1000 ? "201-1000" : n <= 5000 ? "1001-5000" : "5001+";
  }

  /** Weighted and plain counts of traits over a set of deals. */
  private static final class Tally {
    /** kind → value → {weight, count}. */
    final Map<Kind, Map<String, double[]>> byKind = new EnumMap<>(Kind.class);

    /** kind → {weight, count} of the deals where the kind is known. */
    final Map<Kind, double[]> knownByKind = new EnumMap<>(Kind.class);

    int deals;

    void add(Map<Kind, Set<String>> traits, double weight) {
      deals++;
      for (Map.Entry<Kind, Set<String>> e : traits.entrySet()) {
        double[] k = knownByKind.computeIfAbsent(e.getKey(), x -> new double[2]);
        k[0] += weight;
        k[1]++;
        Map<String, double[]> values = byKind.computeIfAbsent(e.getKey(), x -> new HashMap<>());
        for (String v : e.getValue()) {
          double[] c = values.computeIfAbsent(v, x -> new double[2]);
          c[0] += weight;
          c[1]++;
        }
      }
    }

    double[] known(Kind kind) {
      return knownByKind.getOrDefault(kind, new double[2]);
    }

    double[] of(Kind kind, String value) {
      return byKind.getOrDefault(kind, Map.of()).getOrDefault(value, new double[2]);
    }
  }
}
