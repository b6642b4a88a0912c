package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the status, stats and summary of a tenant's closed-deal enrichment ({@link DealReport})
 * from storage: the closed deals of the lookback window and the enrichment cache entries of their
 * contacts and accounts, in pages of {@link DealStore#MAX_BATCH}. It calls no enrichment source.
 *
 * <p>Thread-safe if its storage is.
 */
public final class DealReports {
  /** Most deals a report reads. */
  public static final int MAX_DEALS = 10_000;

  private final Storage storage;
  private final Clock clock;

  public DealReports(Storage storage, Clock clock) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The report over the deals closed in the last {@code lookbackMonths}.
   *
   * @throws ValidationException when the tenant is invalid or {@code lookbackMonths} is outside
   *     1..{@value ClosedDealEnrichment#MAX_LOOKBACK_MONTHS}
   */
  public DealReport report(String tenant, int lookbackMonths) {
    Tenants.check("tenant", tenant);
    if (lookbackMonths < 1 || lookbackMonths > ClosedDealEnrichment.MAX_LOOKBACK_MONTHS) {
      throw new ValidationException(
          "lookbackMonths must be between 1 and "
              + ClosedDealEnrichment.MAX_LOOKBACK_MONTHS
              + ", was "
              + lookbackMonths);
    }
    Instant since = clock.instant().atZone(ZoneOffset.UTC).minusMonths(lookbackMonths).toInstant();
    List<Deal> deals = closedDeals(tenant, since);
    Set<String> emails = new LinkedHashSet<>();
    Set<String> domains = new LinkedHashSet<>();
    for (Deal d : deals) {
      d.contacts().forEach(c -> emails.add(c.email()));
      d.account().flatMap(DealAccount::domain).ifPresent(domains::add);
    }
    Map<String, CachedEnrichment> contacts = cached(tenant, CachedEnrichment.Kind.CONTACT, emails);
    Map<String, CachedEnrichment> accounts = cached(tenant, CachedEnrichment.Kind.ACCOUNT, domains);
    Map<String, EnrichmentStatus> attempts = statuses(tenant, emails);
    Map<EnrichmentStatus.Outcome, Integer> outcomes = new EnumMap<>(EnrichmentStatus.Outcome.class);
    attempts.values().forEach(a -> outcomes.merge(a.outcome(), 1, Integer::sum));

    Map<String, Integer> coverage = new TreeMap<>();
    Optional<Instant> last = Optional.empty();
    for (CachedEnrichment c : concat(contacts, accounts)) {
      coverage.merge(source(c.attributes()), 1, Integer::sum);
      last = last.filter(l -> !l.isBefore(c.enrichedAt())).or(() -> Optional.of(c.enrichedAt()));
    }
    Map<String, Integer> industries = new HashMap<>();
    Map<String, Integer> sizes = new TreeMap<>();
    Map<BuyingRole, Integer> roles = new EnumMap<>(BuyingRole.class);
    Map<String, ContactRole> roleByEmail = new HashMap<>();
    List<DealBreakdown> breakdown = new ArrayList<>();
    int enrichedDeals = 0;
    int partialDeals = 0;
    for (Deal d : deals) {
      Map<String, String> account =
          d.account()
              .flatMap(DealAccount::domain)
              .map(accounts::get)
              .map(CachedEnrichment::attributes)
              .orElse(Map.of());
      Optional.ofNullable(account.get("industry"))
          .ifPresent(i -> industries.merge(i, 1, Integer::sum));
      Optional.ofNullable(IcpDerivation.band(account.get("employees")))
          .ifPresent(b -> sizes.merge(b, 1, Integer::sum));
      List<DealBreakdown.ContactStatus> statuses = new ArrayList<>();
      for (DealContact c : d.contacts()) {
        CachedEnrichment e = contacts.get(c.email());
        ContactRole role =
            roleByEmail.computeIfAbsent(
                c.email(), k -> BuyingRoles.of(c, e == null ? Map.of() : e.attributes()));
        statuses.add(
            new DealBreakdown.ContactStatus(
                c,
                e == null ? DealBreakdown.Status.MISSING : DealBreakdown.Status.ENRICHED,
                role,
                Optional.ofNullable(attempts.get(c.email()))));
      }
      DealBreakdown b = new DealBreakdown(d, !account.isEmpty(), statuses);
      enrichedDeals += b.enriched() ? 1 : 0;
      partialDeals += b.partial() ? 1 : 0;
      breakdown.add(b);
    }
    int resolved = 0;
    for (ContactRole r : roleByEmail.values()) {
      roles.merge(r.role(), 1, Integer::sum);
      resolved += r.role() == BuyingRole.UNKNOWN ? 0 : 1;
    }
    return new DealReport(
        tenant,
        since,
        deals.size(),
        enrichedDeals,
        partialDeals,
        emails.size(),
        contacts.size(),
        resolved,
        accounts.size(),
        last,
        coverage,
        top(industries, 10),
        sizes,
        roles,
        breakdown,
        outcomes);
  }

  private List<Deal> closedDeals(String tenant, Instant since) {
    List<Deal> out = new ArrayList<>();
    Optional<DealCursor> after = Optional.empty();
    while (out.size() < MAX_DEALS) {
      int page = Math.min(DealStore.MAX_BATCH, MAX_DEALS - out.size());
      List<Deal> batch = storage.deals().listClosed(tenant, since, after, page);
      out.addAll(batch);
      if (batch.size() < page) {
        break;
      }
      after = Optional.of(DealCursor.after(batch.get(batch.size() - 1)));
    }
    return out;
  }

  private Map<String, CachedEnrichment> cached(
      String tenant, CachedEnrichment.Kind kind, Set<String> keys) {
    List<String> all = List.copyOf(keys);
    Map<String, CachedEnrichment> out = new HashMap<>();
    for (int from = 0; from < all.size(); from += DealStore.MAX_BATCH) {
      out.putAll(
          storage
              .deals()
              .findEnrichments(
                  tenant,
                  kind,
                  all.subList(from, Math.min(all.size(), from + DealStore.MAX_BATCH))));
    }
    return out;
  }

  private Map<String, EnrichmentStatus> statuses(String tenant, Set<String> emails) {
    List<String> all = List.copyOf(emails);
    Map<String, EnrichmentStatus> out = new HashMap<>();
    for (int from = 0; from < all.size(); from += DealStore.MAX_BATCH) {
      out.putAll(
          storage
              .deals()
              .findStatuses(
                  tenant,
                  EnrichmentStatus.Subject.CONTACT,
                  all.subList(from, Math.min(all.size(), from + DealStore.MAX_BATCH))));
    }
    return out;
  }

  private static List<CachedEnrichment> concat(
      Map<String, CachedEnrichment> a, Map<String, CachedEnrichment> b) {
    List<CachedEnrichment> all = new ArrayList<>(a.values());
    all.addAll(b.values());
    return all;
  }

  /**
   * Which source answered, from the keys only it leaves: {@code apolloId} (Apollo), {@code
   * headquarters} or {@code category} (Serper's knowledge graph); else {@code unattributed}.
   */
  static String source(Map<String, String> attributes) {
    if (attributes.containsKey("apolloId")) {
      return "apollo";
    }
    if (attributes.containsKey("headquarters") || attributes.containsKey("category")) {
      return "serper";
    }
    return "unattributed";
  }

  private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
