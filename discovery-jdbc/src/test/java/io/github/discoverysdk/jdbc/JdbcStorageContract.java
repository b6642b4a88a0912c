package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.storage.FeedSupport;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.StorageContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The storage contract plus what only a SQL storage must prove, run on each dialect by a subclass
 * that supplies its database. Each test starts from an empty database of its own class.
 */
abstract class JdbcStorageContract extends StorageContract {
  /** Appears in every hostile value, so that SQL text can be searched for it. */
  private static final String MARKER = "ZQX";

  private RecordingDataSource recording;

  /** The class's database, migrated once. */
  abstract TestDatabase database();

  @Override
  protected Storage createStorage() {
    try {
      database().empty();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not empty the test database", e);
    }
    recording = new RecordingDataSource(database().dataSource());
    return JdbcStorage.builder().dataSource(recording).build();
  }

  @Override
  protected int contendedUpdatesPerThread() {
    return Integer.getInteger("discovery.test.contendedUpdates", defaultContendedUpdates());
  }

  /** 1,000 per thread unless a server dialect's subclass says less. */
  int defaultContendedUpdates() {
    return 1_000;
  }

  JdbcStorage jdbc() {
    return (JdbcStorage) storage;
  }

  /** Every SQL text this test's storage has handed to the driver so far. */
  List<String> recordedSql() {
    return recording.sql();
  }

  /** The statements of audit(), accounts() and reviews(). */
  @Nested
  class ReviewStatements extends JdbcReviewStatements {
    @Override
    JdbcStorageContract contract() {
      return JdbcStorageContract.this;
    }
  }

  @Nested
  class DealStatements extends JdbcDealStatements {
    @Override
    JdbcStorageContract contract() {
      return JdbcStorageContract.this;
    }
  }

  @Test
  void theDialectIsDetectedFromTheMetadataAndCanBeOverridden() {
    assertThat(jdbc().dialect()).isEqualTo(database().dialect());
    Dialect other = database().dialect() == Dialect.H2 ? Dialect.POSTGRESQL : Dialect.H2;
    assertThat(
            JdbcStorage.builder()
                .dataSource(database().dataSource())
                .dialect(other)
                .build()
                .dialect())
        .isEqualTo(other);
  }

  /**
   * A newer version is committed by another writer after this transaction last looked (on MariaDB,
   * whose REPEATABLE READ keeps the transaction's first snapshot, the batch's own read still sees
   * the old row): the upsert statement itself must keep the newer row.
   */
  @Test
  void aNewerVersionCommittedMeanwhileIsNotReplacedByAnOlderOne() throws Exception {
    Signal first = signal("race", T0);
    Signal older =
        Signal.builder().from(first).title("Older").observedAt(T0.plusSeconds(60)).build();
    Signal newer =
        Signal.builder().from(first).title("Newer").observedAt(T0.plusSeconds(120)).build();
    storage.signals().upsert(TENANT_A, first);

    storage.inTransaction(
        tx -> {
          assertThat(tx.signals().find(TENANT_A, first.key())).isPresent();
          try {
            java.util.concurrent.CompletableFuture.runAsync(
                    () -> storage.signals().upsert(TENANT_A, newer))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          tx.signals().upsertAll(TENANT_A, List.of(older, signal("other", T0)));
          return null;
        });

    assertThat(storage.signals().find(TENANT_A, first.key()))
        .hasValueSatisfying(
            s -> {
              assertThat(s.title()).isEqualTo("Newer");
              assertThat(s.observedAt()).isEqualTo(newer.observedAt());
            });
  }

  @Test
  void migratingAMigratedDatabaseAgainChangesNothing() throws Exception {
    assertThat(jdbc().migrate()).isZero();
    assertThat(jdbc().migrate()).isZero();

    try (Connection c = database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM discovery_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Migrator.MIGRATIONS.size());
    }
  }

