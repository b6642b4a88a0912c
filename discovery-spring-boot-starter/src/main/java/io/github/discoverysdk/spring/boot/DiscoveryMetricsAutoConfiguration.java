package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.micrometer.DiscoveryMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link DiscoveryMetrics}, when {@code discovery-micrometer} and Micrometer are on the classpath.
 * It is both a {@link MeterBinder}, which Spring Boot's metrics support binds to the application's
 * registry, and a run listener, which the auto-configured engine adds. Backs off when the
 * application defines its own {@link DiscoveryMetrics}.
 */
@AutoConfiguration(before = DiscoveryAutoConfiguration.class)
@ConditionalOnClass({DiscoveryMetrics.class, MeterBinder.class})
@ConditionalOnBooleanProperty(name = "discovery.enabled", matchIfMissing = true)
public class DiscoveryMetricsAutoConfiguration {
  /** Created by Spring. */
  public DiscoveryMetricsAutoConfiguration() {}

  /** The binder and run listener. */
  @Bean
  @ConditionalOnMissingBean(DiscoveryMetrics.class)
  public DiscoveryMetrics discoveryMetrics() {
    return DiscoveryMetrics.create();
  }
}
