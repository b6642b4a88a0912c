package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.HealthStatus;
import io.github.discoverysdk.spi.Storage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The engine's health ({@link DiscoveryEngine#as}{@code (principal).health()}) as an Actuator
 * {@link HealthIndicator}: DOWN when a tenant's discovery is {@link HealthStatus#FAILING}, else UP,
 * with each tenant's status, consecutive failures, failing sources and last success as details. The
 * tenants are {@code discovery.health.tenants}, else those with a profile (at most {@code
 * discovery.health.max-tenants}); each is read as a principal {@code discovery-health} of that
 * tenant with the role {@code discovery.health.role}, which the engine's access policy must grant
 * {@code HEALTH_READ}. Thread-safe.
 */
public class DiscoveryHealthIndicator implements HealthIndicator {
  /** The user id of the principal the indicator reads health as. */
  public static final String USER = "discovery-health";

  private final DiscoveryEngine engine;
  private final Storage storage;
  private final DiscoveryProperties.Health settings;

  /** An indicator of {@code engine}, listing tenants from {@code storage} unless configured. */
  public DiscoveryHealthIndicator(
      DiscoveryEngine engine, Storage storage, DiscoveryProperties.Health settings) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Health health() {
    List<String> tenants =
        settings.getTenants().isEmpty()
            ? storage.profiles().tenants().stream().limit(settings.getMaxTenants()).toList()
            : settings.getTenants();
    boolean failing = false;
    Map<String, Object> details = new LinkedHashMap<>();
    for (String tenant : tenants) {
      HealthSnapshot h = engine.as(Principal.of(USER, tenant, settings.getRole())).health();
      failing |= h.status() == HealthStatus.FAILING;
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("status", h.status().name());
      d.put("consecutiveFailures", h.consecutiveFailures());
      d.put("failingSources", h.failingSources());
      h.lastSuccessAt().ifPresent(at -> d.put("lastSuccessAt", at.toString()));
      details.put(tenant, d);
    }
    return (failing ? Health.down() : Health.up()).withDetail("tenants", details).build();
  }
}
