package io.github.discoverysdk.run;

import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enrichment after a committed batch: the companies of its new and changed opportunities go through
 * the engine's enricher (outside any transaction: it calls services), and what it found is stored
 * on them with one read and one write per batch. A missing key or a failure skips enrichment with a
 * reason in the run report; the opportunities stay as they are. Thread-safe.
 */
final class EnrichStage {
  private final RunContext ctx;
  private final SourceCounters counters = new SourceCounters();
  private final AtomicInteger companiesEnriched = new AtomicInteger();
  private final Set<String> skipped = ConcurrentHashMap.newKeySet();

  EnrichStage(RunContext ctx) {
    this.ctx = ctx;
  }

  void enrich(BatchWriter.Committed batch) {
    Optional<Enricher> configured = ctx.config.output().enricher();
    if (configured.isEmpty() || batch.written().isEmpty()) {
      return;
    }
    Enricher enricher = configured.get();
    Map<String, EnrichmentSubject> subjects = subjects(batch.written());
    if (subjects.isEmpty() || !enricher.kinds().contains(EnrichmentSubject.Kind.COMPANY)) {
      return;
    }
    EnrichmentResult result;
    try {
      result =
          enricher.enrich(
              List.copyOf(subjects.values()),
              new EnrichmentContext(
                  ctx.config.clock(), ctx.tenant, ctx.runId, ctx.config.output().credentials()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      skipped.add(enricher.id() + ": interrupted");
      return;
    } catch (Exception e) {
      counters.errors.incrementAndGet();
      // The class, not the message: a third-party enricher's message might carry a key.
      skipped.add(enricher.id() + ": failed (" + e.getClass().getSimpleName() + ")");
      if (ctx.firstTime("enricher")) {
        RunContext.log.warn(
            "run {}: enricher {} failed; opportunities stay unenriched", ctx.runId, enricher.id());
      }
      return;
    }
    skipped.addAll(result.skipped());
    counters.calls.addAndGet(result.calls());
    counters.cacheHits.addAndGet(result.cacheHits());
    counters.addCost(result.estimatedCost());
    Map<String, Map<String, String>> found = result.attributes();
    if (found.isEmpty()) {
      return;
    }
    try {
      store(batch.written(), found);
      companiesEnriched.addAndGet(found.size());
    } catch (RuntimeException e) {
      ctx.error("storing enrichment failed", e);
    }
  }

  private Map<String, EnrichmentSubject> subjects(List<Opportunity> written) {
    Map<String, EnrichmentSubject> subjects = new LinkedHashMap<>();
    for (Opportunity o : written) {
      if (o.company().isEmpty() || !o.companyAttributes().isEmpty()) {
        continue;
      }
      String name = o.company().get();
      String id = Normalizer.companyName(name);
      if (id.isEmpty() || subjects.containsKey(id)) {
        continue;
      }
      EnrichmentSubject.Builder subject =
          EnrichmentSubject.builder().id(id).kind(EnrichmentSubject.Kind.COMPANY).name(name);
      domainOf(o, name).ifPresent(subject::domain);
      subjects.put(id, subject.build());
    }
    return subjects;
  }

  /**
   * Stores found attributes on the latest version of each opportunity still without any, with its
   * score adjusted for them (the ICP fit).
   */
  private void store(List<Opportunity> written, Map<String, Map<String, String>> found) {
    ctx.storage()
        .inTransaction(
            tx -> {
              Set<SignalKey> keys = new LinkedHashSet<>();
              written.forEach(o -> keys.add(o.signalKey()));
              Map<OpportunityId, Opportunity> latest = new HashMap<>();
              for (Opportunity o : tx.opportunities().listBySignals(ctx.tenant, keys)) {
                latest.put(o.id(), o);
              }
              List<Opportunity> updates = new ArrayList<>();
              for (Opportunity o : written) {
                Map<String, String> attributes =
                    o.company().map(c -> found.get(Normalizer.companyName(c))).orElse(null);
                Opportunity current = latest.get(o.id());
                if (attributes != null
                    && !attributes.isEmpty()
                    && current != null
                    && current.companyAttributes().isEmpty()) {
                  // The ICP fit follows the attributes it is computed from.
                  updates.add(
                      ctx.adjusted(
                          Opportunity.builder()
                              .from(current)
                              .companyAttributes(attributes)
                              .build()));
                }
              }
              if (!updates.isEmpty()) {
                tx.opportunities().saveAll(updates);
              }
              return null;
            });
  }

  /** The first domain of the watchlist company of this name in the profile, if any. */
  private Optional<String> domainOf(Opportunity o, String company) {
    Profile p = ctx.profile(o.profileId());
    if (p == null) {
      return Optional.empty();
    }
    return p.watchlist().stream()
        .filter(c -> c.name().equals(company))
        .flatMap(c -> c.domains().stream())
        .findFirst();
  }

  List<String> skipped() {
    return skipped.stream().sorted().toList();
  }

  int companiesEnriched() {
    return companiesEnriched.get();
  }

  SourceStats stats(String enricherId) {
    return counters.stats("enrichment:" + enricherId, companiesEnriched.get());
  }
}