  @Test
  void noCallerStringEverReachesSqlText() {
    // A tenant id allows no quotes (see Tenants); every other string here carries them.
    String tenant = MARKER + "-t";
    Profile profile =
        storage
            .profiles()
            .save(
                Profile.builder()
                    .from(Fixtures.profile(tenant, MARKER + " name'"))
                    .id(ProfileId.of(tenant, MARKER + "-p' OR '1'='1"))
                    .build());
    Signal signal =
        Fixtures.signal(
            MARKER + "-src'", MARKER + "-ext'; --", SignalType.NEWS, MARKER + " title'", T0);
    storage.signals().upsertAll(tenant, List.of(signal, signal));
    Signal other =
        Fixtures.signal(
            MARKER + "-src'", MARKER + "-other'\"; --", SignalType.NEWS, MARKER + "'", T0);
    assertThat(storage.signals().upsertAll(tenant, List.of(signal, other)))
        .containsExactly(SignalWrite.UNCHANGED, SignalWrite.NEW);
    assertThat(storage.signals().find(tenant, other.key())).contains(other);
    storage.signals().find(tenant, signal.key());
    storage.signals().list(tenant, Instant.EPOCH, 10);
    List<Opportunity> saved = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      saved.add(
          storage
              .opportunities()
              .save(
                  Opportunity.builder()
                      .from(
                          Fixtures.opportunity(
                              OpportunityId.of(tenant, MARKER + "-o'" + i),
                              profile.id(),
                              key(MARKER + "'" + i),
                              40 + i * 10,
                              T0))
                      .company(MARKER + " company'")
                      .build()));
    }
    storage
        .opportunities()
        .save(Opportunity.builder().from(saved.get(0)).status(OpportunityStatus.SAVED).build());
    storage
        .opportunities()
        .addFeedback(
            saved.get(1).id(), Feedback.builder().from(Feedback.save()).note(MARKER + "'").build());
    storage.opportunities().listFeedback(saved.get(1).id());
    for (FeedSort sort : FeedSort.values()) {
      readAll(
          FeedQuery.forProfile(profile.id())
              .sortBy(sort)
              .addStatuses(OpportunityStatus.NEW, OpportunityStatus.SAVED)
              .addTypes(SignalType.NEWS)
              .addStrengths(SignalStrength.MEDIUM, SignalStrength.STRONG)
              .minScore(10)
              .limit(2)
              .build());
    }
    storage
        .sourceState()
        .saveWatermark(
            Watermark.builder()
                .tenant(tenant)
                .sourceId(MARKER + "'")
                .queryKey(MARKER + "'")
                .cursor(MARKER + "'")
                .updatedAt(T0)
                .build());
    storage.sourceState().findWatermark(tenant, MARKER + "'", MARKER + "'");
    storage.opportunities().find(profile.id(), signal.key());
    storage.opportunities().listBySignal(tenant, signal.key());
    storage
        .opportunities()
        .listBefore(
            tenant,
            T0.plusSeconds(1),
            Set.of(OpportunityStatus.ARCHIVED, OpportunityStatus.DISMISSED),
            10);
    storage
        .runs()
        .save(
            RunReport.builder()
                .runId(MARKER + "-run'")
                .tenant(tenant)
                .startedAt(T0)
                .finishedAt(T0.plusSeconds(5))
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
                .addErrors(MARKER + "'")
                .build());
    storage.runs().list(tenant, T0.minusSeconds(1), T0.plusSeconds(1));
    storage
        .runs()
        .addLifecycleEvent(
            LifecycleEvent.builder()
                .tenant(tenant)
                .signalKey(signal.key())
                .detectedAt(T0)
                .runId(MARKER + "-run'")
                .addChanges(LifecycleChange.of(ChangeKind.TITLE_CHANGED, MARKER + "'", "a'", "b'"))
                .build());
    storage.runs().listLifecycleEvents(tenant, signal.key());
    storage.profiles().tenants();
    storage
        .sourceState()
        .tryLease(tenant, MARKER + "-lease'", MARKER + "-owner'", T0, T0.plusSeconds(60));
    storage
        .sourceState()
        .tryLease(tenant, MARKER + "-lease'", MARKER + "-other'", T0, T0.plusSeconds(60));
    CachedResult cachedResult =
        CachedResult.builder()
            .sourceId(MARKER + "-src'")
            .queryKey(MARKER + "-q' OR '1'='1")
            .cursor(MARKER + "-c'\"; --" + "x".repeat(2_000))
            .addSignals(signal)
            .nextCursor(MARKER + "-next'")
            .storedAt(T0)
            .expiresAt(T0.plusSeconds(60))
            .build();
    storage.sourceState().saveCachedResult(cachedResult);
    storage.sourceState().saveCachedResult(cachedResult);
    assertThat(
            storage
                .sourceState()
                .findCachedResult(
                    cachedResult.sourceId(), cachedResult.queryKey(), cachedResult.cursor(), T0))
        .contains(cachedResult);
    storage.sourceState().deleteExpiredResults(T0.plusSeconds(60));
    CostEntry cost =
        CostEntry.builder()
            .tenant(tenant)
            .sourceId(MARKER + "-src'")
            .queryKey(MARKER + "-q'")
            .at(T0)
            .cacheHit(false)
            .cost(0.5)
            .addProfileIds(MARKER + "-p'", MARKER + "\"")
            .build();
    storage.sourceState().addCost(cost);
    assertThat(storage.sourceState().listCosts(tenant, T0, T0.plusSeconds(1)))
        .containsExactly(cost);
    TrackedSubject tracked = TrackedSubject.signal(signal.key());
    TrackingObservation observation =
        TrackingObservation.of(profile.id(), tracked, T0, MARKER + " industry'");
    storage.tracking().record(observation);
    storage.tracking().record(observation);
    assertThat(storage.tracking().list(List.of(tracked), T0))
        .containsExactly(AnonymousObservation.of(observation));
    assertThat(storage.tracking().list(T0, 10))
        .containsExactly(AnonymousObservation.of(observation));
    List<Opportunity> batch =
        List.of(
            Opportunity.builder().from(saved.get(2)).title(MARKER + " batch'").build(),
            Fixtures.opportunity(
                OpportunityId.of(tenant, MARKER + "-batch'"), profile.id(), other.key(), 50, T0));
    storage.opportunities().saveAll(batch);
    storage.opportunities().listBySignals(tenant, List.of(signal.key(), other.key()));
    assertThat(storage.signals().findAll(tenant, List.of(signal.key(), other.key())))
        .containsOnlyKeys(signal.key(), other.key());
    Profile second =
        Profile.builder()
            .from(Fixtures.profile(tenant, MARKER + " second'"))
            .id(ProfileId.of(tenant, MARKER + "-p2'"))
            .build();
    storage
        .profiles()
        .saveAll(List.of(second, Profile.builder().from(profile).name(MARKER + "'").build()));
    storage.profiles().list(tenant);
    storage.profiles().delete(profile.id());
    assertThat(storage.tracking().list(List.of(tracked), T0)).isEmpty();
    storage.tracking().deleteBefore(T0);

