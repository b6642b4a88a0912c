package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.DiscoveryScheduler;
import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configures the Discovery SDK: storage, scorer, credentials, the engine and its scheduler.
 *
 * <ul>
 *   <li><b>Storage</b>: a {@link JdbcStorage} on the application's {@link DataSource}, migrated on
 *       start unless {@code discovery.storage.migrate=false}. Without a DataSource the engine gets
 *       an {@link InMemoryStorage} (logged at WARN): nothing survives a restart, which suits tests
 *       and demos, not production.
 *   <li><b>Scorer</b>: {@link Scoring#defaults()}.
 *   <li><b>Credentials</b>: {@link EnvironmentCredentialStore}, {@code discovery.credentials.*}
 *       from the environment.
 *   <li><b>Engine</b>: built by {@link EngineFactory} from these, the application's {@link
 *       SignalSource}, {@link AlertSink}, {@link OpportunitySink}, {@link RunListener}, {@link
 *       OutcomeListener}, {@link AccessPolicy} and {@link Clock} beans, the sources of {@code
 *       discovery.sources.*} and the {@link DiscoveryEngineCustomizer}s. Closed when the context
 *       closes; as it depends on the storage, which depends on the DataSource, Spring closes it
 *       before both.
 *   <li><b>Scheduler</b>: {@link DiscoverySchedulerLifecycle}, stopped before any bean is
 *       destroyed, so before the engine.
 * </ul>
 *
 * Each bean backs off when the application defines one of its type. Connectors, health and metrics
 * have their own auto-configurations, on only when their classes are present.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"
    })
@ConditionalOnBooleanProperty(name = "discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DiscoveryProperties.class)
@Import({
  DiscoveryAutoConfiguration.JdbcStorageConfiguration.class,
  DiscoveryAutoConfiguration.InMemoryStorageConfiguration.class
})
public class DiscoveryAutoConfiguration implements BeanClassLoaderAware {
  private static final Logger log = LoggerFactory.getLogger(DiscoveryAutoConfiguration.class);

  private ClassLoader classLoader = DiscoveryAutoConfiguration.class.getClassLoader();

  /** Created by Spring. */
  public DiscoveryAutoConfiguration() {}

  /** The application's class loader, which reads {@code discovery.sources.json[*].resources}. */
  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** The default scorer, {@link Scoring#defaults()}. */
  @Bean
  @ConditionalOnMissingBean(Scorer.class)
  public Scorer discoveryScorer() {
    return Scoring.defaults();
  }

  /** Keys from {@code discovery.credentials.<tenant>.<provider>} in the environment. */
  @Bean
  @ConditionalOnMissingBean(CredentialStore.class)
  public CredentialStore discoveryCredentialStore(Environment environment) {
    return new EnvironmentCredentialStore(environment);
  }

  /** The engine; Spring calls its {@code close()} when the context closes. */
  @Bean
  @ConditionalOnMissingBean(DiscoveryEngine.class)
  public DiscoveryEngine discoveryEngine(
      DiscoveryProperties properties,
      Storage storage,
      Scorer scorer,
      CredentialStore credentials,
      ObjectProvider<SignalSource> sources,
      ObjectProvider<AlertSink> alertSinks,
      ObjectProvider<OpportunitySink> opportunitySinks,
      ObjectProvider<RunListener> runListeners,
      ObjectProvider<OutcomeListener> outcomeListeners,
      ObjectProvider<AccessPolicy> accessPolicy,
      ObjectProvider<Clock> clock,
      ObjectProvider<DiscoveryEngineCustomizer> customizers) {
    DiscoveryEngine.Builder builder =
        DiscoveryEngine.builder().storage(storage).scorer(scorer).credentials(credentials);
    EngineFactory.applyProperties(builder, properties, classLoader);
    accessPolicy.ifUnique(builder::accessPolicy);
    clock.ifUnique(builder::clock);
    sources.orderedStream().forEach(builder::addSource);
    alertSinks.orderedStream().forEach(builder::addAlertSink);
    opportunitySinks.orderedStream().forEach(builder::addOpportunitySink);
    runListeners.orderedStream().forEach(builder::addRunListener);
    outcomeListeners.orderedStream().forEach(builder::addOutcomeListener);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /**
   * Runs the due profiles in the background; stopped before the engine closes. Backs off when the
   * application has its own lifecycle or {@link DiscoveryScheduler}, so rounds never run twice.
   */
  @Bean
  @ConditionalOnMissingBean({DiscoverySchedulerLifecycle.class, DiscoveryScheduler.class})
  @ConditionalOnBooleanProperty(name = "discovery.scheduler.enabled", matchIfMissing = true)
  public DiscoverySchedulerLifecycle discoverySchedulerLifecycle(
      DiscoveryEngine engine, DiscoveryProperties properties) {
    return new DiscoverySchedulerLifecycle(
        engine, properties.getScheduler().getTick(), properties.getScheduler().getRunTimeout());
  }

  /** A {@link JdbcStorage} on the application's DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(DataSource.class)
  static class JdbcStorageConfiguration {
    /**
     * The storage, migrated when {@code discovery.storage.migrate} is on. Its {@code close()}
     * leaves the DataSource open: Spring closes that after the engine and the storage.
     */
    @Bean
    @ConditionalOnMissingBean(Storage.class)
    JdbcStorage discoveryStorage(DataSource dataSource, DiscoveryProperties properties) {
      JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).build();
      if (properties.getStorage().isMigrate()) {
        int applied = storage.migrate();
        log.info("discovery storage on {}: {} migration(s) applied", storage.dialect(), applied);
      }
      return storage;
    }
  }

  /** Without a DataSource: an in-memory storage, for tests and demos. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(DataSource.class)
  static class InMemoryStorageConfiguration {
    @Bean
    @ConditionalOnMissingBean(Storage.class)
    InMemoryStorage discoveryStorage() {
      log.warn(
          "no DataSource: the discovery engine keeps its data in memory, lost on restart;"
              + " add a DataSource (spring.datasource.*) or a Storage bean to keep it");
      return InMemoryStorage.create();
    }
  }
}
