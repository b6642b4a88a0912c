package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
 * <p>Each contact and account gets an {@link EnrichmentStatus} in storage with the outcome, the
 * source and the reason: enriched, partial (some attributes the reports use are missing), not
 * found, skipped by budget, or source failed. <b>Misses are cached</b>: a subject the enricher
 * answered with nothing while no source was skipped is {@link EnrichmentStatus.Outcome#NOT_FOUND}
 * and is not asked again for the tenant's {@code missDays} (default {@value #DEFAULT_MISS_DAYS},
 * shorter than the hits' 90 days because new people and companies reach the sources later), so a
 * monthly rerun does not pay for it twice. A miss while a source was skipped (no key, an error) may
 * be that source's doing: it is {@code SOURCE_FAILED} and asked again at the next batch, as are
 * subjects skipped by the budget.
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

  /**
   * The default days a "not found" is remembered: long enough that the next monthly chain (about 31
   * days later) and the one after do not pay for it again, short enough that a contact who appears
   * in the sources later is found within a quarter.
   */
  public static final int DEFAULT_MISS_DAYS = 60;

  /** Subjects per enricher call, Apollo's bulk size; each call's answers are cached at once. */
  public static final int CHUNK = 10;

  private final Storage storage;
  private final Enricher enricher;
  private final CredentialStore credentials;
  private final Clock clock;
  private final ToIntFunction<String> cacheDays;
  private final SourceBudget budget;
  private final ToIntFunction<String> missDays;

  private ClosedDealEnrichment(Builder b) {
    this.storage = b.storage;
    this.enricher = b.enricher;
    this.credentials = b.credentials;
    this.clock = b.clock;
    this.cacheDays = b.cacheDays;
    this.budget = b.budget;
    this.missDays = b.missDays;
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
    Instant since = clock.instant().atZone(ZoneOffset.UTC).minusMonths(lookbackMonths).toInstant();
    return enrich(tenant, storage.deals().listClosed(tenant, since, Optional.empty(), limit));
  }

  /**
   * Enriches the contacts and accounts of the given deals of the tenant, as {@link
   * #enrichClosedDeals} does those of its window: the chain and the deals queued by a close go
   * through here.
   */
  ClosedDealRun enrich(String tenant, List<Deal> deals) {
    return new EnrichmentBatch(
            storage,
            enricher,
            credentials,
            clock,
            budget,
            tenant,
            cacheDays.applyAsInt(tenant),
            missDays.applyAsInt(tenant))
        .run(deals);
  }

  /** The enricher's id: the source of the statuses the batch writes. */
  String enricherId() {
    return enricher.id();
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
    private ToIntFunction<String> missDays = t -> DEFAULT_MISS_DAYS;

    private Builder() {}

    /**
     * Days a "not found" answer is remembered per tenant (0 to 3,650; 0: never, ask again every
     * batch); default {@value ClosedDealEnrichment#DEFAULT_MISS_DAYS} for every tenant. Checked
     * when a batch reads it.
     */
    public Builder missDays(ToIntFunction<String> missDays) {
      Objects.requireNonNull(missDays, "missDays");
      this.missDays =
          tenant -> {
            int days = missDays.applyAsInt(tenant);
            if (days < 0 || days > 3_650) {
              throw new ValidationException("missDays must be between 0 and 3650, was " + days);
            }
            return days;
          };
      return this;
    }

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
