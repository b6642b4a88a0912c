package io.github.discoverysdk.spi;

import java.util.List;
import java.util.Set;

/**
 * Adds attributes to companies and people (title, seniority, headcount, industry, recent web
 * mentions) from one service. Several form a waterfall: each fills what the ones before it left
 * empty. Implementations must be thread-safe and must never overwrite an attribute named in {@link
 * EnrichmentSubject#userSetFields()}.
 *
 * <p>An enricher that needs a key reads it from {@link EnrichmentContext#credentials()} under its
 * {@link #id()}; without one it returns a result whose {@link EnrichmentResult#skipped()} says so,
 * instead of throwing. Keys never appear in logs, exceptions or {@code toString()}.
 */
public interface Enricher {
  /** Stable id; also the provider name under which its key is stored. */
  String id();

  /** The kinds of subject this enricher can enrich. */
  Set<EnrichmentSubject.Kind> kinds();

  /** Enriches the subjects it can; the others are ignored. */
  EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context)
      throws Exception;
}
