package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.reconcile.FindingKind;
import io.github.discoverysdk.reconcile.ReconcileReport;
import io.github.discoverysdk.reconcile.Reconciliation;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.SinkRecordState;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two host instances reconcile one tenant at the same moment, each with its own storage object on
 * one database: the lease in the database lets one of them repair a CRM record deleted after its
 * push, and with both hosts dispatching, the record is written again exactly once.
 */
class ReconcileOnJdbcTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  /** A CRM in memory, shared by both hosts. */
  static final class Crm implements OpportunitySink {
    final Map<OpportunityId, String> records = new ConcurrentHashMap<>();
    final AtomicInteger accepted = new AtomicInteger();

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity o, Profile profile) {
      accepted.incrementAndGet();
      records.put(o.id(), o.title());
    }

    @Override
    public SinkRecordState lookup(Opportunity o) {
      return records.containsKey(o.id()) ? SinkRecordState.MATCHES : SinkRecordState.MISSING;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres", "mariadb"})
  void twoHostsRacingRepairADeletedCrmRecordOnce(String database) throws Exception {
    try (TestDatabase db = open(database)) {
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news");
      news.publish(
          Fixtures.signal(
              "news",
              "s1",
              SignalType.NEWS,
              "Stripe raises a new round",
              T0.minus(Duration.ofHours(1)),
              OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
      Crm crm = new Crm();
      JdbcStorage storageA = JdbcStorage.builder().dataSource(db.dataSource()).build();
      JdbcStorage storageB = JdbcStorage.builder().dataSource(db.dataSource()).build();
      try (DiscoveryEngine a = engine(storageA, news, crm, clock);
          DiscoveryEngine b = engine(storageB, news, crm, clock)) {
        Profile p = a.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
        a.discover(p.id());
        assertThat(crm.accepted).hasValue(1);

        for (int round = 0; round < 10; round++) {
          crm.records.clear();
          int before = crm.accepted.get();
          Reconciliation jobA = job(storageA, crm, clock, a, "host-a");
          Reconciliation jobB = job(storageB, crm, clock, b, "host-b");

          CompletableFuture<ReconcileReport> fromB =
              CompletableFuture.supplyAsync(() -> jobB.run("acme"));
          ReconcileReport ra = jobA.run("acme");
          ReconcileReport rb = fromB.get(60, TimeUnit.SECONDS);

          assertThat(ra.of(FindingKind.CRM_MISSING).size() + rb.of(FindingKind.CRM_MISSING).size())
              .as("round %d: one of the two found it", round)
              .isEqualTo(1);
          // The requeued entry is sent by whichever dispatcher can claim it: at once, or once the
          // claim of an earlier delivery by the other host has expired (5 minutes).
          clock.advance(Duration.ofMinutes(6));
          CompletableFuture<Integer> dispatchB = CompletableFuture.supplyAsync(b::dispatch);
          a.dispatch();
          dispatchB.get(60, TimeUnit.SECONDS);
          assertThat(crm.accepted.get() - before)
              .as("round %d: written again once", round)
              .isEqualTo(1);
          assertThat(
                  storageA.outbox().list("acme", 100).stream()
                      .filter(e -> e.kind() == DeliveryKind.PUSH)
                      .count())
              .isEqualTo(1);
        }
      }
    }
  }

  private static TestDatabase open(String database) throws Exception {
    return switch (database) {
      case "h2" -> TestDatabase.h2();
      case "postgres" -> TestDatabase.postgres();
      default -> TestDatabase.mariaDb();
    };
  }

  private static Reconciliation job(
      JdbcStorage storage, Crm crm, MutableClock clock, DiscoveryEngine engine, String owner) {
    return Reconciliation.builder()
        .storage(storage)
        .clock(clock)
        .owner(owner)
        .opportunitySinks(List.of(crm))
        .dispatchWith(engine::dispatch)
        .build();
  }

  private static DiscoveryEngine engine(
      JdbcStorage storage, ScriptedSource source, Crm crm, MutableClock clock) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(source)
        .scorer(TwoEnginesOneDatabaseTest.SCORER)
        .addOpportunitySink(crm)
        .pushWhen("crm", (o, p) -> true)
        .clock(clock)
        .build();
  }
}
