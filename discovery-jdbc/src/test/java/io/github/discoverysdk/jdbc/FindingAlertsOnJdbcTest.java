package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.reconcile.Finding;
import io.github.discoverysdk.reconcile.FindingKind;
import io.github.discoverysdk.reconcile.FindingSink;
import io.github.discoverysdk.reconcile.ReconcileReport;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On a database, a drift that stays (a push that died) is found by two reconciliations and its
 * finding is stored in the outbox once and delivered once to the finding sink, rebuilt from the
 * stored entry.
 */
class FindingAlertsOnJdbcTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  /** Records the findings it is sent. */
  static final class Ops implements FindingSink {
    final List<Finding> sent = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "ops";
    }

    @Override
    public void send(Finding finding) {
      sent.add(finding);
    }
  }

  /** Rejects every push for good: its entry dies at once. */
  static final class RejectingCrm implements OpportunitySink {
    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity o, Profile profile) throws SinkException {
      throw new SinkException("record rejected", true);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres", "mariadb"})
  void aDriftFoundTwiceIsStoredAndDeliveredOnce(String database) throws Exception {
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
      Ops ops = new Ops();
      JdbcStorage storage = JdbcStorage.builder().dataSource(db.dataSource()).build();
      try (DiscoveryEngine engine =
          DiscoveryEngine.builder()
              .allowSystemCalls()
              .storage(storage)
              .addSource(news)
              .scorer(TwoEnginesOneDatabaseTest.SCORER)
              .addOpportunitySink(new RejectingCrm())
              .pushWhen("crm", (o, p) -> true)
              .addFindingSink(ops)
              .clock(clock)
              .build()) {
        Profile p =
            engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
        engine.discover(p.id());
        clock.advance(Duration.ofHours(2));

        ReconcileReport first = engine.reconciliation().run("acme");
        clock.advance(Duration.ofHours(1));
        ReconcileReport second = engine.reconciliation().run("acme");
        engine.dispatch();

        Finding found = first.of(FindingKind.OUTBOX_DEAD).get(0);
        assertThat(second.of(FindingKind.OUTBOX_DEAD)).containsExactly(found);
        List<OutboxEntry> alerts =
            storage.outbox().list("acme", 100).stream()
                .filter(e -> e.kind() == DeliveryKind.RECONCILE_FINDING)
                .filter(e -> e.dedupeKey().equals(found.key()))
                .toList();
        assertThat(alerts)
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
                  assertThat(e.subject().orElseThrow().id()).isEqualTo(found.key());
                });
        assertThat(ops.sent.stream().filter(f -> f.key().equals(found.key())))
            .singleElement()
            .satisfies(
                f -> {
                  assertThat(f.kind()).isEqualTo(FindingKind.OUTBOX_DEAD);
                  assertThat(f.subject()).isEqualTo(found.subject());
                  assertThat(f.since()).isEqualTo(found.since());
                });
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
}
