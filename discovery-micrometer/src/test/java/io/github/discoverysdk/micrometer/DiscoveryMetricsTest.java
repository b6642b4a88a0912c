package io.github.discoverysdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiscoveryMetricsTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  /** Micrometer's convention: lower-case dot-separated words. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");

  final MutableClock clock = MutableClock.at(T0);
  final ScriptedSource news = ScriptedSource.feed("news");

  private RunReport run(DiscoveryMetrics metrics, boolean failingListener) {
    news.publish(
        Fixtures.signal(
            "news",
            "s1",
            SignalType.NEWS,
            "Stripe raises a new round",
            T0.minus(Duration.ofHours(1)),
            OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)),
        Fixtures.signal(
            "news", "s2", SignalType.NEWS, "Nothing to see here", T0.minus(Duration.ofHours(2))));
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(clock);
    if (failingListener) {
      b.addRunListener(
          r -> {
            throw new IllegalStateException("listener broke");
          });
    }
    b.addSignalProcessor(
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
        });
    try (DiscoveryEngine engine = b.addRunListener(metrics).build()) {
      Profile p =
          engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
      return engine.discover(p.id());
    }
  }

  @Test
  void aRunIsCountedByKindStatusOutcomeAndSource() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics = DiscoveryMetrics.create();
    metrics.bindTo(registry);

    RunReport report = run(metrics, false);

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(
            registry
                .get("discovery.runs")
                .tag("kind", "discovery")
                .tag("status", "succeeded")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("discovery.run.duration").timer().count()).isEqualTo(1);
    assertThat(registry.get("discovery.signals").tag("outcome", "fetched").counter().count())
        .isEqualTo(report.signalsFetched());
    assertThat(registry.get("discovery.signals").tag("outcome", "new").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("discovery.opportunities").tag("outcome", "new").counter().count())
        .isEqualTo(report.opportunitiesNew())
        .isPositive();
    assertThat(registry.get("discovery.source.calls").tag("source", "news").counter().count())
        .isEqualTo(report.sources().get(0).calls());
    assertThat(registry.get("discovery.redactions").tag("kind", "email").counter().count())
        .isEqualTo(2);
    assertThat(report.stageTimes()).containsOnlyKeys("process", "match", "score", "store");
    for (String stage : List.of("process", "match", "score", "store")) {
      Timer timer = registry.get("discovery.run.stage.duration").tag("stage", stage).timer();
      assertThat(timer.count()).as(stage).isEqualTo(1);
      assertThat(timer.totalTime(TimeUnit.NANOSECONDS))
          .as(stage)
          .isEqualTo(report.stageTimes().get(stage).toNanos());
    }
  }

  @Test
  void everyMeterFollowsTheNamingConventionAndCarriesNoTenantOrProfileTag() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics = DiscoveryMetrics.create();
    metrics.bindTo(registry);
    run(metrics, false);

    DiscoveryMetrics.create()
        .withOutboxOf(InMemoryStorage.create(), Duration.ofSeconds(15), clock)
        .bindTo(registry);
    Set<String> names =
        registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
    // Every meter of a run and of the outbox; the catalogue test makes all the others.
    assertThat(names)
        .isSubsetOf(DiscoveryMetrics.METERS)
        .contains(
            "discovery.runs",
            "discovery.run.duration",
            "discovery.run.stage.duration",
            "discovery.signals",
            "discovery.opportunities",
            "discovery.source.calls",
            "discovery.source.cost",
            "discovery.outbox.pending",
            "discovery.outbox.oldest.age");
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getName()).matches(NAME);
      assertThat(m.getId().getDescription()).as(m.getId().getName()).isNotBlank();
      for (Tag t : m.getId().getTags()) {
        assertThat(t.getKey()).matches(NAME).isNotIn("tenant", "profile");
      }
    }
  }

  @Test
  void theOutboxGaugesSumEveryTenantAndAreMeasuredOncePerRefresh() {
    InMemoryStorage storage = InMemoryStorage.create();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics.create().withOutboxOf(storage, Duration.ofSeconds(15), clock).bindTo(registry);
    for (String tenant : List.of("acme", "globex")) {
      Profile p = storage.profiles().save(Fixtures.profile(tenant, "payments"));
      Opportunity o =
          storage
              .opportunities()
              .save(
                  Fixtures.opportunity(
                      OpportunityId.of(tenant, "o1"), p.id(), SignalKey.of("news", "s1"), 60, T0));
      storage.outbox().enqueue(entry(o, "e1", T0.minusSeconds(120)));
    }
    // The metrics object is not kept by the test: the registry alone must keep the gauges alive.
    System.gc();
    assertThat(registry.get("discovery.outbox.pending").gauge().value()).isEqualTo(2);
    assertThat(registry.get("discovery.outbox.oldest.age").gauge().value()).isEqualTo(120);

    Opportunity more = storage.opportunities().find(OpportunityId.of("acme", "o1")).orElseThrow();
    storage.outbox().enqueue(entry(more, "e2", T0));
    assertThat(registry.get("discovery.outbox.pending").gauge().value())
        .as("not measured again within the refresh period")
        .isEqualTo(2);
    clock.advance(Duration.ofSeconds(15));
    assertThat(registry.get("discovery.outbox.pending").gauge().value()).isEqualTo(3);
    assertThat(registry.get("discovery.outbox.dead").gauge().value()).isZero();
  }

  private static OutboxEntry entry(Opportunity o, String id, Instant at) {
    return OutboxEntry.builder()
        .id(id)
        .tenant(o.tenant())
        .sinkId("crm")
        .kind(DeliveryKind.PUSH)
        .opportunityId(o.id())
        .dedupeKey(id)
        .nextAttemptAt(at)
        .createdAt(at)
        .updatedAt(at)
        .build();
  }

  @Test
  void aTenantTagOnlyWhenAskedFor() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics = DiscoveryMetrics.create().withTenantTag();
    metrics.bindTo(registry);
    run(metrics, false);

    assertThat(registry.get("discovery.runs").tag("tenant", "acme").counter().count()).isEqualTo(1);
  }

  @Test
  void aFailingListenerNeitherFailsTheRunNorStopsTheOthers() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DiscoveryMetrics metrics = DiscoveryMetrics.create();
    metrics.bindTo(registry);

    RunReport report = run(metrics, true);

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(registry.get("discovery.runs").counter().count()).isEqualTo(1);
  }
}
