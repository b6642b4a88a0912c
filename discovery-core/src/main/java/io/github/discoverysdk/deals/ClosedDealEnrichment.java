package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The closed-deal enrichment batch: enriches the contacts and accounts of a tenant's recently
 * closed deals through one {@link Enricher}, answering first from the cache in storage ({@code
 * Storage.deals()}), which every engine on the database shares and which survives restarts. An
 * entry is used while it is younger than the tenant's {@code cacheDays} (default {@value
 * CachedEnrichment#DEFAULT_CACHE_DAYS}). Accounts are looked up once however many deals share them.
 * The enricher is called for {@value #CHUNK} subjects at a time and each call's answers are cached
 * before the next, so a batch that crashes resumes without paying again for what it had. A failing
 * call fails its subjects, with the reason, never the batch.
 *
 * <p>Thread-safe if its storage and enricher are; batches of one tenant should not overlap (a
 * second would pay for what the first is about to cache).
 */
public final class ClosedDealEnrichment {
  public static final int DEFAULT_LOOKBACK_MONTHS = 6;
  public static final int MAX_LOOKBACK_MONTHS = 24;
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  /** The query key of the batch's entries in the cost ledger. */
  public static final String QUERY_KEY = "closed-deal-enrichment";

  /** Subjects per enricher call, Apollo's bulk size; each call's answers are cached at once. */
  public static final int CHUNK = 10;

  private final Storage storage;
  private final Enricher enricher;
  private final CredentialStore credentials;
  private final Clock clock;
  private final ToIntFunction<String> cacheDays;
  private final SourceBudget budget;

  private ClosedDealEnrichment(Builder b) {
    this.storage = b.storage;
    this.enricher = b.enricher;
    this.credentials = b.credentials;
    this.clock = b.clock;
    this.cacheDays = b.cacheDays;
    this.budget = b.budget;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@link #enrichClosedDeals(String, int, int)} with the default lookback and limit. */
  public ClosedDealRun enrichClosedDeals(String tenant) {
    return enrichClosedDeals(tenant, DEFAULT_LOOKBACK_MONTHS, DEFAULT_LIMIT);
  }

  /**
   * Enriches the contacts and accounts of the tenant's deals closed in the last {@code
   * lookbackMonths}, oldest first, at most {@code limit} deals.
   *
   * @throws ValidationException naming the argument when the tenant is invalid, {@code
   *     lookbackMonths} is outside 1..{@value #MAX_LOOKBACK_MONTHS} or {@code limit} outside
   *     1..{@value #MAX_LIMIT}
   */
  public ClosedDealRun enrichClosedDeals(String tenant, int lookbackMonths, int limit) {
    Tenants.check("tenant", tenant);
    between("lookbackMonths", lookbackMonths, MAX_LOOKBACK_MONTHS);
    between("limit", limit, MAX_LIMIT);
    Instant now = clock.instant();
    Instant since = now.atZone(ZoneOffset.UTC).minusMonths(lookbackMonths).toInstant();
    List<Deal> deals = storage.deals().listClosed(tenant, since, Optional.empty(), limit);

    Map<String, EnrichmentSubject> contacts = new LinkedHashMap<>();
    Map<String, EnrichmentSubject> accounts = new LinkedHashMap<>();
    for (Deal d : deals) {
      Optional<String> domain = d.account().flatMap(DealAccount::domain);
      domain.ifPresent(
          dom ->
              accounts.computeIfAbsent(
                  dom,
                  k ->
                      EnrichmentSubject.builder()
                          .id("account:" + k)
                          .kind(EnrichmentSubject.Kind.COMPANY)
                          .name(d.account().orElseThrow().name())
                          .domain(k)
                          .build()));
      for (DealContact c : d.contacts()) {
        contacts.computeIfAbsent(
            c.email(),
            k ->
                EnrichmentSubject.builder()
                    .id("contact:" + k)
                    .kind(EnrichmentSubject.Kind.PERSON)
                    .email(k)
                    .name(c.name())
                    .domain(domain)
                    .putAllAttributes(c.title().map(t -> Map.of("title", t)).orElse(Map.of()))
                    .build());
      }
    }
    int days = cacheDays.applyAsInt(tenant);
    List<EnrichmentSubject> misses = new ArrayList<>();
    int hits =
        misses(tenant, CachedEnrichment.Kind.CONTACT, contacts, now, days, misses)
            + misses(tenant, CachedEnrichment.Kind.ACCOUNT, accounts, now, days, misses);

    Map<String, String> failed = new HashMap<>();
    int enriched = 0;
    int calls = 0;
    // One chunk per call, saved before the next: a batch that dies mid-way has paid only for the
    // chunk in flight, and the next batch finds the rest in the cache.
    EnrichmentSpend spend =
        new EnrichmentSpend(storage, enricher.id(), QUERY_KEY, budget, tenant, now);
    for (int from = 0; from < misses.size(); from += CHUNK) {
      List<EnrichmentSubject> chunk = misses.subList(from, Math.min(misses.size(), from + CHUNK));
      Optional<String> exhausted = spend.exhausted();
      if (exhausted.isPresent()) {
        for (EnrichmentSubject s : misses.subList(from, misses.size())) {
          failed.put(
              keyOf(s), "daily budget of " + enricher.id() + " exhausted: " + exhausted.get());
        }
        break;
      }
      EnrichmentResult result;
      try {
        result = enricher.enrich(chunk, new EnrichmentContext(clock, tenant, "deals", credentials));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new io.github.discoverysdk.SourceException(enricher.id(), "interrupted", e);
      } catch (Exception e) {
        for (EnrichmentSubject s : chunk) {
          failed.put(keyOf(s), enricher.id() + " failed: " + e.getClass().getSimpleName());
        }
        continue;
      }
      calls += result.calls();
      String why = result.skipped().isEmpty() ? "no data" : String.join("; ", result.skipped());
      List<CachedEnrichment> fresh = new ArrayList<>();
      for (EnrichmentSubject s : chunk) {
        Map<String, String> found = result.attributes().getOrDefault(s.id(), Map.of());
        if (found.isEmpty()) {
          failed.put(keyOf(s), why);
        } else {
          fresh.add(
              CachedEnrichment.builder()
                  .tenant(tenant)
                  .kind(
                      s.kind() == EnrichmentSubject.Kind.PERSON
                          ? CachedEnrichment.Kind.CONTACT
                          : CachedEnrichment.Kind.ACCOUNT)
                  .key(keyOf(s))
                  .attributes(found)
                  .enrichedAt(now)
                  .build());
        }
      }
      EnrichmentResult paid = result;
      storage.inTransaction(
          tx -> {
            tx.deals().saveEnrichments(fresh);
            spend.record(tx, paid);
            return null;
          });
      enriched += fresh.size();
    }
    return new ClosedDealRun(
        deals.size(), contacts.size(), accounts.size(), hits, enriched, calls, failed);
  }

  /** Adds the subjects without a fresh cache entry to {@code misses}; returns the fresh count. */
  private int misses(
      String tenant,
      CachedEnrichment.Kind kind,
      Map<String, EnrichmentSubject> subjects,
      Instant now,
      int days,
      List<EnrichmentSubject> misses) {
    List<String> keys = List.copyOf(subjects.keySet());
    Map<String, CachedEnrichment> cached = new HashMap<>();
    for (int from = 0; from < keys.size(); from += DealStore.MAX_BATCH) {
      cached.putAll(
          storage
              .deals()
              .findEnrichments(
                  tenant,
                  kind,
                  keys.subList(from, Math.min(keys.size(), from + DealStore.MAX_BATCH))));
    }
    int hits = 0;
    for (Map.Entry<String, EnrichmentSubject> e : subjects.entrySet()) {
      CachedEnrichment c = cached.get(e.getKey());
      if (c != null && c.freshAt(now, days)) {
        hits++;
      } else {
        misses.add(e.getValue());
      }
    }
    return hits;
  }

  private static String keyOf(EnrichmentSubject s) {
    return s.id().substring(s.id().indexOf(':') + 1);
  }

  private static void between(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new ValidationException(name + " must be between 1 and " + max + ", was " + value);
    }
  }

  /** Builds a {@link ClosedDealEnrichment}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private Storage storage;
    private Enricher enricher;
    private CredentialStore credentials = CredentialStore.none();
    private Clock clock = Clock.systemUTC();
    private ToIntFunction<String> cacheDays = t -> CachedEnrichment.DEFAULT_CACHE_DAYS;
    private SourceBudget budget;

    private Builder() {}

    /**
     * A daily budget per tenant for the enricher's calls, counted in the cost ledger (which every
     * call is written to, budget or not); a batch that reaches it stops, and its remaining subjects
     * fail with the reason. Default none.
     */
    public Builder budget(SourceBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** Where the deals and the cache are. Required. */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The enricher (a waterfall is one). Required. */
    public Builder enricher(Enricher enricher) {
      this.enricher = Objects.requireNonNull(enricher, "enricher");
      return this;
    }

    /** The tenants' keys for the enricher; default none. */
    public Builder credentials(CredentialStore credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Days a tenant's cache entries stay fresh; default {@value
     * CachedEnrichment#DEFAULT_CACHE_DAYS} for every tenant. Each value must be 1 to 3,650; checked
     * when a batch reads it.
     */
    public Builder cacheDays(ToIntFunction<String> cacheDays) {
      Objects.requireNonNull(cacheDays, "cacheDays");
      this.cacheDays =
          tenant -> {
            int days = cacheDays.applyAsInt(tenant);
            between("cacheDays", days, 3_650);
            return days;
          };
      return this;
    }

    public ClosedDealEnrichment build() {
      if (storage == null) {
        throw new ValidationException("storage is required");
      }
      if (enricher == null) {
        throw new ValidationException("enricher is required");
      }
      return new ClosedDealEnrichment(this);
    }
  }
}
