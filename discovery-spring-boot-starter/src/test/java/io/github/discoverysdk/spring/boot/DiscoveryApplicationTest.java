package io.github.discoverysdk.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.testkit.Fixtures;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One real application: Spring Boot's own DataSource (Hikari on H2), every auto-configuration on
 * the classpath, the sources from properties; a discovery over the offline signals, the feed read,
 * then the shutdown order checked bean by bean.
 */
class DiscoveryApplicationTest {
  /** Beans as Spring destroys them, with whether the scheduler was still running then. */
  static final List<String> SHUTDOWN = new CopyOnWriteArrayList<>();

  @Test
  void discoversOverOfflineSignalsAndShutsDownSchedulerThenEngineThenDataSource() {
    SHUTDOWN.clear();
    ConfigurableApplicationContext ctx =
        new SpringApplicationBuilder(HostApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.datasource.url=jdbc:h2:mem:app-" + UUID.randomUUID(),
                "discovery.engine.allow-system-calls=true",
                "discovery.scheduler.tick=1h",
                "discovery.sources.json[0].id=offline-news",
                "discovery.sources.json[0].resources=starter-signals/news.json")
            .run();
    DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
    HikariDataSource dataSource = (HikariDataSource) ctx.getBean(DataSource.class);
    DiscoverySchedulerLifecycle scheduler = ctx.getBean(DiscoverySchedulerLifecycle.class);
    assertThat(ctx.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
    assertThat(scheduler.isRunning()).isTrue();

    Profile profile =
        engine
            .profiles()
            .save(Fixtures.profile("acme", "Fintech EMEA", Company.of("Stripe", "stripe.com")));
    RunReport run = engine.discover(profile.id());
    Page<Opportunity> feed = engine.feed(FeedQuery.forProfile(profile.id()).build());

    assertThat(run.signalsFetched()).isEqualTo(2);
    assertThat(feed.items())
        .extracting(o -> o.signalKey().externalId())
        .containsExactlyInAnyOrder("news-stripe-dublin", "job-stripe-vp-sales");

    ctx.close();

    assertThat(SHUTDOWN)
        .containsSubsequence(
            "discoveryEngine(scheduler running=false)", "discoveryStorage", "dataSource");
    assertThat(dataSource.isClosed()).isTrue();
    assertThatThrownBy(() -> engine.discover(profile.id()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A host application: nothing of its own but the shutdown recorder. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class HostApplication {
    @Bean
    static DestructionAwareBeanPostProcessor shutdownRecorder(
        org.springframework.beans.factory.ObjectProvider<DiscoverySchedulerLifecycle> scheduler) {
      return (bean, name) -> {
        if (name.equals("discoveryEngine")) {
          boolean running = scheduler.getObject().isRunning();
          SHUTDOWN.add(name + "(scheduler running=" + running + ")");
        } else if (name.equals("discoveryStorage") || name.equals("dataSource")) {
          SHUTDOWN.add(name);
        }
      };
    }
  }
}
