package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage} must have. An implementation proves it by extending this
 * class:
 *
 * <pre>{@code
 * class JdbcStorageTest extends StorageContract {
 *   @Override
 *   protected Storage createStorage() {
 *     return JdbcStorage.h2InMemory();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty storage from {@link #createStorage()}; it is closed afterwards
 * by {@link #closeStorage} when it is {@link AutoCloseable}. Opportunities are always saved after
 * their profile, so a storage may enforce that reference. Not thread-safe itself (JUnit creates one
 * instance per test); its concurrency tests drive the storage from several threads.
 */
public abstract class StorageContract {
  /** The tenant most tests write to. */
  protected static final String TENANT_A = "tenant-a";

  /** Another tenant, which must never see {@link #TENANT_A}'s rows. */
  protected static final String TENANT_B = "tenant-b";

  /** A fixed instant the tests' data is placed around. */
  protected static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

  private static final String SOURCE = StoreSuiteSupport.SOURCE;

  /** The storage under test, fresh for each test. */
  protected Storage storage;

  /** A new, empty storage. Called before each test. */
  protected abstract Storage createStorage();

  /** Releases a storage after its test; the default closes it if it is {@link AutoCloseable}. */
  protected void closeStorage(Storage storage) throws Exception {
    if (storage instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @BeforeEach
  void createStorageUnderTest() {
    storage = createStorage();
    assertThat(storage).as("createStorage()").isNotNull();
  }

  @AfterEach
  void closeStorageUnderTest() throws Exception {
    if (storage != null) {
      closeStorage(storage);
    }
  }

  /**
   * How many read-modify-write updates each of 16 threads makes in {@link
   * #contendedReadModifyWriteUpdatesLoseNothing}; 1,000 by default. A storage on a slow server may
   * lower it.
   */
  protected int contendedUpdatesPerThread() {
    return 1_000;
  }

  /**
   * How many operations each of 8 threads makes in {@link
   * #mixedConcurrentWritesEndOnlyInTypedConflicts}; 1,250 by default (10,000 in all).
   */
  protected int mixedOperationsPerThread() {
    return 1_250;
  }

  /** {@code n} distinct signals of the {@code of} signals "m-0".., in a random order. */
  private static List<Signal> shuffled(java.util.Random random, int of, int n) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < of; i++) {
      ids.add(i);
    }
    java.util.Collections.shuffle(ids, random);
    List<Signal> batch = new ArrayList<>();
    for (int i : ids.subList(0, n)) {
      batch.add(signal("m-" + i, T0.minusSeconds(i)));
    }
    return batch;
  }

  private static OutboxEntry outbox(
      String id, Opportunity o, String sink, String key, Instant due) {
    return OutboxEntry.builder()
        .id(id)
        .tenant(o.tenant())
        .sinkId(sink)
        .kind(DeliveryKind.NEW_ALERT)
        .opportunityId(o.id())
        .dedupeKey(key)
        .nextAttemptAt(due)
        .createdAt(due)
        .updatedAt(due)
        .build();
  }

  /** A signal of the contract's source, published (and observed) at {@code publishedAt}. */
  protected static Signal signal(String externalId, Instant publishedAt) {
    return Fixtures.signal(
        SOURCE, externalId, SignalType.NEWS, "Acme news " + externalId, publishedAt);
  }

  /** The key of {@link #signal(String, Instant)}. */
  protected static SignalKey key(String externalId) {
    return SignalKey.of(SOURCE, externalId);
  }

  /** Saves a new opportunity of a saved profile for the signal {@code externalId}. */
  protected Opportunity saveOpportunity(
      Profile profile, String externalId, double score, Instant publishedAt) {
    return storage
        .opportunities()
        .save(Fixtures.opportunity(profile.id(), key(externalId), score, publishedAt));
  }

  /** Every page of a query, following cursors until the last page. */
  protected List<Page<Opportunity>> readAll(FeedQuery first) {
    List<Page<Opportunity>> pages = new ArrayList<>();
    FeedQuery query = first;
    for (int guard = 0; guard < 1_000; guard++) {
      Page<Opportunity> page = storage.opportunities().feed(query);
      assertThat(page.items().size()).isLessThanOrEqualTo(query.limit());
      pages.add(page);
      if (page.nextCursor().isEmpty()) {
        return pages;
      }
      query = FeedQuery.builder().from(query).cursor(page.nextCursor()).build();
    }
    return fail("the feed did not end after 1000 pages: does a cursor repeat?");
  }

  private static String key(String tenant, String profile) {
    return AnonymousObservation.profileKey(ProfileId.of(tenant, profile));
  }

  private List<OpportunityId> feedIds(FeedQuery.Builder query) {
    return readAll(query.limit(FeedQuery.MAX_LIMIT).build()).stream()
        .flatMap(p -> p.items().stream())
        .map(Opportunity::id)
        .toList();
  }

  private static RunReport run(String tenant, String runId, Instant startedAt) {
    return RunReport.builder()
        .runId(runId)
        .tenant(tenant)
        .startedAt(startedAt)
        .finishedAt(startedAt.plusSeconds(5))
        .status(RunStatus.SUCCEEDED)
        .queriesPlanned(0)
        .queriesExecuted(0)
        .signalsFetched(0)
        .signalsNew(0)
        .signalsChanged(0)
        .signalsUnchanged(0)
        .recordsRejected(0)
        .signalsBackfilled(0)
        .matches(0)
        .opportunitiesNew(0)
        .opportunitiesUpdated(0)
        .opportunitiesUnchanged(0)
        .alertsSent(0)
        .build();
  }

  private static Watermark watermark(String tenant, String queryKey, String cursor) {
    return Watermark.builder()
        .tenant(tenant)
        .sourceId(SOURCE)
        .queryKey(queryKey)
        .cursor(cursor)
        .updatedAt(T0)
        .build();
  }

  /** profiles(). */
  @Nested
  class Profiles extends ProfileStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** signals(). */
  @Nested
  class Signals extends SignalStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** opportunities(): opportunities, the feed and feedback. */
  @Nested
  class Opportunities extends OpportunityStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** runs(): run reports and lifecycle events. */
  @Nested
  class Runs extends RunStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** sourceState(): watermarks, the shared query cache, costs and leases. */
  @Nested
  class SourceState extends SourceStateStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** outbox(). */
  @Nested
  class Outbox extends OutboxStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** teams(). */
  @Nested
  class Teams extends TeamStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** models(). */
  @Nested
  class Models extends ModelStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** tracking(), cross-tenant by design. */
  @Nested
  class Tracking extends TrackingStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** tenant isolation across every store. */
  @Nested
  class TenantIsolation extends TenantIsolationSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** transactions across stores. */
  @Nested
  class Transactions extends TransactionSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** concurrent writers and contention. */
  @Nested
  class Concurrency {

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      Opportunity original = saveOpportunity(profile, "s-1", 60, T0);

      List<Concurrently.Outcome<Opportunity>> outcomes =
          Concurrently.run(
              8,
              i ->
                  () ->
                      storage
                          .opportunities()
                          .save(Opportunity.builder().from(original).title("Writer " + i).build()));

      assertThat(outcomes.stream().filter(Concurrently.Outcome::succeeded)).hasSize(1);
      assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrently.Outcome::failure))
          .hasSize(7)
          .allSatisfy(e -> assertThat(e).isInstanceOf(ConcurrentUpdateException.class));
      Opportunity winner =
          outcomes.stream()
              .filter(Concurrently.Outcome::succeeded)
              .findFirst()
              .orElseThrow()
              .value();
      assertThat(storage.opportunities().find(original.id()))
          .hasValueSatisfying(
              o -> {
                assertThat(o.version()).isEqualTo(original.version() + 1);
                assertThat(o.title()).isEqualTo(winner.title());
              });
    }

    @Test
    void concurrentInsertsOfDistinctOpportunitiesAreAllStored() throws Exception {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      int perThread = 5;

      List<Concurrently.Outcome<List<Opportunity>>> outcomes =
          Concurrently.run(
              8,
              i ->
                  () -> {
                    List<Opportunity> saved = new ArrayList<>();
                    for (int j = 0; j < perThread; j++) {
                      saved.add(saveOpportunity(profile, "t" + i + "-" + j, 50, T0));
                    }
                    return saved;
                  });

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      Set<OpportunityId> inserted =
          outcomes.stream()
              .flatMap(o -> o.value().stream())
              .map(Opportunity::id)
              .collect(Collectors.toSet());
      assertThat(inserted).hasSize(8 * perThread);
      assertThat(feedIds(FeedQuery.forTenant(TENANT_A)))
          .containsExactlyInAnyOrderElementsOf(inserted);
    }

    @Test
    void aNestedTransactionJoinsTheOuterOneAndIsUndoneWithIt() {
      Signal inner = signal("inner", T0);
      Signal outer = signal("outer", T0);
      IllegalStateException failure = new IllegalStateException("outer failed");

      assertThatThrownBy(
              () ->
                  storage.inTransaction(
                      tx -> {
                        tx.signals().upsert(TENANT_A, outer);
                        tx.inTransaction(nested -> nested.signals().upsert(TENANT_A, inner));
                        throw failure;
                      }))
          .isSameAs(failure);

      assertThat(storage.signals().find(TENANT_A, inner.key())).isEmpty();
      assertThat(storage.signals().find(TENANT_A, outer.key())).isEmpty();
    }

    @Test
    void aFailedNestedTransactionUndoesOnlyItsOwnWrites() {
      Signal inner = signal("inner", T0);
      Signal outer = signal("outer", T0);

      storage.inTransaction(
          tx -> {
            tx.signals().upsert(TENANT_A, outer);
            try {
              tx.inTransaction(
                  nested -> {
                    nested.signals().upsert(TENANT_A, inner);
                    throw new IllegalStateException("nested failed");
                  });
            } catch (IllegalStateException expected) {
              // the outer work decides to carry on
            }
            return null;
          });

      assertThat(storage.signals().find(TENANT_A, outer.key())).isPresent();
      assertThat(storage.signals().find(TENANT_A, inner.key())).isEmpty();
    }

    @Test
    void anErrorThrownByTheWorkAlsoRollsBack() {
      Signal signal = signal("s-1", T0);
      AssertionError error = new AssertionError("boom");

      assertThatThrownBy(
              () ->
                  storage.inTransaction(
                      tx -> {
                        tx.signals().upsert(TENANT_A, signal);
                        throw error;
                      }))
          .isSameAs(error);

      assertThat(storage.signals().find(TENANT_A, signal.key())).isEmpty();
    }

    @Test
    void aRolledBackDeleteRestoresTheProfileItsOpportunitiesAndFeedback() {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);
      storage.opportunities().addFeedback(opportunity.id(), Feedback.save());

      assertThatThrownBy(
              () ->
                  storage.inTransaction(
                      tx -> {
                        tx.profiles().delete(profile.id());
                        throw new IllegalStateException("undo");
                      }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(storage.profiles().find(profile.id())).contains(profile);
      assertThat(storage.opportunities().find(profile.id(), key("s-1"))).contains(opportunity);
      assertThat(storage.opportunities().listFeedback(opportunity.id())).hasSize(1);
    }

    @Test
    void aStaleWriteInsideATransactionChangesNothingAndTheTransactionCarriesOn() {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      Opportunity v1 = saveOpportunity(profile, "s-1", 60, T0);
      Opportunity v2 =
          storage
              .opportunities()
              .save(Opportunity.builder().from(v1).status(OpportunityStatus.SAVED).build());

      storage.inTransaction(
          tx -> {
            assertThatThrownBy(
                    () ->
                        tx.opportunities()
                            .save(
                                Opportunity.builder()
                                    .from(v1)
                                    .status(OpportunityStatus.LOST)
                                    .build()))
                .isInstanceOf(ConcurrentUpdateException.class);
            assertThatThrownBy(
                    () ->
                        tx.opportunities()
                            .save(Fixtures.opportunity(profile.id(), key("s-1"), 1, T0)))
                .isInstanceOf(ConcurrentUpdateException.class);
            tx.sourceState().saveWatermark(watermark(TENANT_A, "all", "after-conflict"));
            return null;
          });

      assertThat(storage.opportunities().find(v1.id())).contains(v2);
      assertThat(storage.sourceState().findWatermark(TENANT_A, SOURCE, "all"))
          .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("after-conflict"));
    }

    @Test
    void anOpportunitysProfileAndSignalCannotChange() {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      Opportunity saved = saveOpportunity(profile, "s-1", 60, T0);

      assertThatThrownBy(
              () ->
                  storage
                      .opportunities()
                      .save(Opportunity.builder().from(saved).signalKey(key("s-2")).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cannot change");
      assertThat(storage.opportunities().find(saved.id())).contains(saved);
    }

    @Test
    void contendedReadModifyWriteUpdatesLoseNothing() throws Exception {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      Opportunity original =
          storage
              .opportunities()
              .save(
                  Opportunity.builder()
                      .from(Fixtures.opportunity(profile.id(), key("s-1"), 50, T0))
                      .title("0")
                      .build());
      int threads = 16;
      int perThread = contendedUpdatesPerThread();

      // 16,000 serialised writes take 25 s on MariaDB on an idle 2-core machine and over 60 s under
      // CI load; a hang is still caught, only later.
      List<Concurrently.Outcome<Integer>> outcomes =
          Concurrently.run(
              threads,
              Duration.ofMinutes(5),
              i ->
                  () -> {
                    int conflicts = 0;
                    for (int done = 0; done < perThread; ) {
                      Opportunity current =
                          storage.opportunities().find(original.id()).orElseThrow();
                      int count = Integer.parseInt(current.title());
                      try {
                        storage
                            .opportunities()
                            .save(
                                Opportunity.builder()
                                    .from(current)
                                    .title(Integer.toString(count + 1))
                                    .build());
                        done++;
                      } catch (ConcurrentUpdateException retry) {
                        conflicts++;
                      }
                    }
                    return conflicts;
                  });

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      assertThat(storage.opportunities().find(original.id()))
          .hasValueSatisfying(
              o -> {
                assertThat(o.title()).isEqualTo(Integer.toString(threads * perThread));
                assertThat(o.version()).isEqualTo(1L + threads * perThread);
              });
    }

    /**
     * Test plan DB-6: many writers mixing the engine's kinds of write on overlapping rows, batches
     * in different key orders among them, which is what makes databases deadlock or fail
     * serialisation. Every call ends in success or a typed {@link ConcurrentUpdateException}; a
     * deadlock or serialisation failure never reaches the caller as anything else, and nothing is
     * lost: every signal written is there once, and each opportunity's version counts its
     * successful saves.
     */
    @Test
    void mixedConcurrentWritesEndOnlyInTypedConflicts() throws Exception {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
      int opportunities = 4;
      List<Opportunity> originals = new ArrayList<>();
      for (int i = 0; i < opportunities; i++) {
        originals.add(
            storage
                .opportunities()
                .save(
                    Opportunity.builder()
                        .from(Fixtures.opportunity(profile.id(), key("o-" + i), 50, T0))
                        .title("0")
                        .build()));
      }
      int signals = 24;
      int threads = 8;
      int perThread = mixedOperationsPerThread();
      java.util.concurrent.atomic.AtomicIntegerArray saves =
          new java.util.concurrent.atomic.AtomicIntegerArray(opportunities);

      List<Concurrently.Outcome<Integer>> outcomes =
          Concurrently.run(
              threads,
              Duration.ofMinutes(5),
              t ->
                  () -> {
                    java.util.Random random = new java.util.Random(6_000L + t);
                    int conflicts = 0;
                    for (int op = 0; op < perThread; op++) {
                      try {
                        switch (random.nextInt(6)) {
                          case 0 ->
                              storage.signals().upsertAll(TENANT_A, shuffled(random, signals, 6));
                          case 1 -> {
                            int i = random.nextInt(opportunities);
                            Opportunity current =
                                storage.opportunities().find(originals.get(i).id()).orElseThrow();
                            storage
                                .opportunities()
                                .save(
                                    Opportunity.builder()
                                        .from(current)
                                        .title(
                                            Integer.toString(Integer.parseInt(current.title()) + 1))
                                        .build());
                            saves.incrementAndGet(i);
                          }
                          case 2 ->
                              storage.inTransaction(
                                  tx -> {
                                    // A run's batch: its signals, then its watermark.
                                    tx.signals().upsertAll(TENANT_A, shuffled(random, signals, 4));
                                    tx.sourceState()
                                        .saveWatermark(
                                            Watermark.builder()
                                                .tenant(TENANT_A)
                                                .sourceId(SOURCE)
                                                .queryKey("q-" + random.nextInt(3))
                                                .cursor("c-" + random.nextInt(1_000))
                                                .updatedAt(T0)
                                                .build());
                                    return null;
                                  });
                          case 3 ->
                              storage
                                  .sourceState()
                                  .tryLease(
                                      TENANT_A,
                                      "lease-" + random.nextInt(3),
                                      "node-" + t,
                                      T0.plusSeconds(random.nextInt(600)),
                                      T0.plusSeconds(600 + random.nextInt(600)));
                          case 4 ->
                              storage
                                  .outbox()
                                  .enqueue(
                                      outbox(
                                          "e-" + t + "-" + op,
                                          originals.get(random.nextInt(opportunities)),
                                          "slack",
                                          "key-" + random.nextInt(40),
                                          T0));
                          default ->
                              storage
                                  .sourceState()
                                  .findWatermark(TENANT_A, SOURCE, "q-" + random.nextInt(3));
                        }
                      } catch (ConcurrentUpdateException typed) {
                        conflicts++;
                      }
                    }
                    return conflicts;
                  });

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      assertThat(storage.signals().list(TENANT_A, Instant.EPOCH, 1_000))
          .extracting(s -> s.key().externalId())
          .doesNotHaveDuplicates()
          .hasSize(signals);
      for (int i = 0; i < opportunities; i++) {
        int saved = saves.get(i);
        assertThat(storage.opportunities().find(originals.get(i).id()))
            .hasValueSatisfying(
                o -> {
                  assertThat(o.title()).isEqualTo(Integer.toString(saved));
                  assertThat(o.version()).isEqualTo(1L + saved);
                });
      }
      assertThat(storage.outbox().list(TENANT_A, 1_000))
          .extracting(OutboxEntry::dedupeKey)
          .doesNotHaveDuplicates()
          .hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void concurrentUpsertsOfOneSignalKeepOneRowAndNeverFail() throws Exception {
      Signal signal = signal("same", T0);

      List<Concurrently.Outcome<SignalWrite>> outcomes =
          Concurrently.run(
              32,
              i ->
                  () ->
                      storage
                          .signals()
                          .upsert(
                              TENANT_A,
                              Signal.builder().from(signal).observedAt(T0.plusSeconds(i)).build()));

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      assertThat(outcomes).extracting(Concurrently.Outcome::value).contains(SignalWrite.NEW);
      assertThat(storage.signals().list(TENANT_A, Instant.EPOCH, 100))
          .singleElement()
          .satisfies(s -> assertThat(s.contentHash()).isEqualTo(signal.contentHash()));
    }

    @Test
    void concurrentUpsertsOfOneOpportunityNaturalKeyLeaveExactlyOne() throws Exception {
      Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));

      List<Concurrently.Outcome<Opportunity>> outcomes =
          Concurrently.run(
              32,
              i ->
                  () -> {
                    while (true) {
                      var existing = storage.opportunities().find(profile.id(), key("same"));
                      Opportunity next =
                          existing
                              .map(o -> Opportunity.builder().from(o).title("Writer " + i).build())
                              .orElseGet(
                                  () -> Fixtures.opportunity(profile.id(), key("same"), 50, T0));
                      try {
                        return storage.opportunities().save(next);
                      } catch (ConcurrentUpdateException retry) {
                        // another writer won: read again
                      }
                    }
                  });

      assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
      assertThat(feedIds(FeedQuery.forTenant(TENANT_A))).hasSize(1);
      assertThat(storage.opportunities().find(profile.id(), key("same")))
          .hasValueSatisfying(o -> assertThat(o.version()).isEqualTo(32));
    }
  }

  /** hostile values in every store. */
  @Nested
  class HostileInput {

    /**
     * Quotes, comment markers, statement separators, wildcards, backslashes and characters outside
     * the BMP in every kind of identifier and text: a storage must store them as data and return
     * them unchanged, and they must not act on any query.
     */
    @Test
    void hostileStringsAreStoredAndReadBackVerbatim() {
      // A tenant id is restricted (see Tenants): its most awkward legal form, with SQL wildcards.
      String tenant = "t.a_b%c:d@e-f".replace("%", "_");
      String id = "p' OR '1'='1 /* */ ; --";
      Profile profile =
          storage
              .profiles()
              .save(
                  Profile.builder()
                      .from(Fixtures.profile(tenant, "Robert'); DROP TABLE profiles;--"))
                      .id(ProfileId.of(tenant, id))
                      .owner("o\"wner\\%")
                      .addKeywords("' OR 1=1 --", "\u2028line\nbreak")
                      .build());
      Signal signal =
          Signal.builder()
              .from(
                  Fixtures.signal(
                      "src'\"", "ext%_'; --\ud83d\ude80", SignalType.NEWS, "Title ' \" ;", T0))
              .text("body with 'quotes', \\backslashes\\ and $1 ${x} ?")
              .addIndustries("fin'tech")
              .build();
      Opportunity opportunity =
          storage
              .opportunities()
              .save(
                  Opportunity.builder()
                      .from(
                          Fixtures.opportunity(
                              OpportunityId.of(tenant, "o'pp\"; --"),
                              profile.id(),
                              signal.key(),
                              60,
                              T0))
                      .title("Title ' \" ;")
                      .company("Acme'; DELETE FROM opportunities; --")
                      .build());
      storage
          .opportunities()
          .addFeedback(
              opportunity.id(),
              Feedback.builder()
                  .type(FeedbackType.SAVE)
                  .actor("a'ctor")
                  .note("n\"ote; --")
                  .build());
      storage
          .sourceState()
          .saveWatermark(
              Watermark.builder()
                  .tenant(tenant)
                  .sourceId("src'\"")
                  .queryKey("q' OR ''='")
                  .cursor("c'; --")
                  .updatedAt(T0)
                  .build());

      assertThat(storage.signals().upsert(tenant, signal)).isEqualTo(SignalWrite.NEW);
      assertThat(storage.signals().upsert(tenant, signal)).isEqualTo(SignalWrite.UNCHANGED);
      assertThat(storage.profiles().find(profile.id())).contains(profile);
      assertThat(storage.profiles().list(tenant)).containsExactly(profile);
      assertThat(storage.signals().find(tenant, signal.key())).contains(signal);
      assertThat(storage.opportunities().find(opportunity.id())).contains(opportunity);
      assertThat(storage.opportunities().find(profile.id(), signal.key())).contains(opportunity);
      assertThat(storage.opportunities().feed(FeedQuery.forProfile(profile.id()).build()).items())
          .containsExactly(opportunity);
      assertThat(storage.opportunities().listFeedback(opportunity.id()))
          .singleElement()
          .satisfies(f -> assertThat(f.note()).contains("n\"ote; --"));
      assertThat(storage.sourceState().findWatermark(tenant, "src'\"", "q' OR ''='"))
          .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("c'; --"));
      // Nothing leaked into, or out of, the ordinary tenants.
      assertThat(storage.profiles().list(TENANT_A)).isEmpty();
      assertThat(storage.opportunities().feed(FeedQuery.forTenant(TENANT_A).build()).items())
          .isEmpty();
      assertThat(storage.profiles().delete(profile.id())).isTrue();
      assertThat(storage.opportunities().find(opportunity.id())).isEmpty();
    }

    /**
     * Text a database cannot hold as given (NUL, which PostgreSQL refuses; unpaired UTF-16
     * surrogates, which have no UTF-8 form) and values past each documented maximum are refused
     * when the signal is built, naming the field, so that no store ever fails a batch on one
     * record.
     */
    @Test
    void unstorableOrOversizedSignalValuesAreRefusedNamingTheField() {
      Signal ok = signal("ok", T0);
      java.util.function.BiConsumer<String, Runnable> refused =
          (field, build) ->
              assertThatThrownBy(build::run)
                  .as(field)
                  .isInstanceOf(ValidationException.class)
                  .hasMessageContaining(field);
      refused.accept("signal.title", () -> Signal.builder().from(ok).title("a\u0000b").build());
      refused.accept(
          "signal.text", () -> Signal.builder().from(ok).text("lone \ud83d high").build());
      refused.accept(
          "signal.industries", () -> Signal.builder().from(ok).addIndustries("\ude80").build());
      refused.accept(
          "signal.regions", () -> Signal.builder().from(ok).addRegions("EU\u0000").build());
      refused.accept("signalKey.externalId", () -> SignalKey.of(SOURCE, "ext\u0000"));
      refused.accept("signalKey.sourceId", () -> SignalKey.of("src\udc00", "ext"));
      refused.accept(
          "organization.name",
          () -> OrganizationMention.of("Acme\u0000", OrganizationRole.SUBJECT));
      refused.accept(
          "person.title", () -> PersonMention.builder().name("Jo").title("VP\ud800").build());
      refused.accept(
          "event.location",
          () -> EventDetails.builder().start(T0).location("Berlin\u0000").build());
      // Past each maximum.
      refused.accept(
          "signal.title",
          () -> Signal.builder().from(ok).title("x".repeat(Signal.MAX_TITLE + 1)).build());
      refused.accept(
          "signal.text",
          () -> Signal.builder().from(ok).text("x".repeat(Signal.MAX_TEXT + 1)).build());
      refused.accept(
          "signal.url",
          () ->
              Signal.builder()
                  .from(ok)
                  .url(java.net.URI.create("https://example.com/" + "x".repeat(Signal.MAX_URL)))
                  .build());
      refused.accept(
          "signal.industries",
          () -> Signal.builder().from(ok).addIndustries("x".repeat(Signal.MAX_TAG + 1)).build());
      refused.accept(
          "signal.regions",
          () ->
              Signal.builder()
                  .from(ok)
                  .regions(
                      IntStream.rangeClosed(0, Signal.MAX_TAGS).mapToObj(i -> "r" + i).toList())
                  .build());
      refused.accept(
          "signal.organizations",
          () ->
              Signal.builder()
                  .from(ok)
                  .organizations(
                      IntStream.rangeClosed(0, Signal.MAX_MENTIONS)
                          .mapToObj(
                              i -> OrganizationMention.of("o" + i, OrganizationRole.MENTIONED))
                          .toList())
                  .build());
      refused.accept(
          "signalKey.externalId",
          () -> SignalKey.of(SOURCE, "x".repeat(SignalKey.MAX_EXTERNAL_ID + 1)));
      refused.accept(
          "signalKey.sourceId", () -> SignalKey.of("x".repeat(SignalKey.MAX_SOURCE_ID + 1), "e"));
      refused.accept(
          "organization.name",
          () -> OrganizationMention.of("x".repeat(301), OrganizationRole.SUBJECT));
      refused.accept(
          "person.employer",
          () -> PersonMention.builder().name("Jo").employer("x".repeat(301)).build());
      refused.accept(
          "event.location",
          () -> EventDetails.builder().start(T0).location("x".repeat(501)).build());

      assertThat(storage.signals().list(TENANT_A, Instant.EPOCH, 10)).isEmpty();
    }

    /**
     * Characters outside the BMP (4-byte UTF-8, such as emoji) and every value at its documented
     * maximum, in a signal's every field: stored by upsert and by batch, and read back unchanged.
     */
    @Test
    void fourByteCharactersAndValuesAtEachMaximumAreStoredExactly() {
      String rocket = "\ud83d\ude80";
      String emojiTitle = rocket.repeat(Signal.MAX_TITLE / 2);
      String text = ("é" + rocket + "x").repeat(Signal.MAX_TEXT / 4);
      Signal atMax =
          Signal.builder()
              .key(
                  SignalKey.of(
                      "s".repeat(SignalKey.MAX_SOURCE_ID - 2) + rocket,
                      rocket.repeat(SignalKey.MAX_EXTERNAL_ID / 2)))
              .type(SignalType.EVENT)
              .title(emojiTitle)
              .text(text)
              .url(java.net.URI.create("https://example.com/" + "u".repeat(Signal.MAX_URL - 20)))
              .publishedAt(T0)
              .observedAt(T0)
              .event(EventDetails.builder().start(T0).location(rocket.repeat(250)).build())
              .industries(
                  IntStream.range(0, Signal.MAX_TAGS)
                      .mapToObj(i -> String.format("%03d", i) + rocket.repeat(98) + "i")
                      .toList())
              .regions(
                  IntStream.range(0, Signal.MAX_TAGS)
                      .mapToObj(i -> String.format("%03d", i) + "r".repeat(Signal.MAX_TAG - 3))
                      .toList())
              .organizations(
                  IntStream.range(0, Signal.MAX_MENTIONS)
                      .mapToObj(
                          i ->
                              OrganizationMention.builder()
                                  .name(i + rocket.repeat(145))
                                  .role(OrganizationRole.MENTIONED)
                                  .domain("d" + i + ".example.com")
                                  .build())
                      .toList())
              .people(
                  IntStream.range(0, Signal.MAX_MENTIONS)
                      .mapToObj(
                          i ->
                              PersonMention.builder()
                                  .name(i + "p".repeat(290))
                                  .title("t".repeat(300))
                                  .employer(rocket.repeat(150))
                                  .build())
                      .toList())
              .build();
      Signal other =
          Signal.builder()
              .from(signal("other", T0))
              .title("Ünïcödé " + rocket + " \ud834\udd1e \u2028 \u0001 \uffff")
              .build();
      String tenant = "t".repeat(Tenants.MAX_LENGTH);

      assertThat(storage.signals().upsert(tenant, atMax)).isEqualTo(SignalWrite.NEW);
      assertThat(storage.signals().upsertAll(tenant, List.of(atMax, other)))
          .containsExactly(SignalWrite.UNCHANGED, SignalWrite.NEW);

      assertThat(storage.signals().find(tenant, atMax.key())).contains(atMax);
      assertThat(storage.signals().find(tenant, other.key())).contains(other);
      assertThat(storage.signals().findAll(tenant, List.of(atMax.key(), other.key())))
          .hasSize(2)
          .containsValues(atMax, other);
      Profile profile =
          storage
              .profiles()
              .save(
                  Profile.builder()
                      .from(Fixtures.profile(tenant, rocket + " watch"))
                      .id(ProfileId.of(tenant, rocket + "-p"))
                      .build());
      assertThat(storage.profiles().find(profile.id())).contains(profile);
    }
  }
}
