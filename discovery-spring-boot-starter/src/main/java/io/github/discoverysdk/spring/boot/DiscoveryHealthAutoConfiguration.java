package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.spi.Storage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code discovery} health indicator, when Spring Boot's health support (Actuator) is on the
 * classpath and {@code management.health.discovery.enabled} is not false. Backs off when the
 * application defines a bean named {@code discoveryHealthIndicator}.
 */
@AutoConfiguration(after = DiscoveryAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean({DiscoveryEngine.class, Storage.class})
@ConditionalOnEnabledHealthIndicator("discovery")
@EnableConfigurationProperties(DiscoveryProperties.class)
public class DiscoveryHealthAutoConfiguration {
  /** Created by Spring. */
  public DiscoveryHealthAutoConfiguration() {}

  /** The indicator, shown as {@code discovery} in {@code /actuator/health}. */
  @Bean
  @ConditionalOnMissingBean(name = "discoveryHealthIndicator")
  public DiscoveryHealthIndicator discoveryHealthIndicator(
      DiscoveryEngine engine, Storage storage, DiscoveryProperties properties) {
    return new DiscoveryHealthIndicator(engine, storage, properties.getHealth());
  }
}
