package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.AccessDeniedException;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.jdbc.JdbcStorage;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's wiring, as the sample uses it: the schema is migrated at start, no demo data when
 * switched off, and closing the application closes the engine before the data source, which stays
 * usable until then.
 */
class EngineWiringTest {

  @Test
  void startsOnAMigratedSchemaAndClosesTheEngineWithTheApplication() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(InboxWebApplication.class, InboxWebTestBase.FixedClock.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:inbox-wiring-test;DB_CLOSE_DELAY=-1",
                "--inbox.seed-demo=false",
                "--discovery.scheduler.enabled=false");
    DiscoveryEngine engine = context.getBean(DiscoveryEngine.class);
    JdbcStorage storage = context.getBean(JdbcStorage.class);
    DataSource dataSource = context.getBean(DataSource.class);
    try (Connection c = dataSource.getConnection()) {
      assertThat(c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"}).next())
          .as("migrated tables")
          .isTrue();
    }
    assertThat(storage.accounts().find(EngineWiring.TENANT, "acct-stripe")).as("no seed").isEmpty();
    assertThatThrownBy(() -> engine.discoverAll(EngineWiring.TENANT))
        .as("the starter builds the engine without trusted system calls")
        .isInstanceOf(AccessDeniedException.class);
    SecuredEngine admin =
        engine.as(DemoUsers.principal("admin"), RequestContext.of("127.0.0.1", "test", "t-1"));
    assertThat(admin.discoverAll().opportunitiesNew()).as("no profiles").isZero();

    context.close();

    assertThatThrownBy(admin::discoverAll).isInstanceOf(IllegalStateException.class);
  }
}
