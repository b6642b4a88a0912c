package io.github.discoverysdk.spring.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.RssNews;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConnectorsAutoConfigurationTest {
  static final String FEED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel>
        <title>Stripe newsroom</title><link>https://stripe.example.com/news</link>
        <description>News</description>
        <item>
          <guid>stripe-dublin</guid>
          <title>Stripe opens a Dublin hub for European sales</title>
          <link>https://stripe.example.com/news/dublin</link>
          <description>Stripe will hire 300 people in Dublin.</description>
          <pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
        </item>
      </channel></rss>
      """;

  static WireMockServer wm;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DiscoveryAutoConfiguration.class, DiscoveryConnectorsAutoConfiguration.class))
          .withPropertyValues(
              "discovery.scheduler.enabled=false", "discovery.engine.allow-system-calls=true");

  @BeforeAll
  static void start() {
    wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    wm.stubFor(
        get(urlEqualTo("/stripe/feed.xml"))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/rss+xml").withBody(FEED)));
  }

  @Test
  void anRssFeedFromPropertiesFeedsTheEngine() {
    runner
        .withBean(HttpToolkit.class, ConnectorsAutoConfigurationTest::loopbackToolkit)
        .withBean(MutableClock.class, () -> MutableClock.at(Instant.parse("2026-03-02T09:00:00Z")))
        .withPropertyValues(
            "discovery.sources.rss[0].id=newsroom.stripe",
            "discovery.sources.rss[0].url=http://127.0.0.1:" + wm.port() + "/stripe/feed.xml",
            "discovery.sources.rss[0].publisher=Stripe")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
              Profile p =
                  engine
                      .profiles()
                      .save(Fixtures.profile("acme", "payments", Company.of("Stripe")));

              RunReport run = engine.discover(p.id());
              List<Opportunity> feed = engine.feed(FeedQuery.forProfile(p.id()).build()).items();

              wm.verify(getRequestedFor(urlEqualTo("/stripe/feed.xml")));
              assertThat(run.signalsFetched()).isEqualTo(1);
              assertThat(feed)
                  .extracting(o -> o.signalKey().sourceId())
                  .containsExactly("newsroom.stripe");
            });
  }

  @Test
  void theDefaultToolkitRefusesAFeedOnLoopback() {
    runner
        .withPropertyValues(
            "discovery.sources.rss[0].id=rss.local",
            "discovery.sources.rss[0].url=http://127.0.0.1:" + wm.port() + "/stripe/feed.xml")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed().hasSingleBean(HttpToolkit.class);
              DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
              Profile p = engine.profiles().save(Fixtures.profile("acme", "payments"));
              RunReport run = engine.discover(p.id());
              assertThat(wm.getAllServeEvents()).isEmpty();
              assertThat(run.errors()).anySatisfy(e -> assertThat(e).contains("rss.local"));
            });
  }

  @Test
  void aCrmSinkFromPropertiesCanBePushedTo() {
    runner
        .withPropertyValues(
            "discovery.sinks.hubspot.enabled=true",
            "discovery.sinks.salesforce.enabled=true",
            "discovery.sinks.salesforce.id=sfdc",
            "discovery.sinks.salesforce.instance-url=https://acme.my.salesforce.com")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              DiscoveryEngine engine = ctx.getBean(DiscoveryEngine.class);
              var missing = io.github.discoverysdk.model.OpportunityId.of("acme", "o-1");
              // A registered sink gets as far as looking the opportunity up; an unknown one not.
              assertThatThrownBy(() -> engine.push(missing, "hubspot"))
                  .isInstanceOf(io.github.discoverysdk.NotFoundException.class);
              assertThatThrownBy(() -> engine.push(missing, "sfdc"))
                  .isInstanceOf(io.github.discoverysdk.NotFoundException.class);
              assertThatThrownBy(() -> engine.push(missing, "pipedrive"))
                  .isInstanceOf(ValidationException.class);
            });
  }

  @Test
  void anInvalidConnectorPropertyFailsTheStartNamingIt() {
    runner
        .withPropertyValues("discovery.sources.greenhouse[0].board=not a token")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "discovery.sources.greenhouse[0]: board must be a Greenhouse board token,"
                            + " was 'not a token'"));
    runner
        .withPropertyValues("discovery.sources.sec-edgar.enabled=true")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessage("discovery.sources.sec-edgar.user-agent is required"));
    runner
        .withPropertyValues("discovery.sinks.salesforce.enabled=true")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessage("discovery.sinks.salesforce.instance-url is required"));
  }

  @Test
  void withoutTheConnectorsModuleThereIsNoToolkitAndTheEngineStillStarts() {
    runner
        .withClassLoader(new FilteredClassLoader(RssNews.class))
        .run(
            ctx ->
                assertThat(ctx)
                    .hasNotFailed()
                    .hasSingleBean(DiscoveryEngine.class)
                    .doesNotHaveBean(HttpToolkit.class)
                    .doesNotHaveBean("discoveryConnectorsCustomizer"));
  }

  static HttpToolkit loopbackToolkit() {
    return HttpToolkit.builder()
        .urlGuard(UrlGuard.strict().allowingHosts("127.0.0.1"))
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }
}
