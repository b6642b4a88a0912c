package io.github.discoverysdk.deals;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * How far closed-deal enrichment got with one deal contact (keyed by e-mail), account (keyed by
 * domain) or deal (keyed by {@code source/id}): the outcome, the source that gave it and why. Kept
 * in {@code Storage.deals()} next to the cache, one row per (tenant, subject, key), replaced by the
 * next attempt. A {@link Outcome#NOT_FOUND} younger than the tenant's {@code missDays} also serves
 * as a negative cache entry: the batch does not ask again for a subject no source knew. Immutable
 * and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface EnrichmentStatus {
  /** Most characters of a reason. */
  int MAX_REASON = 1_000;

  /** What a status is about. */
  enum Subject {
    /** A deal contact, keyed by its lower-case e-mail. */
    CONTACT,
    /** An account, keyed by its lower-case domain. */
    ACCOUNT,
    /** A deal, keyed by {@code source/id}: queued by a close, enriched by the next batch. */
    DEAL
  }

  /** The outcome of the last attempt. */
  enum Outcome {
    /** Waiting for the next batch (a deal that turned closed-won). */
    QUEUED,
    /** The source answered with every attribute the reports use. */
    ENRICHED,
    /** The source answered, but some attributes the reports use are missing. */
    PARTIAL,
    /** The source answered and knew nothing of the subject. */
    NOT_FOUND,
    /** Not asked: the enricher's daily budget was spent. */
    SKIPPED_BY_BUDGET,
    /** The call failed (error, time-out, missing key); asked again by the next batch. */
    SOURCE_FAILED
  }

  String tenant();

  Subject subject();

  /** The e-mail, domain or {@code source/id}. */
  String key();

  Outcome outcome();

  /** The enricher that gave the outcome (a waterfall's id), or the component that queued it. */
  String source();

  /** Why, in words: what was missing, what failed, which budget; empty when enriched. */
  @Value.Default
  default String reason() {
    return "";
  }

  /** When, by the engine's clock. */
  Instant at();

  /** Whether this is a miss still young enough at {@code now} not to ask again. */
  default boolean knownMissAt(Instant now, int missDays) {
    return outcome() == Outcome.NOT_FOUND && at().plus(Duration.ofDays(missDays)).isAfter(now);
  }

  @Value.Check
  default void check() {
    Tenants.check("status.tenant", tenant());
    Fields.identifier("status.key", key(), 320);
    Fields.identifier("status.source", source(), 100);
    Fields.text("status.reason", reason(), MAX_REASON);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link EnrichmentStatus}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableEnrichmentStatus.Builder {
    @Override
    public EnrichmentStatus build() {
      return Fields.build("EnrichmentStatus", super::build);
    }
  }
}
