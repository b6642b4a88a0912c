package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.AccessDeniedException;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Role;
import io.github.discoverysdk.access.Scope;
import io.github.discoverysdk.micrometer.DiscoveryMetrics;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class HealthAndMetricsAutoConfigurationTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DiscoveryAutoConfiguration.class,
                  DiscoveryHealthAutoConfiguration.class,
                  DiscoveryMetricsAutoConfiguration.class))
          .withUserConfiguration(ScriptedNews.class)
          .withPropertyValues(
              "discovery.scheduler.enabled=false", "discovery.engine.allow-system-calls=true");

  @Test
  void healthIsUpWithEachTenantsStatusAfterASuccessfulRun() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(DiscoveryHealthIndicator.class);
          discover(ctx.getBean(DiscoveryEngine.class));

          Health health = ctx.getBean("discoveryHealthIndicator", HealthIndicator.class).health();

          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(tenant(health, "acme")).containsEntry("status", "HEALTHY");
          assertThat(tenant(health, "acme")).containsEntry("consecutiveFailures", 0);
          assertThat(tenant(health, "acme")).containsKey("lastSuccessAt");
        });
  }

  @Test
  void healthIsDownWhenATenantsRunsFail() {
    runner.run(
        ctx -> {
          ScriptedSource news = ctx.getBean(ScriptedSource.class);
          news.failNext(new IOException("feed unreachable"));
          DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
          discover(engine);

          Health health = ctx.getBean(DiscoveryHealthIndicator.class).health();

          assertThat(tenant(health, "acme")).containsEntry("status", "FAILING");
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        });
  }

  @Test
  void healthReportsOnlyTheConfiguredTenants() {
    runner
        .withPropertyValues("discovery.health.tenants=globex")
        .run(
            ctx -> {
              discover(ctx.getBean(DiscoveryEngine.class));
              Health health = ctx.getBean(DiscoveryHealthIndicator.class).health();
              assertThat(details(health)).containsOnlyKeys("globex");
              assertThat(tenant(health, "globex")).containsEntry("status", "IDLE");
            });
  }

  @Test
  void theApplicationsAccessPolicyDecidesWhatTheIndicatorMayRead() {
    AccessPolicy opsOnly =
        AccessPolicy.of(Role.of("ops", Scope.TENANT, Set.of(Permission.HEALTH_READ)));
    runner
        .withBean(AccessPolicy.class, () -> opsOnly)
        .withPropertyValues("discovery.health.tenants=acme")
        .run(
            ctx -> {
              // The default role, admin, is unknown to the host's policy: refused.
              assertThatThrownBy(() -> ctx.getBean(DiscoveryHealthIndicator.class).health())
                  .isInstanceOf(AccessDeniedException.class);
            });
    runner
        .withBean(AccessPolicy.class, () -> opsOnly)
        .withPropertyValues("discovery.health.tenants=acme", "discovery.health.role=ops")
        .run(
            ctx ->
                assertThat(ctx.getBean(DiscoveryHealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.UP));
  }

  @Test
  void noHealthIndicatorWithoutActuator() {
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            ctx ->
                assertThat(ctx)
                    .hasNotFailed()
                    .hasSingleBean(DiscoveryEngine.class)
                    .doesNotHaveBean(DiscoveryHealthIndicator.class));
  }

  @Test
  void noHealthIndicatorWhenTurnedOff() {
    runner
        .withPropertyValues("management.health.discovery.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(DiscoveryHealthIndicator.class));
  }

  @Test
  void runsAreCountedInTheApplicationsMeterRegistry() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(DiscoveryMetrics.class);
              discover(ctx.getBean(DiscoveryEngine.class));
              MeterRegistry registry = ctx.getBean(MeterRegistry.class);
              assertThat(
                      registry.get("discovery.runs").tag("status", "succeeded").counter().count())
                  .isEqualTo(1);
            });
  }

  @Test
  void noMetricsWithoutTheMicrometerModuleOrMicrometer() {
    runner
        .withClassLoader(new FilteredClassLoader(DiscoveryMetrics.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(DiscoveryMetrics.class));
    runner
        .withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(DiscoveryMetrics.class));
  }

  @Test
  void theApplicationsOwnMetricsWin() {
    DiscoveryMetrics own = DiscoveryMetrics.create().withTenantTag();
    runner
        .withBean("ownMetrics", DiscoveryMetrics.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean(DiscoveryMetrics.class)).isSameAs(own));
  }

  private static void discover(DiscoveryEngine engine) {
    Profile p = engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
    engine.discover(p.id());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Health health) {
    return (Map<String, Object>) health.getDetails().get("tenants");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tenant(Health health, String tenant) {
    return (Map<String, Object>) details(health).get(tenant);
  }

  /** The application's own source bean and clock, which the engine picks up. */
  @Configuration(proxyBeanMethods = false)
  static class ScriptedNews {
    @Bean
    MutableClock clock() {
      return MutableClock.at(T0);
    }

    @Bean
    ScriptedSource news() {
      return ScriptedSource.feed("news")
          .publish(
              Fixtures.signal(
                  "news",
                  "s1",
                  SignalType.NEWS,
                  "Stripe raises a new round",
                  T0.minus(Duration.ofHours(1)),
                  OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
    }
  }
}
