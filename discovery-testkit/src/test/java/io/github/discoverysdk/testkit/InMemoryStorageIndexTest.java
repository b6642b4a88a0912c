package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link InMemoryStorage} promises beyond the {@link StorageContract}: its batch writes are
 * all-or-nothing even outside a transaction, and the indexes behind its batch reads never drift
 * from the opportunities they index, whatever deletes and rollbacks happen. The oracle for the
 * indexes is the feed, which reads the opportunities themselves.
 */
class InMemoryStorageIndexTest {
  private static final String TENANT_A = "tenant-a";
  private static final String TENANT_B = "tenant-b";
  private static final String SOURCE = "index-source";
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

  private final Storage storage = InMemoryStorage.create();

  // ---- saveAll is all or nothing

  @Test
  void aStaleVersionInTheMiddleOfABatchStoresNoneOfTheBatch() {
    Profile p = storage.profiles().save(profile(TENANT_A, "p1"));
    Opportunity v1 = storage.opportunities().save(opportunity(p, "s-0"));
    Opportunity v2 =
        storage
            .opportunities()
            .save(Opportunity.builder().from(v1).status(OpportunityStatus.SAVED).build());
    Opportunity before = opportunity(p, "s-1");
    Opportunity stale = Opportunity.builder().from(v1).status(OpportunityStatus.DISMISSED).build();
    Opportunity after = opportunity(p, "s-2");

    assertThatThrownBy(() -> storage.opportunities().saveAll(List.of(before, stale, after)))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage.opportunities().find(v1.id())).contains(v2);
    for (Opportunity o : List.of(before, after)) {
      assertThat(storage.opportunities().find(o.id())).isEmpty();
      assertThat(storage.opportunities().find(p.id(), o.signalKey())).isEmpty();
      assertThat(storage.opportunities().listBySignal(TENANT_A, o.signalKey())).isEmpty();
    }
    assertThat(feed(TENANT_A)).containsExactly(v2);
    // Nothing of the failed batch is left in an index to block saving it again.
    assertThat(storage.opportunities().saveAll(List.of(before, after)))
        .extracting(Opportunity::version)
        .containsExactly(1L, 1L);
  }

  @Test
  void aDuplicateNaturalKeyInsideABatchStoresNoneOfTheBatch() {
    Profile p = storage.profiles().save(profile(TENANT_A, "p1"));
    Opportunity first = opportunity(p, "s-1");
    Opportunity twin = opportunity(p, "s-1");

    assertThatThrownBy(() -> storage.opportunities().saveAll(List.of(first, twin)))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(feed(TENANT_A)).isEmpty();
    assertThat(storage.opportunities().find(p.id(), key("s-1"))).isEmpty();
  }

  @Test
  void aFailedBatchInsideATransactionUndoesOnlyItsOwnWrites() {
    Profile p = storage.profiles().save(profile(TENANT_A, "p1"));
    Opportunity v1 = storage.opportunities().save(opportunity(p, "s-0"));
    storage.opportunities().save(Opportunity.builder().from(v1).score(Fixtures.score(10)).build());
    Opportunity earlier = opportunity(p, "s-1");
    Opportunity inBatch = opportunity(p, "s-2");

    storage.inTransaction(
        tx -> {
          tx.opportunities().save(earlier);
          assertThatThrownBy(() -> tx.opportunities().saveAll(List.of(inBatch, v1)))
              .isInstanceOf(ConcurrentUpdateException.class);
          return null;
        });

    assertThat(storage.opportunities().find(earlier.id())).isPresent();
    assertThat(storage.opportunities().find(inBatch.id())).isEmpty();
    assertThat(storage.opportunities().listBySignals(TENANT_A, List.of(key("s-1"), key("s-2"))))
        .extracting(Opportunity::id)
        .containsExactly(earlier.id());
  }

  @Test
  void aStaleProfileInTheMiddleOfABatchStoresNoneOfTheBatch() {
    Profile v1 = storage.profiles().save(profile(TENANT_A, "p1"));
    Profile v2 = storage.profiles().save(Profile.builder().from(v1).name("Second").build());
    Profile fresh = profile(TENANT_A, "p0");
    Profile stale = Profile.builder().from(v1).name("Stale").build();
    Profile alsoFresh = profile(TENANT_B, "p2");

    assertThatThrownBy(() -> storage.profiles().saveAll(List.of(fresh, stale, alsoFresh)))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage.profiles().list(TENANT_A)).containsExactly(v2);
    assertThat(storage.profiles().list(TENANT_B)).isEmpty();
    assertThat(storage.profiles().saveAll(List.of(fresh, alsoFresh)))
        .extracting(Profile::version)
        .containsExactly(1L, 1L);
  }

  @Test
  void aNullSignalInABatchStoresNoneOfTheBatch() {
    List<Signal> batch = Arrays.asList(signal("s-1"), null, signal("s-2"));

    assertThatNullPointerException()
        .isThrownBy(() -> storage.signals().upsertAll(TENANT_A, batch))
        .withMessage("signal");

    assertThat(storage.signals().findAll(TENANT_A, List.of(key("s-1"), key("s-2")))).isEmpty();
  }

  // ---- the indexes follow deletes and rollbacks

  @Test
  void deletingAProfileTakesItsOpportunitiesAndSharesOutOfTheIndexes() {
    Profile doomed = storage.profiles().save(profile(TENANT_A, "doomed"));
    Profile kept = storage.profiles().save(profile(TENANT_A, "kept"));
    List<Opportunity> doomedOnes =
        storage
            .opportunities()
            .saveAll(List.of(opportunity(doomed, "s-1"), opportunity(doomed, "s-2")));
    Opportunity keptOne = storage.opportunities().save(opportunity(kept, "s-1"));
    Team team = storage.teams().save(team(TENANT_A, "t1"));
    storage.teams().saveShared(share(doomedOnes.get(0), team));
    storage.teams().saveShared(share(keptOne, team));

    storage.profiles().delete(doomed.id());

    assertThat(storage.opportunities().listBySignals(TENANT_A, List.of(key("s-1"), key("s-2"))))
        .containsExactly(keptOne);
    assertThat(storage.opportunities().listBySignal(TENANT_A, key("s-2"))).isEmpty();
    assertThat(storage.opportunities().find(doomed.id(), key("s-1"))).isEmpty();
    assertThat(storage.teams().listShared(TENANT_A, "t1", 10))
        .extracting(SharedOpportunity::opportunityId)
        .containsExactly(keptOne.id());
    assertIndexesMatchTheFeed(TENANT_A, List.of(key("s-1"), key("s-2")));

    // Born again, the profile gets the same natural keys, and they index like new ones.
    Profile again = storage.profiles().save(Profile.builder().from(doomed).version(0).build());
    Opportunity reborn = storage.opportunities().save(opportunity(again, "s-2"));
    assertThat(storage.opportunities().listBySignal(TENANT_A, key("s-2"))).containsExactly(reborn);
    assertThat(storage.opportunities().find(again.id(), key("s-2"))).contains(reborn);
  }

  @Test
  void aRolledBackTransactionLeavesTheIndexesAsItFoundThem() {
    Profile p1 = storage.profiles().save(profile(TENANT_A, "p1"));
    Profile p2 = storage.profiles().save(profile(TENANT_A, "p2"));
    storage
        .opportunities()
        .saveAll(List.of(opportunity(p1, "s-1"), opportunity(p1, "s-2"), opportunity(p2, "s-1")));
    Opportunity shared = storage.opportunities().find(p2.id(), key("s-1")).orElseThrow();
    Team team = storage.teams().save(team(TENANT_A, "t1"));
    storage.teams().saveShared(share(shared, team));
    List<SignalKey> keys = List.of(key("s-1"), key("s-2"), key("s-3"));
    List<Opportunity> before = storage.opportunities().listBySignals(TENANT_A, keys);

    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      tx.opportunities()
                          .saveAll(List.of(opportunity(p1, "s-3"), opportunity(p2, "s-2")));
                      tx.profiles().delete(p2.id());
                      tx.opportunities().save(opportunity(p1, "s-4"));
                      throw new IllegalStateException("work failed");
                    }))
        .hasMessage("work failed");

    assertThat(storage.opportunities().listBySignals(TENANT_A, keys))
        .containsExactlyElementsOf(before);
    assertThat(storage.opportunities().listBySignal(TENANT_A, key("s-4"))).isEmpty();
    assertThat(storage.opportunities().find(p2.id(), key("s-1"))).contains(shared);
    assertThat(storage.opportunities().find(p1.id(), key("s-3"))).isEmpty();
    assertThat(storage.teams().listShared(TENANT_A, "t1", 10)).hasSize(1);
    assertIndexesMatchTheFeed(TENANT_A, keys);
    // The undone delete put the indexes back too: deleting again removes everything once more.
    assertThat(storage.profiles().delete(p2.id())).isTrue();
    assertThat(storage.opportunities().listBySignal(TENANT_A, key("s-1")))
        .extracting(Opportunity::profileId)
        .containsExactly(p1.id());
    assertThat(storage.teams().listShared(TENANT_A, "t1", 10)).isEmpty();
  }

  // ---- batch reads answer what per-item reads answer

  @Test
  void aKeyGivenTwiceListsItsOpportunitiesOnce() {
    Profile p = storage.profiles().save(profile(TENANT_A, "p1"));
    Opportunity o = storage.opportunities().save(opportunity(p, "s-1"));

    assertThat(storage.opportunities().listBySignals(TENANT_A, List.of(key("s-1"), key("s-1"))))
        .containsExactly(o);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 2L, 3L, 42L})
  void batchReadsEqualPerItemReadsOnARandomWorkload(long seed) {
    Random random = new Random(seed);
    List<String> tenants = List.of(TENANT_A, TENANT_B);
    List<SignalKey> keys = IntStream.range(0, 30).mapToObj(i -> key("s-" + i)).toList();
    for (String tenant : tenants) {
      for (int i = 0; i < 6; i++) {
        storage.profiles().save(profile(tenant, "p" + i));
      }
    }
    for (int step = 0; step < 120; step++) {
      String tenant = tenants.get(random.nextInt(tenants.size()));
      List<Profile> profiles = storage.profiles().list(tenant);
      int action = random.nextInt(10);
      if (action < 5) {
        storage.opportunities().saveAll(batch(random, tenant, profiles, keys));
      } else if (action < 6) {
        upsertSignals(random, tenant, keys);
      } else if (action < 7 && !profiles.isEmpty()) {
        Profile p = profiles.get(random.nextInt(profiles.size()));
        storage.profiles().delete(p.id());
        storage.profiles().save(Profile.builder().from(p).version(0).build());
      } else {
        rollBack(random, tenant, profiles, keys);
      }
      for (String t : tenants) {
        List<SignalKey> asked = sample(random, keys);
        assertIndexesMatchTheFeed(t, asked);
        assertFindAllMatchesFind(t, asked);
      }
    }
    assertThat(feed(TENANT_A)).as("the workload stored something to compare").isNotEmpty();
  }

  private List<Opportunity> batch(
      Random random, String tenant, List<Profile> profiles, List<SignalKey> keys) {
    Map<String, Opportunity> batch = new LinkedHashMap<>();
    for (int i = random.nextInt(12); i > 0; i--) {
      double score = i;
      Profile p = profiles.get(random.nextInt(profiles.size()));
      SignalKey k = keys.get(random.nextInt(keys.size()));
      String natural = p.id().value() + "|" + k;
      Optional<Opportunity> stored = storage.opportunities().find(p.id(), k);
      batch.putIfAbsent(
          natural,
          stored
              .map(o -> Opportunity.builder().from(o).score(Fixtures.score(score)).build())
              .orElseGet(() -> Fixtures.opportunity(p.id(), k, score, T0)));
    }
    return List.copyOf(batch.values());
  }

  private void upsertSignals(Random random, String tenant, List<SignalKey> keys) {
    List<Signal> signals = new ArrayList<>();
    for (SignalKey k : sample(random, keys)) {
      signals.add(signal(k.externalId(), T0.plusSeconds(random.nextInt(1_000))));
    }
    storage.signals().upsertAll(tenant, signals);
  }

  private void rollBack(
      Random random, String tenant, List<Profile> profiles, List<SignalKey> keys) {
    List<Opportunity> batch = batch(random, tenant, profiles, keys);
    Profile doomed = profiles.get(random.nextInt(profiles.size()));
    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      tx.opportunities().saveAll(batch);
                      tx.profiles().delete(doomed.id());
                      upsertSignals(random, tenant, keys);
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");
  }

  private static List<SignalKey> sample(Random random, List<SignalKey> keys) {
    List<SignalKey> out = new ArrayList<>();
    for (int i = random.nextInt(keys.size()); i > 0; i--) {
      out.add(keys.get(random.nextInt(keys.size())));
    }
    out.add(SignalKey.of(SOURCE, "never-stored"));
    return out;
  }

  /**
   * Checks listBySignals, listBySignal and find(profile, key) against the feed, which reads every
   * stored opportunity without an index.
   */
  private void assertIndexesMatchTheFeed(String tenant, List<SignalKey> asked) {
    List<Opportunity> all = feed(tenant);
    List<Opportunity> expected =
        all.stream()
            .filter(o -> asked.contains(o.signalKey()))
            .sorted(Comparator.comparing(o -> o.id().value()))
            .toList();
    List<Opportunity> perItem =
        asked.stream()
            .distinct()
            .flatMap(k -> storage.opportunities().listBySignal(tenant, k).stream())
            .sorted(Comparator.comparing(o -> o.id().value()))
            .toList();

    assertThat(storage.opportunities().listBySignals(tenant, asked))
        .containsExactlyElementsOf(expected);
    assertThat(perItem).containsExactlyElementsOf(expected);
    for (Opportunity o : all) {
      assertThat(storage.opportunities().find(o.profileId(), o.signalKey())).contains(o);
    }
    for (Profile p : storage.profiles().list(tenant)) {
      for (SignalKey k : asked) {
        assertThat(storage.opportunities().find(p.id(), k))
            .isEqualTo(
                expected.stream()
                    .filter(o -> o.profileId().equals(p.id()) && o.signalKey().equals(k))
                    .findFirst());
      }
    }
  }

  private void assertFindAllMatchesFind(String tenant, List<SignalKey> asked) {
    Map<SignalKey, Signal> perItem = new LinkedHashMap<>();
    for (SignalKey k : asked) {
      storage.signals().find(tenant, k).ifPresent(s -> perItem.put(k, s));
    }
    Map<SignalKey, Signal> batch = storage.signals().findAll(tenant, asked);

    assertThat(batch).containsExactlyEntriesOf(perItem);
    assertThatThrownBy(() -> batch.clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  private List<Opportunity> feed(String tenant) {
    List<Opportunity> all = new ArrayList<>();
    FeedQuery query = FeedQuery.forTenant(tenant).limit(FeedQuery.MAX_LIMIT).build();
    while (true) {
      Page<Opportunity> page = storage.opportunities().feed(query);
      all.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      query = FeedQuery.builder().from(query).cursor(page.nextCursor()).build();
    }
  }

  // ---- fixtures

  private static Profile profile(String tenant, String id) {
    return Profile.builder()
        .from(Fixtures.profile(tenant, "Profile " + id))
        .id(ProfileId.of(tenant, id))
        .build();
  }

  private static Opportunity opportunity(Profile p, String externalId) {
    return Fixtures.opportunity(p.id(), key(externalId), 60, T0);
  }

  private static SignalKey key(String externalId) {
    return SignalKey.of(SOURCE, externalId);
  }

  private static Signal signal(String externalId) {
    return signal(externalId, T0);
  }

  private static Signal signal(String externalId, Instant at) {
    return Fixtures.signal(SOURCE, externalId, SignalType.NEWS, "News " + externalId, at);
  }

  private static Team team(String tenant, String id) {
    return Team.builder().tenant(tenant).id(id).name("Team " + id).createdAt(T0).build();
  }

  private static SharedOpportunity share(Opportunity o, Team team) {
    return SharedOpportunity.builder()
        .tenant(o.tenant())
        .teamId(team.id())
        .opportunityId(o.id())
        .sharedBy("u-1")
        .sharedAt(T0)
        .build();
  }
}
