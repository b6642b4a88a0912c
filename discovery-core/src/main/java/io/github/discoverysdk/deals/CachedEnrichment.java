package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What enrichment returned for one deal contact (keyed by tenant and email) or one account (keyed
 * by tenant and domain), kept in storage so that every engine on the database reuses it until it is
 * older than the tenant's {@code cacheDays}. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface CachedEnrichment {
  /** Most attributes per entry. */
  int MAX_ATTRIBUTES = 100;

  /** The default age after which an entry is enriched again. */
  int DEFAULT_CACHE_DAYS = 90;

  /** What an entry is keyed by. */
  enum Kind {
    /** A deal contact, keyed by its lower-case email. */
    CONTACT,
    /** An account, keyed by its lower-case domain. */
    ACCOUNT
  }

  String tenant();

  Kind kind();

  /** The lower-case email of a contact, or domain of an account. */
  String key();

  /** The attributes enrichment returned ({@code title}, {@code seniority}, {@code industry}, …). */
  Map<String, String> attributes();

  /** When enrichment returned them, by the engine's clock. */
  Instant enrichedAt();

  /** Whether the entry is still fresh at {@code now} for a tenant that keeps {@code cacheDays}. */
  default boolean freshAt(Instant now, int cacheDays) {
    return enrichedAt().plus(Duration.ofDays(cacheDays)).isAfter(now);
  }

  @Value.Check
  default void check() {
    Tenants.check("enrichment.tenant", tenant());
    Fields.identifier("enrichment.key", key(), DealContact.MAX_EMAIL);
    if (!key().equals(key().toLowerCase(Locale.ROOT))) {
      throw new ValidationException("enrichment.key must be lower case, was '" + key() + "'");
    }
    Fields.maxCount("enrichment.attributes", attributes().keySet(), MAX_ATTRIBUTES);
    Fields.identifiers("enrichment.attributes", attributes().keySet(), 100);
    for (String v : attributes().values()) {
      Fields.text("enrichment.attributes", v, 4_000);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CachedEnrichment}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableCachedEnrichment.Builder {
    @Override
    public CachedEnrichment build() {
      return Fields.build("CachedEnrichment", super::build);
    }
  }
}
