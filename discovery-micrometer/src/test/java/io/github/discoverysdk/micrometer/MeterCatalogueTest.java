package io.github.discoverysdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.reconcile.Reconciliation;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.CircuitState;
import io.github.discoverysdk.spi.HttpCallEvent;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Makes every meter of {@link DiscoveryMetrics} at once (runs, stages, deliveries, HTTP, breakers,
 * reconciliation, outbox, tenant cost), checks each against Micrometer's naming conventions and
 * prints the list, which the README copies.
 */
class MeterCatalogueTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  /** Micrometer's convention: lower-case dot-separated words, for names and tag keys alike. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

  /** The only meters that may carry a tenant tag, and only when the host asked for it. */
  static final Set<String> TENANT_TAGGED =
      Set.of(
          "discovery.runs",
          "discovery.run.duration",
          "discovery.run.errors",
          "discovery.signals",
          "discovery.opportunities",
          "discovery.alerts",
          "discovery.redactions",
          "discovery.source.calls",
          "discovery.source.cache.hits",
          "discovery.source.records",
          "discovery.source.rejected",
          "discovery.source.errors",
          "discovery.source.cost",
          "discovery.tenant.cost");

  final MutableClock clock = MutableClock.at(T0);
  final InMemoryStorage storage = InMemoryStorage.create();
  final ScriptedSource news = ScriptedSource.feed("news").costPerCall(0.25);

  /** A CRM that fails as scripted, then takes everything. */
  static final class ScriptedSink implements OpportunitySink {
    final Deque<Exception> failures = new ArrayDeque<>();

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public synchronized void accept(io.github.discoverysdk.model.Opportunity o, Profile profile)
        throws Exception {
      Exception next = failures.poll();
      if (next != null) {
        throw next;
      }
    }
  }

  private DiscoveryEngine engine(DiscoveryMetrics metrics, ScriptedSink crm) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(news)
        .scorer(Scoring.defaults())
        .addOpportunitySink(crm)
        .pushWhen("crm", (o, p) -> true)
        .addSignalProcessor(
            new SignalProcessor() {
              @Override
              public String id() {
                return "count-only";
              }

              @Override
              public Signal process(Signal signal, ObjIntConsumer<String> counts) {
                counts.accept("EMAIL", 1);
                return signal;
              }
            })
        .addRunListener(metrics)
        .clock(clock)
        .build();
  }

  private void publish(String id) {
    news.publish(
        Fixtures.signal(
            "news",
            id,
            SignalType.NEWS,
            "Stripe raises a new round " + id,
            T0.minus(Duration.ofHours(1)),
            OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
  }

  @Test
  void everyMeterFollowsMicrometersNamingConventionsWithBoundedTags() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics =
        DiscoveryMetrics.create()
            .withTenantTags(Set.of("acme"))
            .withOutboxOf(storage, Duration.ofSeconds(15), clock);
    metrics.bindTo(registry);
    ScriptedSink crm = new ScriptedSink();
    crm.failures.add(new SinkException("CRM busy", false));
    crm.failures.add(new SinkException("CRM refused it", true));
    publish("s1");
    news.onFetch(() -> clock.advance(Duration.ofSeconds(2)));
    try (DiscoveryEngine engine = engine(metrics, crm)) {
      Profile p =
          engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
      engine.discover(p.id()); // the push fails once: a retry
      clock.advance(Duration.ofHours(1));
      engine.dispatch(); // then for good: a dead letter
      clock.advance(Duration.ofHours(2));
      Reconciliation.builder()
          .storage(storage)
          .clock(clock)
          .addListener(metrics)
          .build()
          .run("acme");
    }
    metrics.onHttpCall(
        new HttpCallEvent(
            T0, "news", "acme", "GET", 200, "ok", false, 1, Duration.ofMillis(40), 0.25));
    metrics.onCircuitBreaker("news", () -> CircuitState.CLOSED);

    Map<String, Set<String>> catalogue = new TreeMap<>();
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      catalogue.computeIfAbsent(name, n -> new TreeSet<>());
      assertThat(name).matches(NAME);
      assertThat(m.getId().getDescription()).as(name).isNotBlank();
      for (Tag t : m.getId().getTags()) {
        catalogue.get(name).add(t.getKey());
        assertThat(t.getKey()).as(name).matches(NAME).isNotEqualTo("profile");
        if (t.getKey().equals("tenant")) {
          assertThat(name).isIn(TENANT_TAGGED);
          assertThat(t.getValue()).isIn("acme", DiscoveryMetrics.OTHER_TENANTS);
        }
      }
    }
    StringBuilder list = new StringBuilder("Meters of discovery-micrometer:\n");
    catalogue.forEach(
        (n, tags) -> list.append("  ").append(n).append(' ').append(tags).append('\n'));
    System.out.print(list);
    assertThat(catalogue.keySet()).containsExactlyInAnyOrderElementsOf(DiscoveryMetrics.METERS);
    assertThat(
            registry
                .get("discovery.delivery.attempts")
                .tags("sink", "crm", "outcome", "retry")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("discovery.delivery.dead.letters").tag("sink", "crm").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("discovery.reconcile.findings")
                .tags("kind", "outbox.dead", "repaired", "false")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("discovery.run.stage.duration")
                .tag("stage", "fetch")
                .timer()
                .totalTime(TimeUnit.SECONDS))
        .as("the fetch stage took the 2 s each call moved the clock by")
        .isEqualTo(2.0 * news.calls());
  }

  @Test
  void theReadmeListsEveryMeter() throws Exception {
    String readme =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("../README.md"), java.nio.charset.StandardCharsets.UTF_8);
    for (String meter : DiscoveryMetrics.METERS) {
      assertThat(readme).as("README lists " + meter).contains("| `" + meter + "` |");
    }
  }

  @Test
  void costPerTenantTagsOnlyTheNamedTenantsAndFoldsTheOthers() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics = DiscoveryMetrics.create().withTenantTags(Set.of("acme"));
    metrics.bindTo(registry);
    publish("s1");
    try (DiscoveryEngine engine = engine(metrics, new ScriptedSink())) {
      for (String tenant : List.of("acme", "globex", "initech")) {
        Profile p =
            engine.profiles().save(Fixtures.profile(tenant, "payments", Company.of("Stripe")));
        engine.discover(p.id());
      }
    }

    Set<String> tenants = new TreeSet<>();
    registry
        .find("discovery.tenant.cost")
        .counters()
        .forEach(c -> tenants.add(c.getId().getTag("tenant")));
    assertThat(tenants).containsExactly("acme", "other");
    double acme = registry.get("discovery.tenant.cost").tag("tenant", "acme").counter().count();
    double other = registry.get("discovery.tenant.cost").tag("tenant", "other").counter().count();
    assertThat(acme).isPositive();
    assertThat(other).isEqualTo(2 * acme);
  }

  @Test
  void noTenantCostWithoutATenantTag() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics = DiscoveryMetrics.create();
    metrics.bindTo(registry);
    publish("s1");
    try (DiscoveryEngine engine = engine(metrics, new ScriptedSink())) {
      Profile p =
          engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
      engine.discover(p.id());
    }
    assertThat(registry.find("discovery.tenant.cost").meters()).isEmpty();
  }
}
