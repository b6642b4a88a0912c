package io.github.discoverysdk.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.SinkRecordState;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MemorySearchIndex;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  /** A CRM in memory: the record of each opportunity is the headline it was last pushed with. */
  static final class FakeCrm implements OpportunitySink {
    final Map<OpportunityId, String> records = new ConcurrentHashMap<>();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicReference<Exception> failNext = new AtomicReference<>();
    volatile CountDownLatch lookupEntered;
    volatile CountDownLatch lookupMayReturn;

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity o, Profile profile) throws Exception {
      Exception failure = failNext.getAndSet(null);
      if (failure != null) {
        throw failure;
      }
      accepted.incrementAndGet();
      records.put(o.id(), o.title());
    }

    @Override
    public SinkRecordState lookup(Opportunity o) throws Exception {
      if (lookupEntered != null) {
        lookupEntered.countDown();
        lookupMayReturn.await(30, TimeUnit.SECONDS);
      }
      String r = records.get(o.id());
      return r == null
          ? SinkRecordState.MISSING
          : r.equals(o.title()) ? SinkRecordState.MATCHES : SinkRecordState.DIFFERENT;
    }
  }

  final MutableClock clock = MutableClock.at(T0);
  final InMemoryStorage storage = InMemoryStorage.create();
  final ScriptedSource news = ScriptedSource.feed("news");
  final FakeCrm crm = new FakeCrm();
  final List<Finding> heard = new CopyOnWriteArrayList<>();
  DiscoveryEngine engine;
  Opportunity pushed;

  @BeforeEach
  void discoverAndPush() {
    engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(news)
            .scorer(Scoring.defaults())
            .addOpportunitySink(crm)
            .pushWhen("crm", (o, p) -> true)
            .clock(clock)
            .build();
    news.publish(signal(T0.minus(Duration.ofHours(1))));
    Profile p = engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
    engine.discover(p.id());
    pushed =
        engine
            .feed(io.github.discoverysdk.model.FeedQuery.forProfile(p.id()).build())
            .items()
            .get(0);
    assertThat(crm.accepted).hasValue(1);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private static Signal signal(Instant at) {
    return Signal.builder()
        .from(
            Fixtures.signal(
                "news",
                "s1",
                SignalType.NEWS,
                "Stripe raises a new round",
                T0.minus(Duration.ofHours(1)),
                OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)))
        .observedAt(at)
        .build();
  }

  private ReconciliationBuilder job() {
    return Reconciliation.builder()
        .storage(storage)
        .clock(clock)
        .opportunitySinks(List.of(crm))
        .dispatchWith(engine::dispatch)
        .addListener(heard::add);
  }

  private List<OutboxEntry> pushes() {
    return storage.outbox().list("acme", 100).stream()
        .filter(e -> e.kind() == DeliveryKind.PUSH)
        .toList();
  }

  @Test
  void aCrmRecordDeletedAfterItsPushIsPushedAgainOnceFromTheSameEntry() {
    crm.records.clear();
    Reconciliation job = job().build();

    ReconcileReport report = job.run("acme");

    assertThat(report.ran()).isTrue();
    assertThat(report.of(FindingKind.CRM_MISSING))
        .singleElement()
        .satisfies(f -> assertThat(f.repaired()).isTrue())
        .satisfies(f -> assertThat(f.subject()).isEqualTo(pushed.id().value()));
    assertThat(crm.records).containsKey(pushed.id());
    assertThat(crm.accepted).hasValue(2);
    assertThat(pushes())
        .singleElement()
        .extracting(OutboxEntry::status)
        .isEqualTo(OutboxStatus.SENT);
    assertThat(heard).containsExactlyElementsOf(report.findings());

    assertThat(job.run("acme").findings()).as("repaired: nothing found again").isEmpty();
    engine.dispatch();
    assertThat(crm.accepted).as("no duplicate delivery").hasValue(2);
  }

  @Test
  void aCrmRecordEditedAfterItsPushIsFoundDifferentAndWrittenAgain() {
    crm.records.put(pushed.id(), "someone renamed it");

    ReconcileReport report = job().build().run("acme");

    assertThat(report.countsByKind()).containsExactly(Map.entry(FindingKind.CRM_DIFFERENT, 1));
    assertThat(crm.records).containsEntry(pushed.id(), pushed.title());
    assertThat(crm.accepted).hasValue(2);
    assertThat(pushes()).hasSize(1);
  }

  @Test
  void aSinkWithoutLookupIsSkippedAndAFailingLookupIsReportedNotThrown() {
    OpportunitySink blind =
        new OpportunitySink() {
          @Override
          public String id() {
            return "crm";
          }

          @Override
          public void accept(Opportunity o, Profile p) {}
        };
    crm.records.clear();
    assertThat(
            Reconciliation.builder()
                .storage(storage)
                .clock(clock)
                .opportunitySinks(List.of(blind))
                .build()
                .run("acme")
                .findings())
        .isEmpty();

    OpportunitySink broken =
        new OpportunitySink() {
          @Override
          public String id() {
            return "crm";
          }

          @Override
          public void accept(Opportunity o, Profile p) {}

          @Override
          public SinkRecordState lookup(Opportunity o) {
            throw new IllegalStateException("CRM down");
          }
        };
    ReconcileReport report =
        Reconciliation.builder()
            .storage(storage)
            .clock(clock)
            .opportunitySinks(List.of(broken))
            .build()
            .run("acme");
    assertThat(report.findings()).isEmpty();
    assertThat(report.errors())
        .singleElement()
        .asString()
        .contains("crm")
        .contains("IllegalStateException");
  }

  @Test
  void aStuckPendingEntryIsRequeuedAndDeliveredOnce() {
    Opportunity o = storage.opportunities().find(pushed.id()).orElseThrow();
    OutboxEntry stuck =
        OutboxEntry.builder()
            .id("stuck-1")
            .tenant("acme")
            .sinkId("crm")
            .kind(DeliveryKind.PUSH)
            .opportunityId(o.id())
            .dedupeKey("manual-push-1")
            .nextAttemptAt(T0)
            .createdAt(T0)
            .updatedAt(T0)
            .build();
    storage.outbox().enqueue(stuck);
    clock.advance(Duration.ofMinutes(30));
    assertThat(job().build().run("acme").findings()).as("not yet past the threshold").isEmpty();
    assertThat(crm.accepted).hasValue(1);

    clock.advance(Duration.ofMinutes(31));
    ReconcileReport report = job().build().run("acme");

    assertThat(report.of(FindingKind.OUTBOX_STUCK))
        .singleElement()
        .satisfies(f -> assertThat(f.subject()).isEqualTo("stuck-1"))
        .satisfies(f -> assertThat(f.since()).isEqualTo(T0))
        .satisfies(f -> assertThat(f.repaired()).isTrue());
    assertThat(crm.accepted).hasValue(2);
    assertThat(storage.outbox().find("acme", "stuck-1").orElseThrow().status())
        .isEqualTo(OutboxStatus.SENT);
    assertThat(job().build().run("acme").findings()).isEmpty();
    assertThat(crm.accepted).hasValue(2);
  }

  @Test
  void aDeadEntryIsReportedPastTheThresholdWithTheSameKeyEveryRun() {
    Opportunity o = storage.opportunities().find(pushed.id()).orElseThrow();
    crm.failNext.set(new SinkException("portal rejected it", true));
    engine.push(o.id(), "crm"); // already pushed in this version: queue a manual entry instead
    OutboxEntry manual =
        OutboxEntry.builder()
            .id("dead-1")
            .tenant("acme")
            .sinkId("crm")
            .kind(DeliveryKind.PUSH)
            .opportunityId(o.id())
            .dedupeKey("manual-push-2")
            .nextAttemptAt(T0)
            .createdAt(T0)
            .updatedAt(T0)
            .build();
    storage.outbox().enqueue(manual);
    engine.dispatch();
    assertThat(storage.outbox().find("acme", "dead-1").orElseThrow().status())
        .isEqualTo(OutboxStatus.DEAD);
    clock.advance(Duration.ofHours(2));

    ReconcileReport first = job().build().run("acme");
    ReconcileReport second = job().build().run("acme");

    assertThat(first.of(FindingKind.OUTBOX_DEAD))
        .singleElement()
        .satisfies(f -> assertThat(f.repaired()).isFalse())
        .satisfies(f -> assertThat(f.detail()).contains("portal rejected it"));
    assertThat(second.of(FindingKind.OUTBOX_DEAD))
        .extracting(Finding::key)
        .containsExactlyElementsOf(
            first.of(FindingKind.OUTBOX_DEAD).stream().map(Finding::key).toList());
    assertThat(crm.accepted).hasValue(1);
  }

  @Test
  void aSearchIndexBehindStorageIsReindexed() {
    MemorySearchIndex index = new MemorySearchIndex();
    SearchSync sync = new SearchSync(storage, index);

    ReconcileReport report = job().searchSync(sync).build().run("acme");

    assertThat(report.of(FindingKind.SEARCH_BEHIND))
        .singleElement()
        .satisfies(f -> assertThat(f.repaired()).isTrue());
    assertThat(sync.reconcile("acme")).as("caught up").isZero();
    assertThat(job().searchSync(sync).build().run("acme").findings()).isEmpty();
  }

  @Test
  void aTrackedSignalNeverRefreshedIsFoundAndRefreshed() {
    clock.advance(Duration.ofHours(3));
    news.publish(signal(clock.instant()));
    ReconciliationBuilder job = job().sources(List.of(news)).refreshStaleAfter(Duration.ofHours(2));

    ReconcileReport found = job.build().run("acme");
    assertThat(found.of(FindingKind.SIGNAL_NOT_REFRESHED))
        .singleElement()
        .satisfies(f -> assertThat(f.subject()).isEqualTo("news:s1"))
        .satisfies(f -> assertThat(f.repaired()).isFalse());

    ReconcileReport repaired = job.refreshWith(engine::refresh).build().run("acme");
    assertThat(repaired.of(FindingKind.SIGNAL_NOT_REFRESHED))
        .singleElement()
        .satisfies(f -> assertThat(f.repaired()).isTrue());
    assertThat(job.build().run("acme").findings()).isEmpty();
  }

  @Test
  void aReviewCardLeftOpenTooLongIsReported() {
    storage
        .reviews()
        .save(
            ReviewCard.builder()
                .opportunityId(pushed.id())
                .accountId(Optional.empty())
                .createdAt(T0)
                .updatedAt(T0)
                .build());
    clock.advance(Duration.ofHours(5));

    ReconcileReport report = job().reviewStuckAfter(Duration.ofHours(4)).build().run("acme");

    assertThat(report.of(FindingKind.REVIEW_STUCK))
        .singleElement()
        .satisfies(f -> assertThat(f.since()).isEqualTo(T0))
        .satisfies(f -> assertThat(f.detail()).contains("NEW"));
  }

  @Test
  void theLeaseKeepsTwoConcurrentRunsFromBothWorking() throws Exception {
    crm.lookupEntered = new CountDownLatch(1);
    crm.lookupMayReturn = new CountDownLatch(1);
    crm.records.clear();
    Reconciliation a = job().owner("engine-a").build();
    Reconciliation b = job().owner("engine-b").build();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<ReconcileReport> first = executor.submit(() -> a.run("acme"));
      assertThat(crm.lookupEntered.await(30, TimeUnit.SECONDS)).isTrue();

      ReconcileReport second = b.run("acme");
      crm.lookupMayReturn.countDown();
      ReconcileReport firstReport = first.get(30, TimeUnit.SECONDS);

      assertThat(second.ran()).isFalse();
      assertThat(second.findings()).isEmpty();
      assertThat(firstReport.ran()).isTrue();
      assertThat(firstReport.of(FindingKind.CRM_MISSING)).hasSize(1);
      assertThat(crm.accepted).as("one repair, one delivery").hasValue(2);
      assertThat(b.run("acme").ran()).as("the lease was given back").isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aFailingListenerNeitherStopsTheRunNorTheOtherListeners() {
    crm.records.clear();
    ReconcileReport report =
        job()
            .addListener(
                f -> {
                  throw new IllegalStateException("pager down");
                })
            .build()
            .run("acme");

    assertThat(report.of(FindingKind.CRM_MISSING)).hasSize(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  void aScheduledJobReconcilesEveryTenantUntilCancelled() throws Exception {
    crm.records.clear();
    CountDownLatch twice = new CountDownLatch(2);
    List<ReconcileReport> reports = new CopyOnWriteArrayList<>();
    Reconciliation job =
        job()
            .addListener(
                new ReconcileListener() {
                  @Override
                  public void onFinding(Finding finding) {}

                  @Override
                  public void onFinished(ReconcileReport report) {
                    reports.add(report);
                    twice.countDown();
                  }
                })
            .build();
    java.util.concurrent.ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor();
    try {
      java.util.concurrent.ScheduledFuture<?> f = job.schedule(executor, Duration.ofMillis(1));
      assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
      f.cancel(false);
    } finally {
      executor.shutdownNow();
    }
    assertThat(reports).extracting(ReconcileReport::tenant).contains("acme");
    assertThat(reports.get(0).of(FindingKind.CRM_MISSING)).hasSize(1);
    assertThat(crm.accepted).as("the repair happened once").hasValue(2);
  }

  @Test
  void badSettingsFailAtOnceNamingTheValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Reconciliation.builder().outboxStuckAfter(Duration.ofMinutes(-5)))
        .isInstanceOf(io.github.discoverysdk.ValidationException.class)
        .hasMessageContaining("outboxStuckAfter must be positive, was PT-5M");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Reconciliation.builder().build())
        .hasMessageContaining("storage is required");
  }
}
