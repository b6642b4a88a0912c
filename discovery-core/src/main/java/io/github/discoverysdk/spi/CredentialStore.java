package io.github.discoverysdk.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-tenant credentials of external services, supplied by the host (a vault, an encrypted column,
 * environment variables). A missing key is not an error: the enricher or source that needs it is
 * skipped with a reason in the run report. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CredentialStore {
  /**
   * The key of {@code provider} (an enricher's or source's id, for example {@code "apollo"}) for
   * {@code tenant}, or empty when the tenant has none.
   */
  Optional<Secret> find(String tenant, String provider);

  /** A store without any key. */
  static CredentialStore none() {
    return (tenant, provider) -> Optional.empty();
  }

  /**
   * A fixed store, for tests and small hosts: {@code keys} maps {@code tenant + "/" + provider} to
   * the key. The map is copied.
   */
  static CredentialStore of(Map<String, Secret> keys) {
    Map<String, Secret> copy = Map.copyOf(Objects.requireNonNull(keys, "keys"));
    return (tenant, provider) -> Optional.ofNullable(copy.get(tenant + "/" + provider));
  }
}
