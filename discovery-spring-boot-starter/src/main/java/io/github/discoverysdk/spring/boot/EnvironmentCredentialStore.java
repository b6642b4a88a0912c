package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Keys from the Spring {@link Environment}: {@code discovery.credentials.<tenant>.<provider>}, else
 * {@code discovery.credentials.default.<provider>} for every tenant. Environment variables work
 * through Spring's relaxed names, so {@code DISCOVERY_CREDENTIALS_ACME_HUBSPOT} is the key of
 * provider {@code hubspot} for tenant {@code acme}. Read at each lookup, so a refreshed environment
 * is seen. The values are handed out only as {@link Secret}s and never logged. Thread-safe.
 */
public final class EnvironmentCredentialStore implements CredentialStore {
  /** The prefix of every key's property. */
  public static final String PREFIX = "discovery.credentials.";

  private final Environment environment;

  /** A store reading {@code environment}. */
  public EnvironmentCredentialStore(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public Optional<Secret> find(String tenant, String provider) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(provider, "provider");
    return value(PREFIX + tenant + "." + provider)
        .or(() -> value(PREFIX + "default." + provider))
        .map(Secret::of);
  }

  private Optional<String> value(String property) {
    return Optional.ofNullable(environment.getProperty(property)).filter(v -> !v.isBlank());
  }

  @Override
  public String toString() {
    return "EnvironmentCredentialStore[" + PREFIX + "*]";
  }
}
