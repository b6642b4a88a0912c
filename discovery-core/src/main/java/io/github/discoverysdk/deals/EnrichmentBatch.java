package io.github.discoverysdk.deals;

import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.deals.EnrichmentStatus.Outcome;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One enrichment batch over a given list of deals of one tenant: the subjects, what the cache and
 * the known misses answer, one enricher call per {@value ClosedDealEnrichment#CHUNK} subjects, and
 * per chunk one transaction with the cache entries, the statuses and the ledger entries it paid
 * for. Not thread-safe: one per batch.
 */
final class EnrichmentBatch {
  /** Attributes the reports read: a contact or account without one of them is only partial. */
  static final Set<String> CONTACT_ATTRIBUTES = Set.of("title", "seniority");

  static final Set<String> ACCOUNT_ATTRIBUTES = Set.of("industry", "employees");

  private final Storage storage;
  private final Enricher enricher;
  private final CredentialStore credentials;
  private final Clock clock;
  private final SourceBudget budget;
  private final String tenant;
  private final int cacheDays;
  private final int missDays;
  private final Instant now;

  EnrichmentBatch(
      Storage storage,
      Enricher enricher,
      CredentialStore credentials,
      Clock clock,
      SourceBudget budget,
      String tenant,
      int cacheDays,
      int missDays) {
    this.storage = storage;
    this.enricher = enricher;
    this.credentials = credentials;
    this.clock = clock;
    this.budget = budget;
    this.tenant = tenant;
    this.cacheDays = cacheDays;
    this.missDays = missDays;
    this.now = clock.instant();
  }

  ClosedDealRun run(List<Deal> deals) {
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
    List<EnrichmentSubject> misses = new ArrayList<>();
    int[] known = new int[2];
    misses(CachedEnrichment.Kind.CONTACT, contacts, misses, known);
    misses(CachedEnrichment.Kind.ACCOUNT, accounts, misses, known);

    Map<String, String> failed = new HashMap<>();
    int enriched = 0;
    int calls = 0;
    // One chunk per call, saved before the next: a batch that dies mid-way has paid only for the
    // chunk in flight, and the next batch finds the rest in the cache.
    EnrichmentSpend spend =
        new EnrichmentSpend(
            storage, enricher.id(), ClosedDealEnrichment.QUERY_KEY, budget, tenant, now);
    for (int from = 0; from < misses.size(); from += ClosedDealEnrichment.CHUNK) {
      List<EnrichmentSubject> chunk =
          misses.subList(from, Math.min(misses.size(), from + ClosedDealEnrichment.CHUNK));
      Optional<String> exhausted = spend.exhausted();
      if (exhausted.isPresent()) {
        String why = "daily budget of " + enricher.id() + " exhausted: " + exhausted.get();
        List<EnrichmentStatus> skipped = new ArrayList<>();
        for (EnrichmentSubject s : misses.subList(from, misses.size())) {
          failed.put(keyOf(s), why);
          skipped.add(status(s, Outcome.SKIPPED_BY_BUDGET, why));
        }
        saveStatuses(skipped);
        break;
      }
      EnrichmentResult result;
      try {
        result = enricher.enrich(chunk, new EnrichmentContext(clock, tenant, "deals", credentials));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(enricher.id(), "interrupted", e);
      } catch (Exception e) {
        String why = enricher.id() + " failed: " + e.getClass().getSimpleName();
        List<EnrichmentStatus> statuses = new ArrayList<>();
        for (EnrichmentSubject s : chunk) {
          failed.put(keyOf(s), why);
          statuses.add(status(s, Outcome.SOURCE_FAILED, why));
        }
        saveStatuses(statuses);
        continue;
      }
      calls += result.calls();
      String skippedWhy = String.join("; ", result.skipped());
      List<CachedEnrichment> fresh = new ArrayList<>();
      List<EnrichmentStatus> statuses = new ArrayList<>();
      for (EnrichmentSubject s : chunk) {
        Map<String, String> found = result.attributes().getOrDefault(s.id(), Map.of());
        if (found.isEmpty()) {
          // With a source skipped (no key, an error) the miss may be that source's: not cached.
          Outcome o = skippedWhy.isEmpty() ? Outcome.NOT_FOUND : Outcome.SOURCE_FAILED;
          String why = skippedWhy.isEmpty() ? "no source knew it" : skippedWhy;
          failed.put(keyOf(s), why);
          statuses.add(status(s, o, why));
          continue;
        }
        boolean person = s.kind() == EnrichmentSubject.Kind.PERSON;
        fresh.add(
            CachedEnrichment.builder()
                .tenant(tenant)
                .kind(person ? CachedEnrichment.Kind.CONTACT : CachedEnrichment.Kind.ACCOUNT)
                .key(keyOf(s))
                .attributes(found)
                .enrichedAt(now)
                .build());
        List<String> lacking =
            (person ? CONTACT_ATTRIBUTES : ACCOUNT_ATTRIBUTES)
                .stream().filter(a -> !found.containsKey(a)).sorted().toList();
        List<String> why = new ArrayList<>();
        if (!lacking.isEmpty()) {
          why.add("no " + String.join(", ", lacking));
        }
        if (!skippedWhy.isEmpty()) {
          why.add(skippedWhy);
        }
        statuses.add(
            status(
                s, lacking.isEmpty() ? Outcome.ENRICHED : Outcome.PARTIAL, String.join("; ", why)));
      }
      EnrichmentResult paid = result;
      storage.inTransaction(
          tx -> {
            tx.deals().saveEnrichments(fresh);
            tx.deals().saveStatuses(statuses);
            spend.record(tx, paid);
            return null;
          });
      enriched += fresh.size();
    }
    return new ClosedDealRun(
        deals.size(),
        contacts.size(),
        accounts.size(),
        known[0],
        enriched,
        calls,
        failed,
        known[1]);
  }

  /**
   * Adds the subjects with neither a fresh cache entry nor a known miss to {@code misses}; counts
   * the cache hits in {@code known[0]} and the known misses in {@code known[1]}.
   */
  private void misses(
      CachedEnrichment.Kind kind,
      Map<String, EnrichmentSubject> subjects,
      List<EnrichmentSubject> misses,
      int[] known) {
    List<String> keys = List.copyOf(subjects.keySet());
    Map<String, CachedEnrichment> cached = new HashMap<>();
    Map<String, EnrichmentStatus> statuses = new HashMap<>();
    EnrichmentStatus.Subject subject =
        kind == CachedEnrichment.Kind.CONTACT
            ? EnrichmentStatus.Subject.CONTACT
            : EnrichmentStatus.Subject.ACCOUNT;
    for (int from = 0; from < keys.size(); from += DealStore.MAX_BATCH) {
      List<String> page = keys.subList(from, Math.min(keys.size(), from + DealStore.MAX_BATCH));
      cached.putAll(storage.deals().findEnrichments(tenant, kind, page));
      if (missDays > 0) {
        statuses.putAll(storage.deals().findStatuses(tenant, subject, page));
      }
    }
    for (Map.Entry<String, EnrichmentSubject> e : subjects.entrySet()) {
      CachedEnrichment c = cached.get(e.getKey());
      EnrichmentStatus s = statuses.get(e.getKey());
      if (c != null && c.freshAt(now, cacheDays)) {
        known[0]++;
      } else if (s != null && s.knownMissAt(now, missDays)) {
        known[1]++;
      } else {
        misses.add(e.getValue());
      }
    }
  }

  private void saveStatuses(List<EnrichmentStatus> statuses) {
    for (int from = 0; from < statuses.size(); from += DealStore.MAX_BATCH) {
      storage
          .deals()
          .saveStatuses(
              statuses.subList(from, Math.min(statuses.size(), from + DealStore.MAX_BATCH)));
    }
  }

  private EnrichmentStatus status(EnrichmentSubject s, Outcome outcome, String reason) {
    return EnrichmentStatus.builder()
        .tenant(tenant)
        .subject(
            s.kind() == EnrichmentSubject.Kind.PERSON
                ? EnrichmentStatus.Subject.CONTACT
                : EnrichmentStatus.Subject.ACCOUNT)
        .key(keyOf(s))
        .outcome(outcome)
        .source(enricher.id())
        .reason(clip(reason))
        .at(now)
        .build();
  }

  /** The reason cut to {@link EnrichmentStatus#MAX_REASON}, never inside a surrogate pair. */
  static String clip(String reason) {
    if (reason.length() <= EnrichmentStatus.MAX_REASON) {
      return reason;
    }
    int end = EnrichmentStatus.MAX_REASON;
    if (Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end);
  }

  static String keyOf(EnrichmentSubject s) {
    return s.id().substring(s.id().indexOf(':') + 1);
  }
}
