package io.github.discoverysdk.connectors;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrichers in priority order: each fills only attributes the ones before it left empty, a user's
 * own values are never overwritten, and an enricher that fails or has no key for the tenant is
 * skipped with a reason while the next one carries on. Thread-safe when its enrichers are.
 */
public final class EnrichmentWaterfall implements Enricher {
  private static final Logger log = LoggerFactory.getLogger(EnrichmentWaterfall.class);

  private final List<Enricher> enrichers;
  private final Set<EnrichmentSubject.Kind> kinds;

  private EnrichmentWaterfall(List<Enricher> enrichers) {
    this.enrichers = List.copyOf(enrichers);
    Set<EnrichmentSubject.Kind> k = EnumSet.noneOf(EnrichmentSubject.Kind.class);
    enrichers.forEach(e -> k.addAll(e.kinds()));
    this.kinds = Set.copyOf(k);
  }

  /** A waterfall of {@code enrichers}, highest priority first. */
  public static EnrichmentWaterfall of(Enricher... enrichers) {
    if (enrichers.length == 0) {
      throw new ValidationException("a waterfall needs at least one enricher");
    }
    return new EnrichmentWaterfall(List.of(enrichers));
  }

  @Override
  public String id() {
    return "waterfall";
  }

  @Override
  public Set<EnrichmentSubject.Kind> kinds() {
    return kinds;
  }

  @Override
  public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context)
      throws InterruptedException {
    Map<String, EnrichmentSubject> byId = new LinkedHashMap<>();
    subjects.forEach(s -> byId.put(s.id(), s));
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    int calls = 0;
    int hits = 0;
    double cost = 0;
    for (Enricher enricher : enrichers) {
      List<EnrichmentSubject> mine =
          subjects.stream().filter(s -> enricher.kinds().contains(s.kind())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      EnrichmentResult r;
      try {
        r = enricher.enrich(mine, context);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      } catch (Exception e) {
        // The message of a connector's exception never carries a key; the cause is not logged
        // at warn so that a third-party enricher's careless message stays out of the logs.
        skipped.add(enricher.id() + ": failed (" + e.getClass().getSimpleName() + ")");
        log.warn(
            "enricher {} failed for tenant {}; continuing with the next",
            enricher.id(),
            context.tenant());
        log.debug("enricher {} failure", enricher.id(), e);
        continue;
      }
      skipped.addAll(r.skipped());
      calls += r.calls();
      hits += r.cacheHits();
      cost += r.estimatedCost();
      r.attributes()
          .forEach(
              (subjectId, values) -> {
                EnrichmentSubject subject = byId.get(subjectId);
                if (subject == null) {
                  return;
                }
                Map<String, String> target = found.computeIfAbsent(subjectId, x -> new HashMap<>());
                values.forEach(
                    (field, value) -> {
                      if (!subject.userSetFields().contains(field)
                          && !target.containsKey(field)
                          && value != null
                          && !value.isBlank()) {
                        target.put(field, value);
                      }
                    });
              });
    }
    Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
    found.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
    return EnrichmentResult.builder()
        .attributes(frozen)
        .skipped(skipped)
        .calls(calls)
        .cacheHits(hits)
        .estimatedCost(cost)
        .build();
  }

  @Override
  public String toString() {
    return "EnrichmentWaterfall" + enrichers.stream().map(Enricher::id).toList();
  }
}
