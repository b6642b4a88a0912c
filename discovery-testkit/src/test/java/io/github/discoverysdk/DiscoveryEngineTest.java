package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingOpportunityStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryEngineTest {
  private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  private final MutableClock clock = MutableClock.at(START);
  private final InMemoryStorage memory = InMemoryStorage.create();
  private final ScriptedSource news = ScriptedSource.feed("news");
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void closeEngines() {
    engines.forEach(DiscoveryEngine::close);
  }

  private DiscoveryEngine engine(Storage storage, ScriptedSource... sources) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock);
    for (ScriptedSource s : sources) {
      b.addSource(s);
    }
    DiscoveryEngine engine = b.build();
    engines.add(engine);
    return engine;
  }

  private static Profile profile(String tenant, String id, String... companies) {
    Profile.Builder b =
        Profile.builder().tenant(tenant).id(ProfileId.of(tenant, id)).owner("u-1").name(id);
    for (String c : companies) {
      b.addWatchlist(Company.of(c));
    }
    return b.build();
  }

  private Signal signal(String source, String id, String title, String... sponsors) {
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(source, id))
            .type(SignalType.NEWS)
            .title(title)
            .text("Story " + id)
            .publishedAt(clock.instant().minus(Duration.ofHours(6)))
            .observedAt(clock.instant());
    for (String s : sponsors) {
      b.addOrganizations(OrganizationMention.of(s, OrganizationRole.SPONSOR));
    }
    return b.build();
  }

  private static List<Opportunity> all(DiscoveryEngine engine, FeedQuery.Builder query) {
    List<Opportunity> out = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<Opportunity> page = engine.feed(query.cursor(cursor).build());
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return out;
  }

  @Test
  void discoveryTurnsMatchingSignalsIntoScoredExplainedOpportunities() {
    DiscoveryEngine engine = engine(memory, news);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe", "Adyen"));
    news.publish(
        signal("news", "n1", "Stripe opens Dublin hub"),
        signal("news", "n2", "Summit sponsors announced", "Adyen N.V."),
        signal("news", "n3", "Apple pie recipe wins award"));

    RunReport run = engine.discover(p.id());

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.signalsFetched()).isEqualTo(3);
    assertThat(run.signalsNew()).isEqualTo(3);
    assertThat(run.opportunitiesNew()).isEqualTo(2);
    List<Opportunity> feed = all(engine, FeedQuery.forProfile(p.id()));
    assertThat(feed).extracting(o -> o.company().orElseThrow()).containsExactly("Adyen", "Stripe");
    Opportunity adyen = feed.get(0);
    assertThat(adyen.matches())
        .anySatisfy(m -> assertThat(m.target()).isEqualTo(MatchTarget.WATCHLIST));
    assertThat(adyen.score().factors()).isNotEmpty();
    assertThat(adyen.score().reasons()).anyMatch(r -> r.contains("Watchlist company Adyen"));
    assertThat(adyen.temporal().outreachDate()).isPresent();
    assertThat(adyen.status()).isEqualTo(OpportunityStatus.NEW);
    assertThat(engine.runs("acme", 10)).extracting(RunReport::runId).containsExactly(run.runId());
  }

  @Test
  void rerunningDiscoveryCreatesNoDuplicateOpportunities() {
    DiscoveryEngine engine = engine(memory, news);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe"));
    news.publish(signal("news", "n1", "Stripe opens Dublin hub"));
    engine.discover(p.id());

    // The source re-emits the same item (same key, same content) and nothing else.
    news.publish(signal("news", "n1", "Stripe opens Dublin hub"));
    clock.advance(Duration.ofHours(1));
    RunReport second = engine.discover(p.id());
    RunReport third = engine.discoverAll("acme");

    assertThat(second.opportunitiesNew()).isZero();
    assertThat(second.opportunitiesUpdated()).isZero();
    assertThat(second.signalsUnchanged()).isEqualTo(1);
    assertThat(third.opportunitiesNew()).isZero();
    assertThat(all(engine, FeedQuery.forProfile(p.id()))).hasSize(1);
  }

  @Test
  void aChangedSignalUpdatesItsOpportunityInPlaceAndKeepsTheUsersStatus() {
    DiscoveryEngine engine = engine(memory, news);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe"));
    news.publish(signal("news", "n1", "Stripe opens Dublin hub"));
    engine.discover(p.id());
    Opportunity before = all(engine, FeedQuery.forProfile(p.id())).get(0);
    engine.feedback(before.id(), Feedback.save());

    news.publish(signal("news", "n1", "Stripe opens Dublin hub with 300 jobs"));
    RunReport run = engine.discover(p.id());

    assertThat(run.signalsChanged()).isEqualTo(1);
    assertThat(run.opportunitiesUpdated()).isEqualTo(1);
    Opportunity after = engine.findOpportunity(before.id()).orElseThrow();
    assertThat(after.title()).isEqualTo("Stripe opens Dublin hub with 300 jobs");
    assertThat(after.status()).isEqualTo(OpportunityStatus.SAVED);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(all(engine, FeedQuery.forProfile(p.id()))).hasSize(1);
  }

  @Test
  void aStorageFailureMidRunKeepsTheWatermarkAndTheNextRunRecoversEverything() {
    AtomicInteger failAfter = new AtomicInteger(1);
    Storage flaky =
        new ForwardingStorage(memory) {
          @Override
          protected Storage wrapTransaction(Storage tx) {
            return new ForwardingStorage(tx) {
              @Override
              public OpportunityStore opportunities() {
                return new ForwardingOpportunityStore(super.opportunities()) {
                  @Override
                  public Opportunity save(Opportunity o) {
                    if (failAfter.getAndDecrement() == 0) {
                      throw new StorageException("disk full");
                    }
                    return super.save(o);
                  }

                  // The run writes a batch at once: the disk fills up after the batch's first
                  // opportunity was written, which the transaction must then undo.
                  @Override
                  public List<Opportunity> saveAll(List<Opportunity> batch) {
                    List<Opportunity> out = new ArrayList<>();
                    for (Opportunity o : batch) {
                      out.add(save(o));
                    }
                    return out;
                  }
                };
              }
            };
          }
        };
    DiscoveryEngine engine = engine(flaky, news);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe", "Adyen", "Klarna"));
    news.publish(
        signal("news", "n1", "Stripe news"),
        signal("news", "n2", "Adyen news"),
        signal("news", "n3", "Klarna news"));

    RunReport failed = engine.discover(p.id());

    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.errors())
        .anyMatch(e -> e.contains("disk full") && e.contains("watermark kept"));
    assertThat(failed.opportunitiesNew()).isZero();
    assertThat(memory.sourceState().findWatermark("acme", "news", "all")).isEmpty();
    assertThat(memory.signals().find("acme", SignalKey.of("news", "n1"))).isEmpty();
    assertThat(all(engine, FeedQuery.forProfile(p.id()))).isEmpty();

    failAfter.set(Integer.MAX_VALUE);
    RunReport recovered = engine.discover(p.id());

    assertThat(recovered.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(recovered.opportunitiesNew()).isEqualTo(3);
    assertThat(all(engine, FeedQuery.forProfile(p.id()))).hasSize(3);
    assertThat(memory.sourceState().findWatermark("acme", "news", "all")).isPresent();
  }

  @Test
  void everyReadIsScopedByTenant() {
    DiscoveryEngine engine = engine(memory, news);
    Profile a = engine.profiles().save(profile("tenant-a", "shared-id", "Stripe"));
    Profile b = engine.profiles().save(profile("tenant-b", "b1", "Adyen"));
    news.publish(
        signal("news", "n1", "Stripe and Adyen partner"), signal("news", "n2", "Stripe expands"));
    engine.discoverAll("tenant-a");
    engine.discoverAll("tenant-b");
    Page<Opportunity> pageA = engine.feed(FeedQuery.forTenant("tenant-a").limit(1).build());
    Opportunity oppA = pageA.items().get(0);

    ProfileId aIdUnderB = ProfileId.of("tenant-b", a.id().value());
    OpportunityId oppAUnderB = OpportunityId.of("tenant-b", oppA.id().value());
    assertThat(engine.profiles().find(aIdUnderB)).isEmpty();
    assertThatThrownBy(() -> engine.discover(aIdUnderB)).isInstanceOf(NotFoundException.class);
    assertThat(engine.profiles().list("tenant-b")).extracting(Profile::id).containsExactly(b.id());
    assertThat(engine.findOpportunity(oppAUnderB)).isEmpty();
    assertThatThrownBy(() -> engine.feedback(oppAUnderB, Feedback.save()))
        .isInstanceOf(NotFoundException.class);
    assertThat(engine.profiles().delete(aIdUnderB)).isFalse();
    List<Opportunity> feedB = all(engine, FeedQuery.forTenant("tenant-b"));
    assertThat(feedB).extracting(Opportunity::tenant).containsOnly("tenant-b");
    assertThat(feedB).extracting(o -> o.company().orElseThrow()).containsExactly("Adyen");
    // A cursor is only a position: used by tenant B it never yields tenant A's rows.
    Page<Opportunity> withCursorOfA =
        engine.feed(FeedQuery.forTenant("tenant-b").cursor(pageA.nextCursor()).build());
    assertThat(withCursorOfA.items()).isSubsetOf(feedB);
    assertThat(engine.runs("tenant-b", 10)).extracting(RunReport::tenant).containsOnly("tenant-b");
  }

  @Test
  void anInvalidProfileIsRejectedWithAMessageNamingTheField() {
    DiscoveryEngine engine = engine(memory, news);
    assertThatThrownBy(
            () ->
                engine
                    .profiles()
                    .save(
                        Profile.builder()
                            .from(profile("acme", "p1", "Stripe"))
                            .minConfidence(-0.1)
                            .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("minConfidence");
  }

  @Test
  void aStaleProfileUpdateFailsAndChangesNothing() {
    DiscoveryEngine engine = engine(memory, news);
    Profile v1 = engine.profiles().save(profile("acme", "p1", "Stripe"));
    engine.profiles().save(Profile.builder().from(v1).name("renamed").build());

    assertThatThrownBy(
            () -> engine.profiles().save(Profile.builder().from(v1).name("stale").build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(engine.profiles().get(v1.id()).name()).isEqualTo("renamed");
  }

  @Test
  void aMalformedRecordIsSkippedCountedAndLoggedOnceWhileOthersProceed() throws IOException {
    ScriptedSource jobs = ScriptedSource.feed("jobs");
    ScriptedSource broken = ScriptedSource.feed("broken");
    DiscoveryEngine engine = engine(memory, news, jobs, broken);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe", "Adyen"));
    news.reject("n-bad-1", "publishedAt: 'next tuesday' is not a time");
    news.reject("n-bad-2", "type: 'WEBINARR' is unknown");
    news.publish(signal("news", "n1", "Stripe opens Dublin hub"));
    jobs.publish(signal("jobs", "j1", "Adyen hiring VP Sales"));
    broken.failNext(new java.net.SocketTimeoutException("read timed out"));

    RunReport run;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      run = engine.discover(p.id());
    } finally {
      System.setErr(originalErr);
    }

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.recordsRejected()).isEqualTo(2);
    assertThat(run.opportunitiesNew()).isEqualTo(2);
    assertThat(run.sources())
        .filteredOn(s -> s.sourceId().equals("news"))
        .singleElement()
        .satisfies(s -> assertThat(s.recordsRejected()).isEqualTo(2));
    assertThat(run.sources())
        .filteredOn(s -> s.sourceId().equals("broken"))
        .singleElement()
        .satisfies(s -> assertThat(s.errors()).isEqualTo(1));
    assertThat(run.errors())
        .anyMatch(e -> e.contains("source 'broken'") && e.contains("read timed out"));
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log.lines().filter(l -> l.contains("malformed record")).count()).isEqualTo(1);
    assertThat(log).contains("source 'news', record 'n-bad-1'");
  }

  @Test
  void feedFiltersSortsAndKeysetPagingReturnEachItemExactlyOnce() {
    DiscoveryEngine engine = engine(memory, news);
    List<String> companies = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      companies.add("Company" + i);
    }
    Profile p = engine.profiles().save(profile("acme", "p1", companies.toArray(String[]::new)));
    for (int i = 0; i < 23; i++) {
      Signal s = signal("news", "n" + i, "Company" + i + " news");
      if (i % 3 == 0) {
        s =
            Signal.builder()
                .from(s)
                .type(SignalType.EVENT)
                .event(EventDetails.builder().start(START.plus(Duration.ofDays(5 + i))).build())
                .build();
      }
      news.publish(s);
    }
    engine.discover(p.id());

    for (FeedSort sort : FeedSort.values()) {
      List<Opportunity> items = all(engine, FeedQuery.forProfile(p.id()).sortBy(sort).limit(4));
      assertThat(items).hasSize(23);
      Set<OpportunityId> ids = new HashSet<>();
      items.forEach(o -> assertThat(ids.add(o.id())).as("duplicate %s", o.id()).isTrue());
    }
    List<Opportunity> events =
        all(engine, FeedQuery.forProfile(p.id()).addTypes(SignalType.EVENT).limit(3));
    assertThat(events).hasSize(8).allMatch(o -> o.signalType() == SignalType.EVENT);
    List<Opportunity> byScore = all(engine, FeedQuery.forProfile(p.id()).limit(5));
    assertThat(byScore)
        .extracting(o -> o.score().total())
        .isSortedAccordingTo((x, y) -> Double.compare(y, x));
  }

  @Test
  void feedbackChangesStatusAndIsStored() {
    DiscoveryEngine engine = engine(memory, news);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe"));
    news.publish(signal("news", "n1", "Stripe opens Dublin hub"));
    engine.discover(p.id());
    Opportunity o = all(engine, FeedQuery.forProfile(p.id())).get(0);
    clock.advance(Duration.ofMinutes(5));

    Opportunity dismissed = engine.feedback(o.id(), Feedback.dismiss(DismissReason.NOT_RELEVANT));

    assertThat(dismissed.status()).isEqualTo(OpportunityStatus.DISMISSED);
    assertThat(engine.findOpportunity(o.id()).orElseThrow().status())
        .isEqualTo(OpportunityStatus.DISMISSED);
    assertThat(engine.feedbackOf(o.id()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(FeedbackType.DISMISS);
              assertThat(f.dismissReason()).contains(DismissReason.NOT_RELEVANT);
              assertThat(f.at()).contains(clock.instant());
            });
    assertThat(
            engine
                .feed(FeedQuery.forProfile(p.id()).addStatuses(OpportunityStatus.NEW).build())
                .items())
        .isEmpty();
    assertThatThrownBy(() -> engine.feedback(OpportunityId.of("acme", "missing"), Feedback.save()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void profilesAskingTheSameQueryShareOneFetch() {
    ScriptedSource search = ScriptedSource.search("search");
    DiscoveryEngine engine = engine(memory, search);
    engine.profiles().save(profile("acme", "p1", "Stripe", "Adyen"));
    engine.profiles().save(profile("acme", "p2", "Stripe"));
    engine.profiles().save(profile("acme", "p3", "Adyen", "Stripe"));
    search.publish(signal("search", "s1", "Stripe and Adyen in Europe"));

    RunReport run = engine.discoverAll("acme");

    assertThat(run.queriesPlanned()).isEqualTo(5);
    assertThat(run.queriesExecuted()).isEqualTo(2);
    assertThat(search.calls()).isEqualTo(2);
    assertThat(all(engine, FeedQuery.forTenant("acme"))).hasSize(3);
  }

  @Test
  void aProfileCreatedAfterTheWatermarkMovedStillSeesStoredSignals() {
    DiscoveryEngine engine = engine(memory, news);
    Profile first = engine.profiles().save(profile("acme", "p1", "Stripe"));
    news.publish(signal("news", "n1", "Stripe and Adyen partner"));
    engine.discover(first.id());

    Profile late = engine.profiles().save(profile("acme", "p2", "Adyen"));
    RunReport run = engine.discover(late.id());

    assertThat(run.signalsFetched()).isZero();
    assertThat(run.signalsBackfilled()).isEqualTo(1);
    assertThat(run.opportunitiesNew()).isEqualTo(1);
    assertThat(all(engine, FeedQuery.forProfile(late.id())))
        .extracting(o -> o.company().orElseThrow())
        .containsExactly("Adyen");
    assertThat(engine.discover(late.id()).signalsBackfilled()).isZero();
  }

  @Test
  void strongWatchlistMatchesRaiseAlertsAndAFailingSinkDoesNotBreakTheRun() {
    List<Alert> received = new CopyOnWriteArrayList<>();
    AlertSink recording =
        new AlertSink() {
          @Override
          public String id() {
            return "recording";
          }

          @Override
          public void deliver(Alert alert) {
            received.add(alert);
          }
        };
    AlertSink failing =
        new AlertSink() {
          @Override
          public String id() {
            return "failing";
          }

          @Override
          public void deliver(Alert alert) throws Exception {
            throw new IOException("webhook down");
          }
        };
    DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(memory)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addSource(news)
            .addAlertSink(failing)
            .addAlertSink(recording)
            .build();
    engines.add(engine);
    Profile p = engine.profiles().save(profile("acme", "p1", "Stripe"));
    news.publish(
        signal("news", "n1", "Summit sponsors", "Stripe, Inc."),
        signal("news", "n2", "Payments roundup", "Other"));

    RunReport run = engine.discover(p.id());

    assertThat(run.opportunitiesNew()).isEqualTo(1);
    assertThat(run.alertsSent()).isEqualTo(1);
    // The failing sink's delivery waits in the outbox for its retry; the run is not affected.
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(engine.outbox("acme", 10))
        .filteredOn(e -> e.sinkId().equals("failing"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(io.github.discoverysdk.model.OutboxStatus.PENDING);
              assertThat(e.lastError()).contains("IOException: webhook down");
            });
    assertThat(received)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NEW);
              assertThat(a.opportunity().company()).contains("Stripe");
            });
  }

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(() -> DiscoveryEngine.builder().allowSystemCalls().storage(memory).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scorer is required");
    assertThatThrownBy(
            () -> DiscoveryEngine.builder().allowSystemCalls().addSource(news).addSource(news))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("a source with id 'news' is already registered");
  }
}
