package io.github.discoverysdk.spi;

import io.github.discoverysdk.EntityExtractionException;
import io.github.discoverysdk.model.EvidenceField;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * See {@link EntityExtractor#withFallback}. A failure is logged at WARN at most once a minute per
 * tenant (an LLM that is down fails every chunk of every signal), the others at DEBUG. Thread-safe
 * when both extractors are.
 */
final class FallbackEntityExtractor implements EntityExtractor {
  private static final Logger log = LoggerFactory.getLogger(EntityExtractor.class);
  private static final long WARN_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_TENANTS_REMEMBERED = 10_000;

  /** When each tenant's last WARN was logged ({@link System#nanoTime}). */
  private final java.util.concurrent.ConcurrentHashMap<String, Long> warned =
      new java.util.concurrent.ConcurrentHashMap<>();

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
      String who = tenant == null ? "(none)" : tenant;
      String format = "entity extractor {} failed for tenant {} ({} field), using {}: {}";
      if (firstThisMinute(who)) {
        log.warn(format, primary.id(), who, field, fallback.id(), reason);
      } else {
        log.debug(format, primary.id(), who, field, fallback.id(), reason);
      }
      return second.get();
    }
  }

  /** Whether a WARN for {@code tenant} is due, recording it if so. */
  private boolean firstThisMinute(String tenant) {
    long now = System.nanoTime();
    if (warned.size() > MAX_TENANTS_REMEMBERED) {
      warned.clear();
    }
    boolean[] due = {false};
    warned.compute(
        tenant,
        (k, last) -> {
          due[0] = last == null || now - last >= WARN_EVERY_NANOS;
          return due[0] ? now : last;
        });
    return due[0];
  }

  @Override
  public String toString() {
    return "EntityExtractor[" + primary + ", else " + fallback + "]";
  }
}
