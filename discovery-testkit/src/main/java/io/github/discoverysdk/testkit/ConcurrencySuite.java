package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SignalWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of concurrent writers and contention.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Concurrency} against the storage of its {@link StorageContract#createStorage()};
 * never extend this class directly.
 */
public abstract class ConcurrencySuite extends StoreSuiteSupport {
  ConcurrencySuite() {}

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

  @Test
  void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity original = saveOpportunity(profile, "s-1", 60, T0);

    List<Concurrently.Outcome<Opportunity>> outcomes =
        Concurrently.run(
            8,
            i ->
                () ->
                    storage()
                        .opportunities()
                        .save(Opportunity.builder().from(original).title("Writer " + i).build()));

    assertThat(outcomes.stream().filter(Concurrently.Outcome::succeeded)).hasSize(1);
    assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Concurrently.Outcome::failure))
        .hasSize(7)
        .allSatisfy(e -> assertThat(e).isInstanceOf(ConcurrentUpdateException.class));
    Opportunity winner =
        outcomes.stream().filter(Concurrently.Outcome::succeeded).findFirst().orElseThrow().value();
    assertThat(storage().opportunities().find(original.id()))
        .hasValueSatisfying(
            o -> {
              assertThat(o.version()).isEqualTo(original.version() + 1);
              assertThat(o.title()).isEqualTo(winner.title());
            });
  }

  @Test
  void concurrentInsertsOfDistinctOpportunitiesAreAllStored() throws Exception {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
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
                storage()
                    .inTransaction(
                        tx -> {
                          tx.signals().upsert(TENANT_A, outer);
                          tx.inTransaction(nested -> nested.signals().upsert(TENANT_A, inner));
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(storage().signals().find(TENANT_A, inner.key())).isEmpty();
    assertThat(storage().signals().find(TENANT_A, outer.key())).isEmpty();
  }

  @Test
  void aFailedNestedTransactionUndoesOnlyItsOwnWrites() {
    Signal inner = signal("inner", T0);
    Signal outer = signal("outer", T0);

    storage()
        .inTransaction(
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

    assertThat(storage().signals().find(TENANT_A, outer.key())).isPresent();
    assertThat(storage().signals().find(TENANT_A, inner.key())).isEmpty();
  }

  @Test
  void anErrorThrownByTheWorkAlsoRollsBack() {
    Signal signal = signal("s-1", T0);
    AssertionError error = new AssertionError("boom");

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.signals().upsert(TENANT_A, signal);
                          throw error;
                        }))
        .isSameAs(error);

    assertThat(storage().signals().find(TENANT_A, signal.key())).isEmpty();
  }

  @Test
  void aRolledBackDeleteRestoresTheProfileItsOpportunitiesAndFeedback() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);
    storage().opportunities().addFeedback(opportunity.id(), Feedback.save());

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.profiles().delete(profile.id());
                          throw new IllegalStateException("undo");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(storage().profiles().find(profile.id())).contains(profile);
    assertThat(storage().opportunities().find(profile.id(), key("s-1"))).contains(opportunity);
    assertThat(storage().opportunities().listFeedback(opportunity.id())).hasSize(1);
  }

  @Test
  void aStaleWriteInsideATransactionChangesNothingAndTheTransactionCarriesOn() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity v1 = saveOpportunity(profile, "s-1", 60, T0);
    Opportunity v2 =
        storage()
            .opportunities()
            .save(Opportunity.builder().from(v1).status(OpportunityStatus.SAVED).build());

    storage()
        .inTransaction(
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

    assertThat(storage().opportunities().find(v1.id())).contains(v2);
    assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, "all"))
        .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("after-conflict"));
  }

  @Test
  void anOpportunitysProfileAndSignalCannotChange() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity saved = saveOpportunity(profile, "s-1", 60, T0);

    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .save(Opportunity.builder().from(saved).signalKey(key("s-2")).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot change");
    assertThat(storage().opportunities().find(saved.id())).contains(saved);
  }

  @Test
  void contendedReadModifyWriteUpdatesLoseNothing() throws Exception {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity original =
        storage()
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(Fixtures.opportunity(profile.id(), key("s-1"), 50, T0))
                    .title("0")
                    .build());
    int threads = 16;
    int perThread = contract().contendedUpdatesPerThread();

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
                        storage().opportunities().find(original.id()).orElseThrow();
                    int count = Integer.parseInt(current.title());
                    try {
                      storage()
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
    assertThat(storage().opportunities().find(original.id()))
        .hasValueSatisfying(
            o -> {
              assertThat(o.title()).isEqualTo(Integer.toString(threads * perThread));
              assertThat(o.version()).isEqualTo(1L + threads * perThread);
            });
  }

  /**
   * Test plan DB-6: many writers mixing the engine's kinds of write on overlapping rows, batches in
   * different key orders among them, which is what makes databases deadlock or fail serialisation.
   * Every call ends in success or a typed {@link ConcurrentUpdateException}; a deadlock or
   * serialisation failure never reaches the caller as anything else, and nothing is lost: every
   * signal written is there once, and each opportunity's version counts its successful saves.
   */
  @Test
  void mixedConcurrentWritesEndOnlyInTypedConflicts() throws Exception {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    int opportunities = 4;
    List<Opportunity> originals = new ArrayList<>();
    for (int i = 0; i < opportunities; i++) {
      originals.add(
          storage()
              .opportunities()
              .save(
                  Opportunity.builder()
                      .from(Fixtures.opportunity(profile.id(), key("o-" + i), 50, T0))
                      .title("0")
                      .build()));
    }
    int signals = 24;
    int threads = 8;
    int perThread = contract().mixedOperationsPerThread();
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
                            storage().signals().upsertAll(TENANT_A, shuffled(random, signals, 6));
                        case 1 -> {
                          int i = random.nextInt(opportunities);
                          Opportunity current =
                              storage().opportunities().find(originals.get(i).id()).orElseThrow();
                          storage()
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
                            storage()
                                .inTransaction(
                                    tx -> {
                                      // A run's batch: its signals, then its watermark.
                                      tx.signals()
                                          .upsertAll(TENANT_A, shuffled(random, signals, 4));
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
                            storage()
                                .sourceState()
                                .tryLease(
                                    TENANT_A,
                                    "lease-" + random.nextInt(3),
                                    "node-" + t,
                                    T0.plusSeconds(random.nextInt(600)),
                                    T0.plusSeconds(600 + random.nextInt(600)));
                        case 4 ->
                            storage()
                                .outbox()
                                .enqueue(
                                    outbox(
                                        "e-" + t + "-" + op,
                                        originals.get(random.nextInt(opportunities)),
                                        "slack",
                                        "key-" + random.nextInt(40),
                                        T0));
                        default ->
                            storage()
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
    assertThat(storage().signals().list(TENANT_A, Instant.EPOCH, 1_000))
        .extracting(s -> s.key().externalId())
        .doesNotHaveDuplicates()
        .hasSize(signals);
    for (int i = 0; i < opportunities; i++) {
      int saved = saves.get(i);
      assertThat(storage().opportunities().find(originals.get(i).id()))
          .hasValueSatisfying(
              o -> {
                assertThat(o.title()).isEqualTo(Integer.toString(saved));
                assertThat(o.version()).isEqualTo(1L + saved);
              });
    }
    assertThat(storage().outbox().list(TENANT_A, 1_000))
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
                    storage()
                        .signals()
                        .upsert(
                            TENANT_A,
                            Signal.builder().from(signal).observedAt(T0.plusSeconds(i)).build()));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes).extracting(Concurrently.Outcome::value).contains(SignalWrite.NEW);
    assertThat(storage().signals().list(TENANT_A, Instant.EPOCH, 100))
        .singleElement()
        .satisfies(s -> assertThat(s.contentHash()).isEqualTo(signal.contentHash()));
  }

  @Test
  void concurrentUpsertsOfOneOpportunityNaturalKeyLeaveExactlyOne() throws Exception {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));

    List<Concurrently.Outcome<Opportunity>> outcomes =
        Concurrently.run(
            32,
            i ->
                () -> {
                  while (true) {
                    var existing = storage().opportunities().find(profile.id(), key("same"));
                    Opportunity next =
                        existing
                            .map(o -> Opportunity.builder().from(o).title("Writer " + i).build())
                            .orElseGet(
                                () -> Fixtures.opportunity(profile.id(), key("same"), 50, T0));
                    try {
                      return storage().opportunities().save(next);
                    } catch (ConcurrentUpdateException retry) {
                      // another writer won: read again
                    }
                  }
                });

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(feedIds(FeedQuery.forTenant(TENANT_A))).hasSize(1);
    assertThat(storage().opportunities().find(profile.id(), key("same")))
        .hasValueSatisfying(o -> assertThat(o.version()).isEqualTo(32));
  }
}
