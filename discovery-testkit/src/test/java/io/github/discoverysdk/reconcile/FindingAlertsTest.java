package io.github.discoverysdk.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Findings of the reconciliation job alerted through the outbox: a drift that stays (a push that
 * died) is found by every run and enqueued and delivered once; a failing finding sink is retried
 * then dead-lettered, without alerting on its own dead letter; the engine's {@code runDue()}
 * reconciles on the {@code reconcileEvery} schedule.
 */
class FindingAlertsTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  /** Records the findings it is sent; fails while {@code failing} is set. */
  static final class Ops implements FindingSink {
    final List<Finding> sent = new CopyOnWriteArrayList<>();
    final List<Finding> attempted = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public String id() {
      return "ops";
    }

    @Override
    public void send(Finding finding) throws Exception {
      attempted.add(finding);
      if (failing) {
        throw new java.io.IOException("ops channel unavailable");
      }
      sent.add(finding);
    }
  }

  /** A CRM that rejects every push for good: its entry dies at once, a drift that stays. */
  static final OpportunitySink REJECTING_CRM =
      new OpportunitySink() {
        @Override
        public String id() {
          return "crm";
        }

        @Override
        public void accept(
            io.github.discoverysdk.model.Opportunity o, io.github.discoverysdk.model.Profile p)
            throws Exception {
          throw new SinkException("record rejected", true);
        }
      };

  final MutableClock clock = MutableClock.at(T0);
  final Ops ops = new Ops();
  DiscoveryEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  /** An engine over {@code storage} whose push to the CRM is dead, found an hour later. */
  static DiscoveryEngine engineWithDeadPush(
      Storage storage, MutableClock clock, Ops ops, Duration reconcileEvery) {
    ScriptedSource news = ScriptedSource.feed("news");
    news.publish(
        Fixtures.signal(
            "news",
            "s1",
            SignalType.NEWS,
            "Stripe raises a new round",
            T0.minus(Duration.ofHours(1)),
            OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(news)
            .scorer(Scoring.defaults())
            .addOpportunitySink(REJECTING_CRM)
            .pushWhen("crm", (o, p) -> true)
            .addFindingSink(ops)
            .maxDeliveryAttempts(3)
            .clock(clock);
    if (reconcileEvery != null) {
      b.reconcileEvery(reconcileEvery);
    }
    DiscoveryEngine engine = b.build();
    Profile p = engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
    engine.discover(p.id());
    assertThat(engine.outbox("acme", 10))
        .filteredOn(e -> e.kind() == DeliveryKind.PUSH)
        .singleElement()
        .extracting(OutboxEntry::status)
        .isEqualTo(OutboxStatus.DEAD);
    clock.advance(Duration.ofHours(2));
    return engine;
  }

  /** The outbox entries of findings (the signal, tracked an hour before, is stale as well). */
  static List<OutboxEntry> findingEntries(DiscoveryEngine engine) {
    return engine.outbox("acme", 100).stream()
        .filter(e -> e.kind() == DeliveryKind.RECONCILE_FINDING)
        .toList();
  }

  /** The entries of findings of dead deliveries. */
  static List<OutboxEntry> deadAlerts(DiscoveryEngine engine) {
    return findingEntries(engine).stream()
        .filter(e -> e.dedupeKey().startsWith("reconcile|outbox.dead|"))
        .toList();
  }

  static List<Finding> ofKind(List<Finding> findings, FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  @Test
  void aDriftFoundTwiceIsEnqueuedAndDeliveredOnce() {
    engine = engineWithDeadPush(InMemoryStorage.create(), clock, ops, null);

    ReconcileReport first = engine.reconciliation().run("acme");
    clock.advance(Duration.ofHours(1));
    ReconcileReport second = engine.reconciliation().run("acme");
    engine.dispatch();

    assertThat(first.of(FindingKind.OUTBOX_DEAD)).hasSize(1);
    assertThat(second.of(FindingKind.OUTBOX_DEAD)).hasSize(1);
    Finding found = first.of(FindingKind.OUTBOX_DEAD).get(0);
    assertThat(findingEntries(engine)).hasSize(2);
    assertThat(deadAlerts(engine))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
              assertThat(e.sinkId()).isEqualTo("ops");
              assertThat(e.dedupeKey()).isEqualTo(found.key());
              assertThat(e.subject().orElseThrow().type()).isEqualTo(FindingOutbox.SUBJECT);
            });
    assertThat(ops.sent).hasSize(2);
    assertThat(ofKind(ops.sent, FindingKind.OUTBOX_DEAD))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.key()).isEqualTo(found.key());
              assertThat(f.kind()).isEqualTo(FindingKind.OUTBOX_DEAD);
              assertThat(f.subject()).isEqualTo(found.subject());
              assertThat(f.since()).isEqualTo(found.since());
            });
  }

  @Test
  void aFailingFindingSinkIsRetriedThenDeadLetteredAndItsDeadLetterIsNotAlerted() {
    engine = engineWithDeadPush(InMemoryStorage.create(), clock, ops, null);
    ops.failing = true;

    engine.reconciliation().run("acme");
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofDays(1));
      engine.dispatch();
    }

    assertThat(ofKind(ops.attempted, FindingKind.OUTBOX_DEAD)).hasSize(3);
    OutboxEntry dead = deadAlerts(engine).get(0);
    assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.lastError().orElseThrow()).contains("ops channel unavailable");

    ops.failing = false;
    clock.advance(Duration.ofHours(2));
    ReconcileReport later = engine.reconciliation().run("acme");
    engine.dispatch();

    // The push's dead entry and the two dead alerts are reported; only the push's is an alert,
    // enqueued already, so nothing new is enqueued or sent.
    assertThat(later.of(FindingKind.OUTBOX_DEAD)).hasSize(3);
    assertThat(findingEntries(engine)).hasSize(2);
    assertThat(ops.sent).isEmpty();
  }

  @Test
  void runDueReconcilesOnTheEngineSchedule() {
    InMemoryStorage storage = InMemoryStorage.create();
    engine = engineWithDeadPush(storage, clock, ops, Duration.ofMinutes(30));

    engine.runDue();
    assertThat(ofKind(ops.sent, FindingKind.OUTBOX_DEAD)).hasSize(1);
    Instant firstRun = clock.instant();
    assertThat(lastReconciled(storage)).isEqualTo(firstRun);

    clock.advance(Duration.ofMinutes(10));
    engine.runDue();
    assertThat(lastReconciled(storage)).as("not due yet").isEqualTo(firstRun);

    clock.advance(Duration.ofMinutes(25));
    engine.runDue();
    assertThat(lastReconciled(storage)).isEqualTo(clock.instant());
    assertThat(ofKind(ops.sent, FindingKind.OUTBOX_DEAD)).as("the same drift, once").hasSize(1);
    assertThat(deadAlerts(engine)).hasSize(1);
  }

  @Test
  void theEnginesJobTellsTheListenersAdded() {
    List<ReconcileReport> reports = new CopyOnWriteArrayList<>();
    ScriptedSource none = ScriptedSource.feed("news");
    engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(none)
            .scorer(Scoring.defaults())
            .addReconcileListener(
                new ReconcileListener() {
                  @Override
                  public void onFinding(Finding finding) {}

                  @Override
                  public void onFinished(ReconcileReport report) {
                    reports.add(report);
                  }
                })
            .clock(clock)
            .build();

    engine.reconciliation().run("acme");

    assertThat(reports).singleElement().extracting(ReconcileReport::tenant).isEqualTo("acme");
  }

  @Test
  void withoutAScheduleRunDueDoesNotReconcile() {
    InMemoryStorage storage = InMemoryStorage.create();
    engine = engineWithDeadPush(storage, clock, ops, null);

    engine.runDue();

    assertThat(ops.sent).isEmpty();
    assertThat(findingEntries(engine)).isEmpty();
    assertThat(storage.sourceState().findWatermark("acme", "_engine.reconcile", "last")).isEmpty();
  }

  @Test
  void theDeliveredFindingIsRebuiltFromItsEntryEvenWithBarsInItsSubject() {
    Finding f =
        new Finding(
            FindingKind.SIGNAL_NOT_REFRESHED,
            "acme",
            "news|s1|x",
            T0,
            "tracked signal last observed at " + T0,
            true);
    OutboxEntry entry = FindingOutbox.entry("e1", f, "ops", T0);

    Finding back = FindingOutbox.finding(entry).orElseThrow();

    assertThat(back.key()).isEqualTo(f.key());
    assertThat(back.subject()).isEqualTo("news|s1|x");
    assertThat(back.kind()).isEqualTo(FindingKind.SIGNAL_NOT_REFRESHED);
    assertThat(back.since()).isEqualTo(T0);
    assertThat(back.repaired()).isFalse();
  }

  private static Instant lastReconciled(Storage storage) {
    return storage
        .sourceState()
        .findWatermark("acme", "_engine.reconcile", "last")
        .map(w -> Instant.ofEpochMilli(Long.parseLong(w.cursor())))
        .orElse(null);
  }
}
