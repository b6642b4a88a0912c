package io.github.discoverysdk.spi;

import io.github.discoverysdk.EntityExtractionException;
import io.github.discoverysdk.model.EvidenceField;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See {@link EntityExtractor#withFallback}. Thread-safe when both extractors are. */
final class FallbackEntityExtractor implements EntityExtractor {
  private static final Logger log = LoggerFactory.getLogger(EntityExtractor.class);

  private final EntityExtractor primary;
  private final EntityExtractor fallback;

  FallbackEntityExtractor(EntityExtractor primary, EntityExtractor fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public String id() {
    return primary.id() + "-or-" + fallback.id();
  }

  @Override
  public Extraction extract(String text, EvidenceField field) {
    return either(
        null, field, () -> primary.extract(text, field), () -> fallback.extract(text, field));
  }

  @Override
  public Extraction extract(String tenant, String text, EvidenceField field) {
    return either(
        tenant,
        field,
        () -> primary.extract(tenant, text, field),
        () -> fallback.extract(tenant, text, field));
  }

  private Extraction either(
      String tenant, EvidenceField field, Supplier<Extraction> first, Supplier<Extraction> second) {
    try {
      Extraction found = first.get();
      if (found == null) {
        throw new EntityExtractionException(primary.id() + ": returned null");
      }
      return found;
    } catch (RuntimeException e) {
      // The reason only: another exception's message, or a stack trace, may quote the text.
      String reason =
          e instanceof EntityExtractionException ? e.getMessage() : e.getClass().getName();
      log.warn(
          "entity extractor {} failed for tenant {} ({} field), using {}: {}",
          primary.id(),
          tenant == null ? "(none)" : tenant,
          field,
          fallback.id(),
          reason);
      return second.get();
    }
  }

  @Override
  public String toString() {
    return "EntityExtractor[" + primary + ", else " + fallback + "]";
  }
}
