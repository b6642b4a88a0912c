package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.connectors.RssNews;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.CredentialStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * When {@code discovery-connectors} is on the classpath: the {@link HttpToolkit} every connector
 * talks through (rate limits, retries, shared cache, SSRF guard), and the sources and sinks of
 * {@code discovery.sources.*} and {@code discovery.sinks.*} (RSS feeds, Greenhouse boards, SEC
 * EDGAR, HubSpot, Salesforce), added to the engine by {@link ConnectorsFromProperties}. Both beans
 * back off when the application defines its own.
 */
@AutoConfiguration(before = DiscoveryAutoConfiguration.class)
@ConditionalOnClass({RssNews.class, HttpToolkit.class})
@ConditionalOnBooleanProperty(name = "discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DiscoveryProperties.class)
public class DiscoveryConnectorsAutoConfiguration {
  /** Created by Spring. */
  public DiscoveryConnectorsAutoConfiguration() {}

  /** The connectors' HTTP toolkit with its defaults; closed with the context. */
  @Bean
  @ConditionalOnMissingBean(HttpToolkit.class)
  public HttpToolkit discoveryHttpToolkit() {
    return HttpToolkit.create();
  }

  /** Adds the sources and sinks of the properties to the engine's builder. */
  @Bean
  @ConditionalOnMissingBean(name = "discoveryConnectorsCustomizer")
  public DiscoveryEngineCustomizer discoveryConnectorsCustomizer(
      DiscoveryProperties properties, HttpToolkit http, CredentialStore credentials) {
    return new ConnectorsFromProperties(properties, http, credentials);
  }
}
