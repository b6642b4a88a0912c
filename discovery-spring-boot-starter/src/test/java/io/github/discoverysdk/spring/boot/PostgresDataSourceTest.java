package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.jdbc.Dialect;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.testkit.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The application's DataSource on a real PostgreSQL server (in process): dialect, schema, a run.
 */
class PostgresDataSourceTest {
  static EmbeddedPostgres pg;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @Test
  void theStorageDetectsPostgresMigratesItAndRunsOnIt() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DiscoveryAutoConfiguration.class))
        .withUserConfiguration(HealthAndMetricsAutoConfigurationTest.ScriptedNews.class)
        .withBean(DataSource.class, () -> pg.getPostgresDatabase())
        .withPropertyValues(
            "discovery.scheduler.enabled=false", "discovery.engine.allow-system-calls=true")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              JdbcStorage storage = (JdbcStorage) ctx.getBean(Storage.class);
              assertThat(storage.dialect()).isEqualTo(Dialect.POSTGRESQL);
              assertThat(DiscoveryAutoConfigurationTest.discoveryTables(pg.getPostgresDatabase()))
                  .isGreaterThan(10);

              DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
              Profile p =
                  engine
                      .profiles()
                      .save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
              engine.discover(p.id());
              assertThat(engine.feed(FeedQuery.forProfile(p.id()).build()).items()).hasSize(1);
            });
  }
}
