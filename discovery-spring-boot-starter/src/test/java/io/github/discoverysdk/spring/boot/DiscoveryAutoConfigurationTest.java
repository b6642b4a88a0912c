package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.DiscoveryScheduler;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DiscoveryAutoConfigurationTest {
  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DiscoveryAutoConfiguration.class, DiscoveryConnectorsAutoConfiguration.class))
          .withPropertyValues("discovery.scheduler.enabled=false");

  /** A private H2 database in memory per test. */
  final ApplicationContextRunner withH2 =
      runner
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:starter-"
                  + java.util.UUID.randomUUID()
                  + ";DB_CLOSE_DELAY=-1");

  @Test
  void withoutADataSourceTheEngineKeepsItsDataInMemory() {
    runner
        .withPropertyValues("discovery.engine.allow-system-calls=true")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(DiscoveryEngine.class);
              assertThat(ctx.getBean(Storage.class)).isInstanceOf(InMemoryStorage.class);
              DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
              Profile saved = engine.profiles().save(Fixtures.profile("acme", "payments"));
              assertThat(ctx.getBean(Storage.class).profiles().find(saved.id())).isPresent();
            });
  }

  @Test
  void onTheApplicationsDataSourceTheStorageIsJdbcAndMigratedOnStart() {
    withH2.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
          assertThat(discoveryTables(ctx.getBean(DataSource.class))).isGreaterThan(10);
        });
  }

  @Test
  void migrationOffLeavesTheSchemaToTheHost() {
    withH2
        .withPropertyValues("discovery.storage.migrate=false")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
              assertThat(discoveryTables(ctx.getBean(DataSource.class))).isZero();
            });
  }

  @Test
  void theApplicationsOwnBeansWin() {
    withH2
        .withUserConfiguration(HostBeans.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(Storage.class)).isSameAs(HostBeans.STORAGE);
              assertThat(ctx.getBean(Scorer.class)).isSameAs(HostBeans.SCORER);
              assertThat(ctx.getBean(CredentialStore.class)).isSameAs(HostBeans.CREDENTIALS);
              // The host's storage wins over the DataSource: nothing was migrated there.
              assertThat(discoveryTables(ctx.getBean(DataSource.class))).isZero();
            });
  }

  @Test
  void theApplicationsOwnEngineWins() {
    runner
        .withUserConfiguration(HostEngine.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(DiscoveryEngine.class);
              assertThat(ctx.getBean(DiscoveryEngine.class)).isSameAs(ctx.getBean("hostEngine"));
            });
  }

  @Test
  void theSchedulerRunsUnlessTurnedOff() {
    runner
        .withPropertyValues("discovery.scheduler.enabled=true", "discovery.scheduler.tick=1h")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(DiscoverySchedulerLifecycle.class);
              assertThat(ctx.getBean(DiscoverySchedulerLifecycle.class).isRunning()).isTrue();
            });
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(DiscoverySchedulerLifecycle.class));
    runner
        .withPropertyValues("discovery.scheduler.enabled=true")
        .withUserConfiguration(HostScheduler.class)
        .run(
            ctx ->
                assertThat(ctx)
                    .hasSingleBean(DiscoveryScheduler.class)
                    .doesNotHaveBean(DiscoverySchedulerLifecycle.class));
  }

  /** A host that schedules the engine itself: the starter must not add a second scheduler. */
  @Configuration(proxyBeanMethods = false)
  static class HostScheduler {
    @Bean
    DiscoveryScheduler hostScheduler(DiscoveryEngine engine) {
      return DiscoveryScheduler.of(engine, Duration.ofHours(1), Duration.ofMinutes(1));
    }
  }

  @Test
  void theSchedulersRoundsRunTheDueProfilesAndItRestartsAfterAStop() {
    runner
        .withUserConfiguration(HealthAndMetricsAutoConfigurationTest.ScriptedNews.class)
        .withPropertyValues(
            "discovery.scheduler.enabled=true",
            "discovery.scheduler.tick=1h",
            "discovery.engine.allow-system-calls=true")
        .run(
            ctx -> {
              DiscoverySchedulerLifecycle lifecycle =
                  ctx.getBean(DiscoverySchedulerLifecycle.class);
              DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
              Profile p = engine.profiles().save(Fixtures.profile("acme", "payments", stripe()));

              // The round that started with the lifecycle may take the profile; rounds share one
              // worker thread, so once this one returns, the profile has run exactly once.
              lifecycle.scheduler().orElseThrow().tick();

              List<RunReport> runs = engine.runs("acme", 10);
              assertThat(runs).hasSize(1);
              assertThat(runs.get(0).profiles()).containsExactly(p.id());
              lifecycle.stop();
              assertThat(lifecycle.isRunning()).isFalse();
              assertThat(lifecycle.scheduler()).isEmpty();
              lifecycle.start();
              assertThat(lifecycle.isRunning()).isTrue();
            });
  }

  @Test
  void theStarterCanBeTurnedOff() {
    runner
        .withPropertyValues("discovery.enabled=false")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasNotFailed()
                    .doesNotHaveBean(DiscoveryEngine.class)
                    .doesNotHaveBean(Storage.class));
  }

  @Test
  void systemCallsAreRefusedUnlessAllowed() {
    runner.run(
        ctx ->
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> ctx.getBean(DiscoveryEngine.class).profiles())
                .isInstanceOf(io.github.discoverysdk.AccessDeniedException.class));
  }

  @Test
  void propertiesBind() {
    runner
        .withPropertyValues(
            "discovery.scheduler.tick=5s",
            "discovery.scheduler.run-timeout=2m",
            "discovery.engine.threads=3",
            "discovery.health.tenants=acme,globex",
            "discovery.sinks.hubspot.push-at-least=medium")
        .run(
            ctx -> {
              DiscoveryProperties p = ctx.getBean(DiscoveryProperties.class);
              assertThat(p.getScheduler().getTick()).isEqualTo(Duration.ofSeconds(5));
              assertThat(p.getScheduler().getRunTimeout()).isEqualTo(Duration.ofMinutes(2));
              assertThat(p.getEngine().getThreads()).isEqualTo(3);
              assertThat(p.getHealth().getTenants()).containsExactly("acme", "globex");
              assertThat(p.getSinks().getHubspot().getPushAtLeast().name()).isEqualTo("MEDIUM");
            });
  }

  @Test
  void aBadPropertyFailsTheStartNamingIt() {
    runner
        .withPropertyValues("discovery.scheduler.tick=0s")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessage("discovery.scheduler.tick must be positive, was PT0S"));
    runner
        .withPropertyValues("discovery.scheduler.tick=0s")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .hasStackTraceContaining(
                        "Failed to bind properties under 'discovery.scheduler'"));
    runner
        .withPropertyValues("discovery.engine.threads=many")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .hasStackTraceContaining(
                        "Failed to bind properties under 'discovery.engine.threads'"));
  }

  @Test
  void aJsonSourceNeedsResourcesOrADirectory() {
    runner
        .withPropertyValues("discovery.sources.json[0].id=offline")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "discovery.sources.json[0]: set either resources (classpath) or"
                            + " directory, not both nor neither"));
  }

  static int discoveryTables(DataSource dataSource) throws Exception {
    int n = 0;
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME")
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("discovery_")) {
          n++;
        }
      }
    }
    return n;
  }

  @Configuration(proxyBeanMethods = false)
  static class HostBeans {
    static final Storage STORAGE = InMemoryStorage.create();
    static final Scorer SCORER = Scoring.defaults();
    static final CredentialStore CREDENTIALS =
        CredentialStore.of(Map.of("acme/hubspot", Secret.of("pat-1")));

    @Bean
    Storage hostStorage() {
      return STORAGE;
    }

    @Bean
    Scorer hostScorer() {
      return SCORER;
    }

    @Bean
    CredentialStore hostCredentials() {
      return CREDENTIALS;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostEngine {
    @Bean
    DiscoveryEngine hostEngine() {
      return DiscoveryEngine.builder()
          .storage(InMemoryStorage.create())
          .scorer(Scoring.defaults())
          .build();
    }
  }

  static Company stripe() {
    return Company.of("Stripe", "stripe.com");
  }
}
