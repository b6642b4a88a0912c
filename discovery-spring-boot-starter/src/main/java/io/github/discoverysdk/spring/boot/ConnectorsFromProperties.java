package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.GreenhouseJobs;
import io.github.discoverysdk.connectors.RssNews;
import io.github.discoverysdk.connectors.SecEdgar;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.sinks.HubSpotSink;
import io.github.discoverysdk.connectors.sinks.SalesforceSink;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.PushRule;
import java.util.List;
import java.util.Objects;

/**
 * Builds the connectors of {@code discovery.sources.*} and {@code discovery.sinks.*} and adds them
 * to the engine's builder. An invalid setting fails with the property's name and the connector's
 * reason, for example {@code "discovery.sources.greenhouse[0]: board must be a Greenhouse board
 * token, was 'a b'"}. Immutable; thread-safe.
 */
final class ConnectorsFromProperties implements DiscoveryEngineCustomizer {
  private static final String SOURCES = "discovery.sources.";
  private static final String SINKS = "discovery.sinks.";

  private final DiscoveryProperties properties;
  private final HttpToolkit http;
  private final CredentialStore credentials;

  ConnectorsFromProperties(
      DiscoveryProperties properties, HttpToolkit http, CredentialStore credentials) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.http = Objects.requireNonNull(http, "http");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public void customize(DiscoveryEngine.Builder builder) {
    addSources(builder, properties.getSources());
    addSinks(builder, properties.getSinks());
  }

  private void addSources(DiscoveryEngine.Builder builder, DiscoverySourceProperties sources) {
    List<DiscoverySourceProperties.Rss> rss = sources.getRss();
    for (int i = 0; i < rss.size(); i++) {
      DiscoverySourceProperties.Rss feed = rss.get(i);
      String property = SOURCES + "rss[" + i + "]";
      String id = PropertyChecks.required(property + ".id", feed.getId());
      PropertyChecks.required(property + ".url", feed.getUrl() == null ? null : "set");
      builder.addSource(
          PropertyChecks.wrap(
              property,
              () -> {
                RssNews.Builder b = RssNews.builder().id(id).url(feed.getUrl()).http(http);
                if (feed.getPublisher() != null) {
                  b.publisher(feed.getPublisher());
                }
                return b.build();
              }));
    }
    List<DiscoverySourceProperties.Greenhouse> boards = sources.getGreenhouse();
    for (int i = 0; i < boards.size(); i++) {
      DiscoverySourceProperties.Greenhouse board = boards.get(i);
      String property = SOURCES + "greenhouse[" + i + "]";
      PropertyChecks.required(property + ".board", board.getBoard());
      builder.addSource(
          PropertyChecks.wrap(
              property,
              () -> {
                GreenhouseJobs.Builder b = GreenhouseJobs.builder().board(board.getBoard());
                b.http(http);
                if (board.getId() != null) {
                  b.id(board.getId());
                }
                if (board.getCompanyName() != null) {
                  b.companyName(board.getCompanyName());
                }
                return b.build();
              }));
    }
    DiscoverySourceProperties.SecEdgar sec = sources.getSecEdgar();
    if (sec.isEnabled()) {
      String property = SOURCES + "sec-edgar";
      PropertyChecks.required(property + ".user-agent", sec.getUserAgent());
      builder.addSource(
          PropertyChecks.wrap(
              property, () -> SecEdgar.builder().userAgent(sec.getUserAgent()).http(http).build()));
    }
  }

  private void addSinks(DiscoveryEngine.Builder builder, DiscoverySinkProperties sinks) {
    DiscoverySinkProperties.HubSpot hubspot = sinks.getHubspot();
    if (hubspot.isEnabled()) {
      HubSpotSink sink =
          PropertyChecks.wrap(
              SINKS + "hubspot",
              () -> {
                HubSpotSink.Builder b = HubSpotSink.builder().credentials(credentials).http(http);
                if (hubspot.getId() != null) {
                  b.id(hubspot.getId());
                }
                if (hubspot.getBaseUrl() != null) {
                  b.baseUrl(hubspot.getBaseUrl());
                }
                if (hubspot.getOwnerId() != null) {
                  b.ownerId(hubspot.getOwnerId());
                }
                return b.build();
              });
      add(builder, sink, hubspot.getPushAtLeast());
    }
    DiscoverySinkProperties.Salesforce salesforce = sinks.getSalesforce();
    if (salesforce.isEnabled()) {
      String property = SINKS + "salesforce";
      PropertyChecks.required(
          property + ".instance-url", salesforce.getInstanceUrl() == null ? null : "set");
      SalesforceSink sink =
          PropertyChecks.wrap(
              property,
              () -> {
                SalesforceSink.Builder b =
                    SalesforceSink.builder()
                        .instanceUrl(salesforce.getInstanceUrl())
                        .credentials(credentials)
                        .http(http);
                if (salesforce.getId() != null) {
                  b.id(salesforce.getId());
                }
                if (salesforce.getApiVersion() != null) {
                  b.apiVersion(salesforce.getApiVersion());
                }
                if (salesforce.getStageName() != null) {
                  b.stageName(salesforce.getStageName());
                }
                return b.build();
              });
      add(builder, sink, salesforce.getPushAtLeast());
    }
  }

  private static void add(
      DiscoveryEngine.Builder builder, OpportunitySink sink, SignalStrength least) {
    builder.addOpportunitySink(sink);
    if (least != null) {
      builder.pushWhen(sink.id(), atLeast(least));
    }
  }

  /**
   * Pushes opportunities at least as strong as {@code least} (STRONG before MEDIUM before WEAK).
   */
  static PushRule atLeast(SignalStrength least) {
    return (o, p) -> o.strength().compareTo(least) <= 0;
  }
}