    assertThat(recording.sql())
        .isNotEmpty()
        .allSatisfy(
            sql -> {
              assertThat(sql).doesNotContain(MARKER).doesNotContain("'").doesNotContain("\"");
            });
  }

  @Test
  void longCursorsThatDifferOnlyAtTheirEndAreCachedApartAndReadBackWhole() {
    String prefix = "cursor-" + "\u00e9".repeat(5_000);
    List<CachedResult> results = new ArrayList<>();
    for (String end : List.of("a", "b")) {
      CachedResult r =
          CachedResult.builder()
              .sourceId("src")
              .queryKey("q")
              .cursor(prefix + end)
              .addSignals(signal("s-" + end, T0))
              .storedAt(T0)
              .expiresAt(T0.plusSeconds(60))
              .build();
      storage.sourceState().saveCachedResult(r);
      results.add(r);
    }

    for (CachedResult r : results) {
      assertThat(storage.sourceState().findCachedResult("src", "q", r.cursor(), T0)).contains(r);
    }
    assertThat(storage.sourceState().findCachedResult("src", "q", prefix, T0)).isEmpty();
    assertThat(storage.sourceState().deleteExpiredResults(T0.plusSeconds(60))).isEqualTo(2);
  }

  @Test
  void aForgedCursorIsRejectedBeforeAnySqlIsBuilt() {
    Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
    saveOpportunity(profile, "s-1", 50, T0);
    String forged =
        FeedSupport.encodeCursor(FeedSort.DATE, new FeedSupport.SortKey(0, 0, "x') OR 1=1 --"));
    int statements = recording.sql().size();
    int connections = recording.connections();

    for (String cursor : List.of(forged, "'; DROP TABLE discovery_opportunity; --", "%%%")) {
      assertThatThrownBy(
              () ->
                  storage
                      .opportunities()
                      .feed(
                          FeedQuery.forTenant(TENANT_A)
                              .sortBy(FeedSort.RELEVANCE)
                              .cursor(cursor)
                              .build()))
          .isInstanceOf(ValidationException.class);
    }

    assertThat(recording.sql()).hasSize(statements);
    assertThat(recording.connections()).isEqualTo(connections);
  }

  @Test
  void aValueTooLongForItsColumnIsAValidationError() {
    Watermark tooLong =
        Watermark.builder()
            // The tenant is bounded by the model (Tenants); the source id only by its column.
            .tenant("t")
            .sourceId("s".repeat(101))
            .queryKey("q")
            .cursor("c")
            .updatedAt(T0)
            .build();

    assertThatThrownBy(() -> storage.sourceState().saveWatermark(tooLong))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("SQLState");
  }

  @Test
  void anOpportunityOfAnUnsavedProfileIsNotFound() {
    Opportunity orphan =
        Fixtures.opportunity(ProfileId.of(TENANT_A, "never-saved"), key("s"), 50, T0);

    assertThatThrownBy(() -> storage.opportunities().save(orphan))
        .isInstanceOf(io.github.discoverysdk.NotFoundException.class)
        .hasMessageContaining("never-saved");
  }

  @Test
  void instantsAreKeptToTheMicrosecondAndTheReturnedValueMatchesTheStoredOne() {
    Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
    Instant precise = Instant.parse("2025-01-15T10:00:00.123456789Z");
    Opportunity saved =
        storage
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(Fixtures.opportunity(profile.id(), key("s-1"), 50, precise))
                    .build());

    assertThat(saved.createdAt()).isEqualTo(Instant.parse("2025-01-15T10:00:00.123456Z"));
    assertThat(storage.opportunities().find(saved.id())).contains(saved);
  }

  @Test
  void theTransactionViewCannotBeUsedAfterItsWorkEnded() {
    AtomicReference<Storage> leaked = new AtomicReference<>();
    storage.inTransaction(
        tx -> {
          leaked.set(tx);
          return null;
        });

    assertThatThrownBy(() -> leaked.get().profiles().list(TENANT_A))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("transaction has ended");
  }

  /** Values that array literals, JSON and CSV quote or escape, in one batch of distinct keys. */
  @Test
  void aBatchOfDistinctKeysStoresAwkwardValuesExactly() {
    Instant micros = T0.plusNanos(123_456_000);
    List<Signal> batch =
        List.of(
            Signal.builder()
                .from(signal("NULL", micros))
                .title("NULL")
                .text("{\"a\\b\", c} 'q' \\N \n\ttab ünï 𝄞")
                .url(java.net.URI.create("https://example.com/a?b=c&d=%7Be%7D,x&n=NULL"))
                .event(
                    EventDetails.builder()
                        .start(micros)
                        .end(micros.plusSeconds(3_600))
                        .location("Hall \"B\", {1}")
                        .build())
                .addOrganizations(OrganizationMention.of("Acme, \"Inc\"", OrganizationRole.SPONSOR))
                .addPeople(PersonMention.builder().name("O'Neil {x}").title("CEO").build())
                .addIndustries("NULL", "a,b")
                .addRegions("{}", "\\")
                .build(),
            Signal.builder().from(signal("{\"x,y\"}", T0)).text("").build(),
            Signal.builder().from(signal("s-3", Instant.parse("0001-01-01T00:00:00Z"))).build(),
            Signal.builder()
                .from(signal("s-4", Instant.parse("9999-12-31T23:59:59.999999Z")))
                .build());

    assertThat(storage.signals().upsertAll(TENANT_A, batch))
        .containsExactly(SignalWrite.NEW, SignalWrite.NEW, SignalWrite.NEW, SignalWrite.NEW);
    for (Signal s : batch) {
      assertThat(storage.signals().find(TENANT_A, s.key())).contains(s);
    }
    assertThat(storage.signals().upsertAll(TENANT_A, batch))
        .containsOnly(SignalWrite.UNCHANGED)
        .hasSize(batch.size());
  }

  /**
   * A batch of distinct keys larger than one IN list, mixing new, changed, unchanged, unchanged but
   * observed later and unchanged but observed earlier signals: each is judged as on its own, and
   * only a later observation moves an unchanged signal's observedAt.
   */
  @Test
  void aLargeMixedBatchIsJudgedSignalBySignal() {
    List<Signal> first = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      first.add(signal("m-" + i, T0.minusSeconds(i)));
    }
    storage.signals().upsertAll(TENANT_A, first);

    List<Signal> second = new ArrayList<>();
    List<SignalWrite> expected = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      if (i >= 1_200) {
        second.add(signal("m-" + i, T0.minusSeconds(i)));
        expected.add(SignalWrite.NEW);
        continue;
      }
      Signal s = first.get(i);
      switch (i % 4) {
        case 0 -> {
          second.add(Signal.builder().from(s).title("Changed " + i).build());
          expected.add(SignalWrite.CHANGED);
        }
        case 1 -> {
          second.add(s);
          expected.add(SignalWrite.UNCHANGED);
        }
        case 2 -> {
          second.add(Signal.builder().from(s).observedAt(s.observedAt().plusSeconds(60)).build());
          expected.add(SignalWrite.UNCHANGED);
        }
        default -> {
          second.add(Signal.builder().from(s).observedAt(s.observedAt().minusSeconds(60)).build());
          expected.add(SignalWrite.UNCHANGED);
        }
      }
    }
    // Reversed, so that the order of the answers is not the order of the keys.
    java.util.Collections.reverse(second);
    java.util.Collections.reverse(expected);

    assertThat(storage.signals().upsertAll(TENANT_A, second)).containsExactlyElementsOf(expected);
    for (int i = 0; i < 1_500; i++) {
      Signal sent = second.get(1_499 - i);
      Signal stored = storage.signals().find(TENANT_A, sent.key()).orElseThrow();
      if (i < 1_200 && i % 4 == 3) {
        assertThat(stored).isEqualTo(first.get(i));
      } else {
        assertThat(stored).isEqualTo(sent);
      }
    }
  }

  @Test
  void aWatermarkCommitsOnlyWithTheDataItCovers() {
    Signal signal = signal("s-1", T0);
    Watermark mark =
        Watermark.builder()
            .tenant(TENANT_A)
            .sourceId("contract-source")
            .queryKey("all")
            .cursor("42")
            .updatedAt(T0)
            .build();

    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      tx.signals().upsertAll(TENANT_A, List.of(signal));
                      tx.sourceState().saveWatermark(mark);
                      throw new IllegalStateException("crash before commit");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(storage.sourceState().findWatermark(TENANT_A, "contract-source", "all")).isEmpty();
    assertThat(storage.signals().find(TENANT_A, signal.key())).isEmpty();

    storage.inTransaction(
        tx -> {
          tx.signals().upsertAll(TENANT_A, List.of(signal));
          tx.sourceState().saveWatermark(mark);
          return null;
        });
    assertThat(storage.sourceState().findWatermark(TENANT_A, "contract-source", "all")).isPresent();
    assertThat(storage.signals().find(TENANT_A, signal.key())).contains(signal);
  }

  @Test
  void deepPagesOfALargerFeedFollowTheComparatorExactly() {
    Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "Deep"));
    List<Opportunity> saved = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      saved.add(saveOpportunity(profile, "d-" + i, (i * 37) % 100, T0.minusSeconds(i % 13)));
    }

    for (FeedSort sort : FeedSort.values()) {
      List<Opportunity> read =
          readAll(FeedQuery.forTenant(TENANT_A).sortBy(sort).limit(7).build()).stream()
              .flatMap(p -> p.items().stream())
              .toList();
      assertThat(read)
          .as("order of %s", sort)
          .containsExactlyElementsOf(saved.stream().sorted(FeedSupport.comparator(sort)).toList());
    }
    Page<Opportunity> last =
        storage.opportunities().feed(FeedQuery.forTenant(TENANT_A).limit(500).build());
    assertThat(last.nextCursor()).isEmpty();
  }

  @Test
  void theChangesOfAnOpportunityAreKeptInOrderWithTheirTimeToTheMicrosecond() {
    Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity first = saveOpportunity(profile, "s-1", 50, T0);
    assertThat(first.changes()).isEmpty();
    assertThat(storage.opportunities().find(first.id())).contains(first);

    Opportunity changed =
        storage
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(first)
                    .addChanges(
                        "Moved later: 2025-02-01 to 2025-02-15", "Venue changed: \"Hall\" ✓")
                    .changedAt(Instant.parse("2025-01-16T08:00:00.123456789Z"))
                    .build());

    assertThat(changed.changedAt()).contains(Instant.parse("2025-01-16T08:00:00.123456Z"));
    assertThat(storage.opportunities().find(first.id())).contains(changed);
    assertThat(storage.opportunities().listBySignal(TENANT_A, key("s-1"))).containsExactly(changed);
    assertThat(storage.opportunities().listBefore(TENANT_A, T0.plusSeconds(1), Set.of(), 10))
        .containsExactly(changed);
  }

  @Test
  void aLeaseExpiringExactlyNowIsFreeAndOneEndingLaterIsNot() {
    Instant until = T0.plusSeconds(60);
    assertThat(storage.sourceState().tryLease(TENANT_A, "job", "node-1", T0, until)).isTrue();

    assertThat(
            storage
                .sourceState()
                .tryLease(TENANT_A, "job", "node-2", until.minusNanos(1_000), until))
        .isFalse();
    assertThat(
            storage.sourceState().tryLease(TENANT_A, "job", "node-2", until, until.plusSeconds(60)))
        .isTrue();
    assertThat(
            storage.sourceState().tryLease(TENANT_A, "job", "node-1", until, until.plusSeconds(60)))
        .isFalse();
  }

  @Test
  void aLeaseNameTooLongForItsColumnIsAValidationError() {
    assertThatThrownBy(
            () ->
                storage
                    .sourceState()
                    .tryLease(TENANT_A, "n".repeat(201), "node-1", T0, T0.plusSeconds(60)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("SQLState");
  }

  @Test
  void aLeaseTakenInsideATransactionIsReleasedWhenTheTransactionRollsBack() {
    assertThatThrownBy(
            () ->
                storage.inTransaction(
                    tx -> {
                      assertThat(
                              tx.sourceState()
                                  .tryLease(TENANT_A, "job", "node-1", T0, T0.plusSeconds(60)))
                          .isTrue();
                      assertThat(
                              tx.sourceState()
                                  .tryLease(TENANT_A, "job", "node-2", T0, T0.plusSeconds(60)))
                          .isFalse();
                      throw new IllegalStateException("crash before commit");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(storage.sourceState().tryLease(TENANT_A, "job", "node-2", T0, T0.plusSeconds(60)))
        .isTrue();
  }

  @Test
  void aRepeatedTrackingInsideATransactionChangesNothingAndTheTransactionCommits() {
    ProfileId tracker = ProfileId.of(TENANT_A, "p1");
    TrackedSubject subject = TrackedSubject.account("Stripe");
    TrackingObservation first = TrackingObservation.of(tracker, subject, T0);
    Profile saved =
        storage.inTransaction(
            tx -> {
              tx.tracking().record(first);
              tx.tracking().record(TrackingObservation.of(tracker, subject, T0.plusSeconds(60)));
              // On PostgreSQL a failed statement would have aborted the transaction here.
              return tx.profiles().save(Fixtures.profile(TENANT_A, "After the repeat"));
            });

    assertThat(storage.profiles().find(saved.id())).contains(saved);
    assertThat(storage.tracking().list(T0, 10)).containsExactly(AnonymousObservation.of(first));
  }

  @Test
  void ofManyRacingForAnExpiredLeaseExactlyOneGetsItRoundAfterRound() throws Exception {
    int threads = 16;
    int rounds = 20;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      assertThat(storage.sourceState().tryLease(TENANT_A, "job", "first", T0, T0.plusSeconds(60)))
          .isTrue();
      for (int round = 1; round <= rounds; round++) {
        Instant now = T0.plusSeconds(60L * round);
        Instant until = now.plusSeconds(60);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String owner = "node-" + t;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return storage.sourceState().tryLease(TENANT_A, "job", owner, now, until);
                  }));
        }
        int winners = 0;
        for (java.util.concurrent.Future<Boolean> f : results) {
          if (f.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
            winners++;
          }
        }
        assertThat(winners).as("winners of round %s", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLifecycleChangeWithOnlyOneOfItsValuesIsRefusedBecauseItCouldNotBeReadBack() {
    LifecycleChange oneSided =
        new LifecycleChange() {
          @Override
          public ChangeKind kind() {
            return ChangeKind.VENUE_CHANGED;
          }

          @Override
          public String summary() {
            return "Venue set";
          }

          @Override
          public java.util.Optional<String> before() {
            return java.util.Optional.empty();
          }

          @Override
          public java.util.Optional<String> after() {
            return java.util.Optional.of("Hall 2");
          }
        };
    LifecycleEvent event =
        LifecycleEvent.builder()
            .tenant(TENANT_A)
            .signalKey(key("e1"))
            .detectedAt(T0)
            .addChanges(oneSided)
            .build();

    assertThatThrownBy(() -> storage.runs().addLifecycleEvent(event))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("VENUE_CHANGED");
    assertThat(storage.runs().listLifecycleEvents(TENANT_A, key("e1"))).isEmpty();
  }

  @Test
  void aRunReportKeepsItsKindAndLifecycleCounts() {
    RunReport refresh =
        RunReport.builder()
            .runId("refresh-1")
            .tenant(TENANT_A)
            .kind(io.github.discoverysdk.model.RunKind.REFRESH)
            .startedAt(T0)
            .finishedAt(T0.plusSeconds(5))
            .status(RunStatus.SUCCEEDED)
            .queriesPlanned(0)
            .queriesExecuted(0)
            .signalsFetched(3)
            .signalsNew(0)
            .signalsChanged(2)
            .signalsUnchanged(1)
            .recordsRejected(0)
            .signalsBackfilled(0)
            .matches(0)
            .opportunitiesNew(0)
            .opportunitiesUpdated(2)
            .opportunitiesUnchanged(1)
            .opportunitiesArchived(4)
            .lifecycleEvents(2)
            .alertsSent(0)
            .build();
    storage.runs().save(refresh);

    assertThat(storage.runs().list(TENANT_A, 5)).containsExactly(refresh);
    assertThat(storage.runs().list(TENANT_A, T0, T0.plusSeconds(1))).containsExactly(refresh);
  }

  /** The SQL texts handed to the driver while {@code work} ran. */
  private List<String> statementsOf(Runnable work) {
    int before = recording.sql().size();
    work.run();
    return recording.sql().subList(before, recording.sql().size());
  }

  @Test
  void aProfileSaveIsOneStatement() {
    Profile profile = Fixtures.profile(TENANT_A, "P");
    AtomicReference<Profile> saved = new AtomicReference<>();

    assertThat(statementsOf(() -> saved.set(storage.profiles().save(profile)))).hasSize(1);
    assertThat(
            statementsOf(
                () ->
                    storage
                        .profiles()
                        .save(Profile.builder().from(saved.get()).name("Renamed").build())))
        .hasSize(1);
  }

  @Test
  void savingAThousandProfilesTakesAFewStatements() {
    List<Profile> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(Fixtures.profile(TENANT_A, "P" + i));
    }
    AtomicReference<List<Profile>> saved = new AtomicReference<>();

    assertThat(statementsOf(() -> saved.set(storage.profiles().saveAll(batch))))
        .hasSize(database().dialect() == Dialect.POSTGRESQL ? 1 : 3);
    List<Profile> renamed =
        saved.get().stream().map(p -> Profile.builder().from(p).name("R").build()).toList();
    assertThat(statementsOf(() -> storage.profiles().saveAll(renamed))).hasSizeLessThanOrEqualTo(2);
    assertThat(storage.profiles().list(TENANT_A))
        .hasSize(1_000)
        .allSatisfy(
            p -> {
              assertThat(p.version()).isEqualTo(2);
              assertThat(p.name()).isEqualTo("R");
            });
  }

  /**
   * 1,000 new opportunities, then 1,000 updates of them: a few statements each, never one per row
   * (on PostgreSQL one each; elsewhere a conflict read per 500 inserts and one JDBC batch).
   */
  @Test
  void savingAThousandOpportunitiesTakesAFewStatements() {
    Profile p1 = storage.profiles().save(Fixtures.profile(TENANT_A, "P1"));
    Profile p2 = storage.profiles().save(Fixtures.profile(TENANT_A, "P2"));
    List<Opportunity> batch = new ArrayList<>();
    List<io.github.discoverysdk.model.SignalKey> keys = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      keys.add(key("k-" + i));
      Profile p = i % 2 == 0 ? p1 : p2;
      batch.add(Fixtures.opportunity(p.id(), key("k-" + i), i % 100, T0.plusSeconds(i)));
    }
    AtomicReference<List<Opportunity>> saved = new AtomicReference<>();

    List<String> inserts =
        statementsOf(
            () -> saved.set(storage.inTransaction(tx -> tx.opportunities().saveAll(batch))));
    List<Opportunity> changed =
        saved.get().stream()
            .map(o -> Opportunity.builder().from(o).status(OpportunityStatus.SAVED).build())
            .toList();
    List<String> updates = statementsOf(() -> storage.opportunities().saveAll(changed));
    AtomicReference<List<Opportunity>> listed = new AtomicReference<>();
    List<String> reads =
        statementsOf(() -> listed.set(storage.opportunities().listBySignals(TENANT_A, keys)));

    // PostgreSQL: one multi-row INSERT. Elsewhere: one conflict read per 500 rows, one batch.
    assertThat(inserts).hasSize(database().dialect() == Dialect.POSTGRESQL ? 1 : 3);
    assertThat(updates).hasSize(1);
    assertThat(reads).hasSize(2);
    assertThat(listed.get())
        .hasSize(1_000)
        .allSatisfy(
            o -> {
              assertThat(o.version()).isEqualTo(2);
              assertThat(o.status()).isEqualTo(OpportunityStatus.SAVED);
            });
    assertThat(listed.get())
        .containsExactlyInAnyOrderElementsOf(
            changed.stream().map(o -> Opportunity.builder().from(o).version(2).build()).toList());
  }

  /**
   * A batch that loses a race for a unique key (another transaction took it after the batch's
   * check) is undone to its savepoint, and the one-by-one way decides instead; the transaction's
   * earlier writes stay.
   */
  @Test
  void aBatchThatLosesARaceForAKeyIsUndoneAndDecidedOneByOne() throws Exception {
    String insert =
        "INSERT INTO discovery_lease (tenant, name, owner, held_until) VALUES (?, ?, ?, ?)";
    try (Connection c = database().dataSource().getConnection()) {
      c.setAutoCommit(false);
      Sql sql = new Sql(database().dialect(), null);
      try (java.sql.PreparedStatement ps = c.prepareStatement(insert)) {
        Sql.bindStrings(ps, TENANT_A, "before", "x");
        sql.setInstant(ps, 4, T0);
        ps.executeUpdate();
      }
      String decided =
          Sql.batchOrOneByOne(
              c,
              k -> {
                try (java.sql.PreparedStatement ps = k.prepareStatement(insert)) {
                  for (String name : List.of("new", "before")) {
                    Sql.bindStrings(ps, TENANT_A, name, "batch");
                    sql.setInstant(ps, 4, T0);
                    ps.addBatch();
                  }
                  ps.executeBatch();
                }
                return "batch";
              },
              k -> "one by one");
      c.commit();

      assertThat(decided).isEqualTo("one by one");
      assertThat(
              Sql.many(
                  c,
                  "SELECT name FROM discovery_lease WHERE tenant = ? ORDER BY name",
                  rs -> rs.getString(1),
                  TENANT_A))
          .containsExactly("before");
    }
  }

  /** 1,000 lifecycle events, as a large run batch writes them: one statement, never one each. */
  @Test
  void addingAThousandLifecycleEventsTakesOneStatement() {
    List<io.github.discoverysdk.lifecycle.LifecycleEvent> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(
          io.github.discoverysdk.lifecycle.LifecycleEvent.builder()
              .tenant(TENANT_A)
              .signalKey(key("k-" + i % 10))
              .detectedAt(T0.plusSeconds(i))
              .runId("run-1")
              .addChanges(
                  io.github.discoverysdk.lifecycle.LifecycleChange.of(
                      io.github.discoverysdk.lifecycle.ChangeKind.DATE_MOVED,
                      "Moved " + i,
                      "2025-02-01",
                      "2025-02-" + (10 + i % 10)))
              .build());
    }

    assertThat(statementsOf(() -> storage.runs().addLifecycleEvents(batch))).hasSize(1);
    assertThat(storage.runs().listLifecycleEvents(TENANT_A, key("k-3")))
        .containsExactlyElementsOf(
            batch.stream().filter(e -> e.signalKey().equals(key("k-3"))).toList());
  }

  /**
   * 1,000 outbox entries, then the same 1,000 again: on PostgreSQL one multi-row insert each;
   * elsewhere a read of the stored keys per 500 entries, then one JDBC batch of what is free.
   */
  @Test
  void enqueueingAThousandEntriesTakesAFewStatements() {
    Profile p = storage.profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity o = storage.opportunities().save(Fixtures.opportunity(p.id(), key("k"), 50, T0));
    List<io.github.discoverysdk.model.OutboxEntry> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(
          io.github.discoverysdk.model.OutboxEntry.builder()
              .id("e-" + i)
              .tenant(TENANT_A)
              .sinkId(i % 2 == 0 ? "slack" : "hubspot")
              .kind(io.github.discoverysdk.model.DeliveryKind.NEW_ALERT)
              .opportunityId(o.id())
              .dedupeKey("key-" + i / 2)
              .nextAttemptAt(T0)
              .createdAt(T0)
              .updatedAt(T0)
              .build());
    }
    AtomicReference<List<Boolean>> added = new AtomicReference<>();
    boolean pg = database().dialect() == Dialect.POSTGRESQL;

    assertThat(
            statementsOf(
                () -> added.set(storage.inTransaction(tx -> tx.outbox().enqueueAll(batch)))))
        .hasSize(pg ? 1 : 3);
    assertThat(added.get()).hasSize(1_000).containsOnly(true);
    assertThat(statementsOf(() -> added.set(storage.outbox().enqueueAll(batch))))
        .hasSize(pg ? 1 : 2);
    assertThat(added.get()).hasSize(1_000).containsOnly(false);
    assertThat(storage.outbox().list(TENANT_A, 2_000)).hasSize(1_000);
  }

  /** 1,000 tracking observations with repeats: one statement on every dialect. */
  @Test
  void recordingAThousandTrackingObservationsTakesOneStatement() {
    List<TrackingObservation> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(
          TrackingObservation.of(
              ProfileId.of(TENANT_A, "p" + i % 100),
              TrackedSubject.account("Company " + i % 20),
              T0.plusSeconds(i)));
    }

    assertThat(statementsOf(() -> storage.tracking().recordAll(batch))).hasSize(1);
    // Profile i % 100 tracks company i % 20, ten times each on one day: 100 rows, the first each.
    List<AnonymousObservation> firsts =
        batch.subList(0, 100).stream().map(AnonymousObservation::of).toList();
    assertThat(storage.tracking().list(T0, 2_000)).containsExactlyElementsOf(firsts);
    assertThat(statementsOf(() -> storage.tracking().recordAll(batch))).hasSize(1);
    assertThat(storage.tracking().list(T0, 2_000)).containsExactlyElementsOf(firsts);
  }

  @Test
  void findingAThousandSignalsTakesAtMostThreeStatements() {
    List<Signal> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(signal("f-" + i, T0.minusSeconds(i)));
    }
    storage.signals().upsertAll(TENANT_A, batch);
    AtomicReference<java.util.Map<io.github.discoverysdk.model.SignalKey, Signal>> found =
        new AtomicReference<>();

    assertThat(
            statementsOf(
                () ->
                    found.set(
                        storage
                            .signals()
                            .findAll(TENANT_A, batch.stream().map(Signal::key).toList()))))
        .hasSize(2);
    assertThat(found.get().values()).containsExactlyElementsOf(batch);
  }

  @Test
  void findingAThousandWatermarksTakesTwoStatements() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      keys.add("q-" + i);
      if (i % 2 == 0) {
        storage
            .sourceState()
            .saveWatermark(
                Watermark.builder()
                    .tenant(TENANT_A)
                    .sourceId("marks")
                    .queryKey("q-" + i)
                    .cursor("c-" + i)
                    .updatedAt(T0)
                    .build());
      }
    }
    AtomicReference<java.util.Map<String, Watermark>> found = new AtomicReference<>();

    assertThat(
            statementsOf(
                () -> found.set(storage.sourceState().findWatermarks(TENANT_A, "marks", keys))))
        .hasSize(2);
    assertThat(found.get()).hasSize(500).containsKey("q-998").doesNotContainKey("q-999");
    assertThat(found.get().get("q-0").cursor()).isEqualTo("c-0");
  }
}
