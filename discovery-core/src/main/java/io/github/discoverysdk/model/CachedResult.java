package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A public source's answer to one query from one cursor, kept in the shared query cache so that
 * other profiles and tenants asking the same question within its lifetime need no call. Only
 * sources that declare their data public ({@code SourceCapabilities.sharedAcrossTenants()}) are
 * cached, which is why the cache is not scoped by tenant. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface CachedResult {
  String sourceId();

  /** {@code SourceQuery.key()}. */
  String queryKey();

  /** The cursor the answer was fetched from; empty string for a first fetch. */
  String cursor();

  List<Signal> signals();

  Optional<String> nextCursor();

  Instant storedAt();

  Instant expiresAt();

  @Value.Check
  default void check() {
    Checks.notBlank("cachedResult.sourceId", sourceId());
    Checks.notBlank("cachedResult.queryKey", queryKey());
    if (!expiresAt().isAfter(storedAt())) {
      throw new io.github.discoverysdk.ValidationException(
          "cachedResult.expiresAt must be after storedAt, was "
              + storedAt()
              + " .. "
              + expiresAt());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableCachedResult.Builder {}
}
