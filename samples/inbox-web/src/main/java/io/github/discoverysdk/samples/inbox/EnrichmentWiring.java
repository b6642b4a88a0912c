package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.connectors.ApolloEnricher;
import io.github.discoverysdk.connectors.EnrichmentWaterfall;
import io.github.discoverysdk.connectors.SerperEnricher;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spring.boot.DiscoveryEngineCustomizer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closed-deal enrichment for the demo tenant: the engine's {@code closedDeals(...)} settings from
 * {@code inbox.enrichment.*}, and its enricher, a waterfall of Apollo then Serper with only the
 * providers the {@link CredentialStore} holds a key for ({@code discovery.credentials.demo.apollo}
 * or {@code discovery.credentials.default.apollo}, likewise {@code serper}; the environment
 * variables {@code DISCOVERY_CREDENTIALS_DEFAULT_APOLLO} and {@code ..._SERPER} work too). Without
 * a key the engine has no enricher: the enrichment page says so, a batch answers 400, and the ICP
 * is derived from the deals' own titles only. Nothing is invented.
 */
@Configuration(proxyBeanMethods = false)
public class EnrichmentWiring {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentWiring.class);

  /**
   * Which enrichment providers have a key for the demo tenant (never the keys themselves).
   *
   * @param apollo whether Apollo has a key
   * @param serper whether Serper has a key
   */
  public record EnrichmentKeys(boolean apollo, boolean serper) {
    /** Whether the engine has an enricher at all. */
    public boolean any() {
      return apollo || serper;
    }
  }

  /** The providers with a key for {@link EngineWiring#TENANT}, read once at start. */
  @Bean
  EnrichmentKeys enrichmentKeys(CredentialStore credentials) {
    return new EnrichmentKeys(
        credentials.find(EngineWiring.TENANT, ApolloEnricher.ID).isPresent(),
        credentials.find(EngineWiring.TENANT, SerperEnricher.ID).isPresent());
  }

  /** The closed-deal settings of {@code inbox.enrichment.*}. */
  @Bean
  ClosedDealSettings closedDealSettings(
      @Value("${inbox.enrichment.lookback-months:6}") int lookbackMonths,
      @Value("${inbox.enrichment.cache-days:90}") int cacheDays,
      @Value("${inbox.enrichment.auto-enrich-on-close:true}") boolean autoEnrichOnClose) {
    return ClosedDealSettings.builder()
        .lookbackMonths(lookbackMonths)
        .cacheDays(cacheDays)
        .autoEnrichOnClose(autoEnrichOnClose)
        .build();
  }

  /** Gives the engine the settings, and the enricher of the keyed providers, if any. */
  @Bean
  DiscoveryEngineCustomizer closedDealEnrichment(
      ClosedDealSettings settings,
      EnrichmentKeys keys,
      HttpToolkit http,
      @Value("${inbox.enrichment.apollo-url:https://api.apollo.io}") URI apolloUrl,
      @Value("${inbox.enrichment.serper-url:https://google.serper.dev}") URI serperUrl) {
    Optional<Enricher> enricher = enricher(keys, http, apolloUrl, serperUrl);
    LOG.info(
        "closed-deal enrichment: {}",
        enricher.map(e -> "enricher " + e.id()).orElse("no provider key, no enricher"));
    return builder -> {
      builder.closedDeals(settings);
      enricher.ifPresent(builder::enricher);
    };
  }

  private static Optional<Enricher> enricher(
      EnrichmentKeys keys, HttpToolkit http, URI apolloUrl, URI serperUrl) {
    List<Enricher> keyed = new ArrayList<>();
    if (keys.apollo()) {
      keyed.add(ApolloEnricher.builder().http(http).baseUrl(apolloUrl).build());
    }
    if (keys.serper()) {
      keyed.add(SerperEnricher.builder().http(http).baseUrl(serperUrl).build());
    }
    return switch (keyed.size()) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(keyed.get(0));
      default -> Optional.of(EnrichmentWaterfall.of(keyed.toArray(Enricher[]::new)));
    };
  }
}
