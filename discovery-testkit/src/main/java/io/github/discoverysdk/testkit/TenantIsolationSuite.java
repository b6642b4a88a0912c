package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxSubject;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage contract's tests of tenant isolation across every store.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code TenantIsolation} against the storage of its {@link
 * StorageContract#createStorage()}; never extend this class directly.
 */
public abstract class TenantIsolationSuite extends StoreSuiteSupport {
  TenantIsolationSuite() {}

  /**
   * The methods that read or write across tenants by design, and why; every other method is probed
   * by {@link #noMethodReadsOrChangesAnotherTenantsRowsWithItsIds}.
   */
  private static final Map<String, String> CROSS_TENANT_BY_DESIGN =
      Map.of(
          "inTransaction", "holds no data of its own",
          "profiles.tenants", "lists the tenants, for the scheduler",
          "outbox.tenantsWithDue", "lists the tenants with due deliveries, for the dispatcher",
          "sourceState.findCachedResult", "the shared cache holds only public answers",
          "sourceState.saveCachedResult", "the shared cache holds only public answers",
          "sourceState.deleteExpiredResults", "the shared cache holds only public answers",
          "tracking.list", "anonymous by contract: tenants and profiles come back as pseudonyms",
          "tracking.deleteBefore", "prunes by age only");

  /** Everything tenant A has, as the storage returns it. */
  private record Snapshot(List<Object> rows) {}

  private Snapshot snapshot(
      String a,
      Profile profile,
      Opportunity opportunity,
      OutboxEntry entry,
      Team team,
      SharedOpportunity shared,
      ModelState model,
      Instant from,
      Instant to) {
    return new Snapshot(
        List.of(
            storage().profiles().find(profile.id()),
            storage().profiles().list(a),
            storage().signals().list(a, from, 100),
            storage()
                .opportunities()
                .feed(FeedQuery.forTenant(a).limit(FeedQuery.MAX_LIMIT).build())
                .items(),
            storage().opportunities().listFeedback(opportunity.id()),
            storage().runs().list(a, 10),
            storage().runs().listLifecycleEvents(a, key("s1")),
            storage().sourceState().listCosts(a, from, to),
            storage().outbox().list(a, 100),
            storage().outbox().listDue(a, to, 100),
            storage().teams().find(a, team.id()),
            storage().teams().findShared(a, team.id(), shared.opportunityId()),
            storage().sourceState().findWatermark(a, SOURCE, "q"),
            storage().models().find(a, model.name()),
            RecordProbes.snapshot(storage(), a)));
  }

  @Test
  void anotherTenantCannotFindListOrDeleteAProfile() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "Private"));
    ProfileId sameValueOtherTenant = ProfileId.of(TENANT_B, profile.id().value());

    assertThat(storage().profiles().find(sameValueOtherTenant)).isEmpty();
    assertThat(storage().profiles().list(TENANT_B)).isEmpty();
    assertThat(storage().profiles().delete(sameValueOtherTenant)).isFalse();
    assertThat(storage().profiles().find(profile.id())).contains(profile);
  }

  @Test
  void anotherTenantCannotFindAnOpportunityByIdOrNaturalKey() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "Private"));
    Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);

    assertThat(storage().opportunities().find(OpportunityId.of(TENANT_B, opportunity.id().value())))
        .isEmpty();
    assertThat(
            storage()
                .opportunities()
                .find(ProfileId.of(TENANT_B, profile.id().value()), key("s-1")))
        .isEmpty();
    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .addFeedback(
                        OpportunityId.of(TENANT_B, opportunity.id().value()), Feedback.save()))
        .isInstanceOf(NotFoundException.class);
    assertThat(storage().opportunities().listFeedback(opportunity.id())).isEmpty();
  }

  @Test
  void anotherTenantsFeedIsEmpty() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "Private"));
    saveOpportunity(profile, "s-1", 60, T0);

    Page<Opportunity> page = storage().opportunities().feed(FeedQuery.forTenant(TENANT_B).build());

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void aCursorFromAnotherTenantsFeedOnlyPositionsTheQueryAndYieldsOnlyTheCallersRows() {
    Profile a = storage().profiles().save(Fixtures.profile(TENANT_A, "A"));
    Profile b = storage().profiles().save(Fixtures.profile(TENANT_B, "B"));
    for (int i = 0; i < 5; i++) {
      saveOpportunity(a, "a-" + i, 90 - i * 10, T0);
      saveOpportunity(b, "b-" + i, 95 - i * 10, T0);
    }
    String cursorOfA =
        storage()
            .opportunities()
            .feed(FeedQuery.forTenant(TENANT_A).limit(2).build())
            .nextCursor()
            .orElseThrow();

    List<Opportunity> seenByB =
        readAll(FeedQuery.forTenant(TENANT_B).limit(2).cursor(cursorOfA).build()).stream()
            .flatMap(p -> p.items().stream())
            .toList();

    assertThat(seenByB).isNotEmpty().allSatisfy(o -> assertThat(o.tenant()).isEqualTo(TENANT_B));
  }

  @Test
  void signalsRunsAndWatermarksAreScopedByTenant() {
    Signal signal = signal("s-1", T0);
    storage().signals().upsert(TENANT_A, signal);
    storage().runs().save(run(TENANT_A, "run-1", T0));
    storage().sourceState().saveWatermark(watermark(TENANT_A, "all", "7"));

    assertThat(storage().signals().find(TENANT_B, signal.key())).isEmpty();
    assertThat(storage().signals().list(TENANT_B, Instant.EPOCH, 10)).isEmpty();
    assertThat(storage().runs().list(TENANT_B, 10)).isEmpty();
    assertThat(storage().sourceState().findWatermark(TENANT_B, SOURCE, "all")).isEmpty();
    assertThat(storage().signals().upsert(TENANT_B, signal)).isEqualTo(SignalWrite.NEW);
    assertThat(storage().signals().find(TENANT_A, signal.key())).contains(signal);
  }

  /**
   * Tenant B calls every method of the SPI with tenant A's ids, keys, names and feed cursor: it
   * sees none of A's rows, changes none of them, and its own writes stay its own. A new method of
   * the SPI fails this test until it gets a probe here or a reason in {@link
   * #CROSS_TENANT_BY_DESIGN}.
   */
  @Test
  void noMethodReadsOrChangesAnotherTenantsRowsWithItsIds() {
    probeEveryMethodAs(TENANT_A, TENANT_B);
  }

  /**
   * The whole matrix of {@link #noMethodReadsOrChangesAnotherTenantsRowsWithItsIds} for tenants
   * that differ from {@link #TENANT_A} only by case or by one allowed punctuation character: a
   * storage that compares tenants case-insensitively, or ignores a trailing character, fails it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TENANT-A", "Tenant-a", "tenant-A", "tenant-a.", "tenant-a-", "tenant_a"})
  void nearDuplicateTenantsAreIsolatedInEveryMethod(String nearDuplicate) {
    probeEveryMethodAs(TENANT_A, nearDuplicate);
  }

  /**
   * Near-duplicates a database could equate with {@link #TENANT_A} (trailing or leading space under
   * PAD SPACE, NUL, confusable letters, invisible or full-width characters) never reach a store:
   * every value that carries a tenant refuses them, naming its field.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tenant-a ",
        " tenant-a",
        "tenant-a\t",
        "tenant-a\n",
        "tenant-a\u0000",
        "tenant-\u0430", // Cyrillic a
        "t\u0435nant-a", // Cyrillic e
        "tenant\u2010a", // Unicode hyphen
        "tenant-a\u200b", // zero-width space
        "\uff54enant-a", // full-width t
        "tenant-a\u00a0", // no-break space
        "",
        "t'; DROP TABLE x; --"
      })
  void nearDuplicateAndHostileTenantsAreRefusedBeforeAnyStoreSeesThem(String tenant) {
    OpportunityId ofA = OpportunityId.of(TENANT_A, "o");
    Map<String, Runnable> builds = new LinkedHashMap<>();
    builds.put("profileId.tenant", () -> ProfileId.of(tenant, "p"));
    builds.put("opportunityId.tenant", () -> OpportunityId.of(tenant, "o"));
    builds.put("profile.tenant", () -> Fixtures.profile(tenant, "name"));
    builds.put("feedQuery.tenant", () -> FeedQuery.forTenant(tenant).build());
    builds.put("watermark.tenant", () -> watermark(tenant, "q", "c"));
    builds.put("runReport.tenant", () -> run(tenant, "run", T0));
    builds.put("team.tenant", () -> team(tenant, "team", "alice"));
    builds.put("modelState.tenant", () -> modelState(tenant, "m", "{}"));
    builds.put(
        "audit.tenant", () -> ReviewFixtures.auditEntry(tenant, "alice", "profile", "p", T0));
    builds.put("account.tenant", () -> ReviewFixtures.account(tenant, "acc", "alice", null));
    builds.put(
        "outbox.tenant",
        () ->
            OutboxEntry.builder()
                .from(
                    outbox(
                        "e",
                        Fixtures.opportunity(ofA, ProfileId.of(TENANT_A, "p"), key("s"), 50, T0),
                        "slack",
                        "k",
                        T0))
                .tenant(tenant)
                .build());
    builds.forEach(
        (field, build) ->
            assertThatThrownBy(build::run)
                .as(field)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(field));
    assertThat(storage().profiles().tenants()).doesNotContain(tenant);
  }

  /**
   * Keys that differ only by a trailing space or by case are different rows in every store, in
   * every table: a PAD SPACE or case-insensitive comparison (MariaDB's {@code utf8mb4_bin} pads)
   * would let one overwrite or read the other. Keys other than tenants are not restricted to a
   * character set, so this is where a storage's collation shows.
   */
  @Test
  void keysDifferingOnlyByATrailingSpaceOrCaseAreDistinctRows() {
    List<String> ids = List.of("k", "k ", "K", "k  ");
    for (String id : ids) {
      storage().profiles().save(profileWithId(TENANT_A, id));
      assertThat(storage().signals().upsert(TENANT_A, signal(id, T0)))
          .as("signal %s", ids.indexOf(id))
          .isEqualTo(SignalWrite.NEW);
      storage().teams().save(team(TENANT_A, id, "alice"));
      storage().models().save(modelState(TENANT_A, id, "{\"id\":\"" + id + "\"}"));
      storage().sourceState().saveWatermark(watermark(TENANT_A, id, "cursor " + id));
      assertThat(
              storage()
                  .sourceState()
                  .tryLease(TENANT_A, id, "engine " + id, T0, T0.plusSeconds(60)))
          .as("lease %s", ids.indexOf(id))
          .isTrue();
    }
    Profile owner = storage().profiles().find(ProfileId.of(TENANT_A, "k")).orElseThrow();
    for (String id : ids) {
      storage()
          .opportunities()
          .save(
              Fixtures.opportunity(
                  OpportunityId.of(TENANT_A, id), owner.id(), key(id), 50 + ids.indexOf(id), T0));
    }

    assertThat(storage().profiles().list(TENANT_A))
        .extracting(pr -> pr.id().value())
        .containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      String as = "key '" + id + "'";
      assertThat(storage().profiles().find(ProfileId.of(TENANT_A, id)))
          .as(as)
          .hasValueSatisfying(pr -> assertThat(pr.id().value()).isEqualTo(id));
      assertThat(storage().signals().find(TENANT_A, key(id)))
          .as(as)
          .hasValueSatisfying(sg -> assertThat(sg.key().externalId()).isEqualTo(id));
      assertThat(storage().opportunities().find(OpportunityId.of(TENANT_A, id)))
          .as(as)
          .hasValueSatisfying(o -> assertThat(o.signalKey()).isEqualTo(key(id)));
      assertThat(storage().opportunities().find(owner.id(), key(id)))
          .as(as)
          .hasValueSatisfying(o -> assertThat(o.id().value()).isEqualTo(id));
      assertThat(storage().teams().find(TENANT_A, id))
          .as(as)
          .hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(id));
      assertThat(storage().models().find(TENANT_A, id))
          .as(as)
          .hasValueSatisfying(m -> assertThat(m.payload()).contains("\"" + id + "\""));
      assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, id))
          .as(as)
          .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("cursor " + id));
    }
    assertThat(storage().opportunities().feed(FeedQuery.forTenant(TENANT_A).build()).items())
        .hasSize(ids.size());
  }

  private void probeEveryMethodAs(String a, String b) {
    Instant from = T0.minus(Duration.ofDays(365));
    Instant to = T0.plus(Duration.ofDays(365));
    Profile profile = storage().profiles().save(profileWithId(a, "p"));
    storage().signals().upsert(a, signal("s1", T0));
    storage().signals().upsert(a, signal("s2", T0));
    Opportunity first = saveOpportunity(profile, "s1", 80, T0);
    Opportunity second = saveOpportunity(profile, "s2", 60, T0);
    storage().opportunities().addFeedback(first.id(), feedback(FeedbackType.SAVE, T0));
    storage().runs().save(run(a, "run-1", T0));
    storage()
        .runs()
        .addLifecycleEvent(
            LifecycleEvent.builder()
                .tenant(a)
                .signalKey(key("s1"))
                .detectedAt(T0)
                .addChanges(LifecycleChange.of(ChangeKind.CANCELLED, "Event cancelled"))
                .build());
    assertThat(storage().sourceState().tryLease(a, "lease", "engine-a", T0, to)).isTrue();
    storage().sourceState().addCost(cost(a, T0, false, 1.0, "p"));
    OutboxEntry entry = outbox("out-1", first, "slack", "dedupe", T0);
    assertThat(storage().outbox().enqueue(entry)).isTrue();
    OutboxEntry export =
        OutboxEntry.builder()
            .id("out-export")
            .tenant(a)
            .sinkId("crm")
            .kind(DeliveryKind.SESSION_EXPORT)
            .subject(OutboxSubject.of("session_export", "export-1"))
            .dedupeKey("session-export:1")
            .nextAttemptAt(T0.minusSeconds(1))
            .createdAt(T0.minusSeconds(1))
            .updatedAt(T0.minusSeconds(1))
            .build();
    assertThat(storage().outbox().enqueue(export)).isTrue();
    Team team = storage().teams().save(team(a, "team", "alice"));
    SharedOpportunity shared = storage().teams().saveShared(share(first, team.id(), "alice", T0));
    storage().sourceState().saveWatermark(watermark(a, "q", "cursor-a"));
    ModelState model = storage().models().save(modelState(a, "model", "{}"));
    RecordProbes.seed(storage(), a);
    String cursorOfA =
        storage()
            .opportunities()
            .feed(FeedQuery.forTenant(a).limit(1).build())
            .nextCursor()
            .orElseThrow();
    Snapshot before = snapshot(a, profile, first, entry, team, shared, model, from, to);
    ReviewIsolationProbes review = new ReviewIsolationProbes(storage(), second, from, to);
    List<Object> reviewBefore = review.snapshot();
    DealIsolationProbes deals = new DealIsolationProbes(storage(), a, from);
    List<Object> dealsBefore = deals.snapshot();
    DraftIsolationProbes drafts = new DraftIsolationProbes(storage(), a);
    List<Object> draftsBefore = drafts.snapshot();
    SessionIsolationProbes sessions = new SessionIsolationProbes(storage(), a);
    List<Object> sessionsBefore = sessions.snapshot();
    InsightIsolationProbes insight = new InsightIsolationProbes(storage(), second, from, to);
    List<Object> insightBefore = insight.snapshot();

    ProfileId profileOfB = ProfileId.of(b, profile.id().value());
    OpportunityId firstOfB = OpportunityId.of(b, first.id().value());
    Map<String, Runnable> probes = new LinkedHashMap<>();
    probes.put("profiles.find", () -> assertThat(storage().profiles().find(profileOfB)).isEmpty());
    probes.put("profiles.list", () -> assertThat(storage().profiles().list(b)).isEmpty());
    probes.put(
        "profiles.delete", () -> assertThat(storage().profiles().delete(profileOfB)).isFalse());
    probes.put(
        "profiles.save",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .profiles()
                            .save(
                                Profile.builder()
                                    .from(profile)
                                    .tenant(b)
                                    .id(profileOfB)
                                    .name("Taken over")
                                    .build()))
                .isInstanceOf(ConcurrentUpdateException.class));
    probes.put(
        "profiles.saveAll",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .profiles()
                            .saveAll(
                                List.of(
                                    Profile.builder()
                                        .from(profile)
                                        .tenant(b)
                                        .id(profileOfB)
                                        .name("Taken over")
                                        .build())))
                .isInstanceOf(ConcurrentUpdateException.class));
    probes.put(
        "signals.findAll",
        () -> assertThat(storage().signals().findAll(b, List.of(key("s1"), key("s2")))).isEmpty());
    probes.put(
        "opportunities.listBySignals",
        () ->
            assertThat(storage().opportunities().listBySignals(b, List.of(key("s1"), key("s2"))))
                .isEmpty());
    probes.put(
        "opportunities.saveAll",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .opportunities()
                            .saveAll(
                                List.of(
                                    Opportunity.builder()
                                        .from(first)
                                        .id(firstOfB)
                                        .profileId(profileOfB)
                                        .title("Taken over")
                                        .build())))
                .isInstanceOf(DiscoveryException.class));
    probes.put("signals.find", () -> assertThat(storage().signals().find(b, key("s1"))).isEmpty());
    probes.put("signals.list", () -> assertThat(storage().signals().list(b, from, 100)).isEmpty());
    probes.put(
        "opportunities.find", () -> assertThat(storage().opportunities().find(firstOfB)).isEmpty());
    probes.put(
        "opportunities.listBySignal",
        () -> assertThat(storage().opportunities().listBySignal(b, key("s1"))).isEmpty());
    probes.put(
        "opportunities.listBefore",
        () -> assertThat(storage().opportunities().listBefore(b, to, Set.of(), 100)).isEmpty());
    probes.put(
        "opportunities.feed",
        () -> {
          assertThat(storage().opportunities().feed(FeedQuery.forTenant(b).build()).items())
              .isEmpty();
          assertThat(
                  storage()
                      .opportunities()
                      .feed(FeedQuery.forTenant(b).cursor(cursorOfA).build())
                      .items())
              .isEmpty();
        });
    probes.put(
        "opportunities.save",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .opportunities()
                            .save(
                                Opportunity.builder()
                                    .from(first)
                                    .id(firstOfB)
                                    .profileId(profileOfB)
                                    .title("Taken over")
                                    .build()))
                .isInstanceOf(DiscoveryException.class));
    probes.put(
        "opportunities.listFeedback",
        () -> assertThat(storage().opportunities().listFeedback(firstOfB)).isEmpty());
    probes.put(
        "opportunities.addFeedback",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .opportunities()
                            .addFeedback(firstOfB, feedback(FeedbackType.DISMISS, T0)))
                .isInstanceOf(NotFoundException.class));
    probes.put(
        "runs.list",
        () -> {
          assertThat(storage().runs().list(b, 10)).isEmpty();
          assertThat(storage().runs().list(b, from, to)).isEmpty();
        });
    probes.put(
        "runs.listLifecycleEvents",
        () -> assertThat(storage().runs().listLifecycleEvents(b, key("s1"))).isEmpty());
    probes.put(
        "sourceState.listCosts",
        () -> assertThat(storage().sourceState().listCosts(b, from, to)).isEmpty());
    probes.put(
        "outbox.listDue", () -> assertThat(storage().outbox().listDue(b, to, 100)).isEmpty());
    probes.put("outbox.list", () -> assertThat(storage().outbox().list(b, 100)).isEmpty());
    probes.put(
        "outbox.depth",
        () -> assertThat(storage().outbox().depth(b)).isEqualTo(OutboxDepth.empty()));
    probes.put(
        "outbox.find",
        () ->
            assertThat(storage().outbox().find(b, storage().outbox().list(a, 1).get(0).id()))
                .isEmpty());
    probes.put(
        "outbox.save",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .outbox()
                            .save(
                                OutboxEntry.builder()
                                    .from(storage().outbox().list(a, 1).get(0))
                                    .tenant(b)
                                    .opportunityId(firstOfB)
                                    .attempts(7)
                                    .build()))
                .isInstanceOf(DiscoveryException.class));
    probes.put(
        "outbox.find of a subject entry",
        () -> assertThat(storage().outbox().find(b, export.id())).isEmpty());
    probes.put(
        "outbox.save of a subject entry",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .outbox()
                            .save(
                                OutboxEntry.builder()
                                    .from(export)
                                    .tenant(b)
                                    .id("out-export-b")
                                    .version(1)
                                    .attempts(7)
                                    .build()))
                .isInstanceOf(DiscoveryException.class));
    probes.put("teams.find", () -> assertThat(storage().teams().find(b, team.id())).isEmpty());
    probes.put("teams.list", () -> assertThat(storage().teams().list(b)).isEmpty());
    probes.put(
        "teams.save",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .teams()
                            .save(Team.builder().from(team).tenant(b).name("X").build()))
                .isInstanceOf(ConcurrentUpdateException.class));
    probes.put(
        "teams.findShared",
        () -> assertThat(storage().teams().findShared(b, team.id(), firstOfB)).isEmpty());
    probes.put(
        "teams.listShared",
        () -> assertThat(storage().teams().listShared(b, team.id(), 10)).isEmpty());
    probes.put(
        "teams.saveShared",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .teams()
                            .saveShared(
                                SharedOpportunity.builder()
                                    .from(shared)
                                    .tenant(b)
                                    .opportunityId(firstOfB)
                                    .status(TeamStatus.WON)
                                    .build()))
                .isInstanceOf(DiscoveryException.class));
    probes.put(
        "sourceState.findWatermark",
        () -> assertThat(storage().sourceState().findWatermark(b, SOURCE, "q")).isEmpty());
    probes.put(
        "sourceState.findWatermarks",
        () ->
            assertThat(storage().sourceState().findWatermarks(b, SOURCE, List.of("q"))).isEmpty());
    probes.put("models.find", () -> assertThat(storage().models().find(b, "model")).isEmpty());
    probes.put(
        "models.save",
        () ->
            assertThatThrownBy(
                    () ->
                        storage()
                            .models()
                            .save(ModelState.builder().from(model).tenant(b).payload("[]").build()))
                .isInstanceOf(ConcurrentUpdateException.class));
    // B's own writes under A's keys and names: they are B's, and A's rows do not see them.
    probes.put(
        "signals.upsert",
        () ->
            assertThat(storage().signals().upsert(b, signal("s1", T0))).isEqualTo(SignalWrite.NEW));
    probes.put(
        "signals.upsertAll",
        () ->
            assertThat(storage().signals().upsertAll(b, List.of(signal("s2", T0))))
                .containsExactly(SignalWrite.NEW));
    probes.put("runs.save", () -> storage().runs().save(run(b, "run-1", T0.plusSeconds(1))));
    probes.put(
        "runs.addLifecycleEvent",
        () ->
            storage()
                .runs()
                .addLifecycleEvent(
                    LifecycleEvent.builder()
                        .tenant(b)
                        .signalKey(key("s1"))
                        .detectedAt(T0)
                        .addChanges(LifecycleChange.of(ChangeKind.REMOVED, "Removed"))
                        .build()));
    probes.put(
        "sourceState.tryLease",
        () ->
            assertThat(storage().sourceState().tryLease(b, "lease", "engine-b", T0, to)).isTrue());
    probes.put(
        "sourceState.addCost", () -> storage().sourceState().addCost(cost(b, T0, true, 9.0, "p")));
    probes.put(
        "outbox.enqueue",
        () ->
            assertThat(
                    storage()
                        .outbox()
                        .enqueue(
                            OutboxEntry.builder()
                                .from(entry)
                                .id("out-b")
                                .tenant(b)
                                .opportunityId(firstOfB)
                                .build()))
                .isTrue());
    probes.put(
        "outbox.enqueueAll",
        () ->
            // A's id under B, twice: B's first entry is added, its repeat is not.
            assertThat(
                    storage()
                        .outbox()
                        .enqueueAll(
                            List.of(
                                OutboxEntry.builder()
                                    .from(entry)
                                    .tenant(b)
                                    .sinkId("hubspot")
                                    .opportunityId(firstOfB)
                                    .build(),
                                OutboxEntry.builder()
                                    .from(entry)
                                    .tenant(b)
                                    .sinkId("hubspot")
                                    .dedupeKey("other")
                                    .opportunityId(firstOfB)
                                    .build())))
                .containsExactly(true, false));
    probes.put(
        "runs.addLifecycleEvents",
        () ->
            storage()
                .runs()
                .addLifecycleEvents(
                    List.of(
                        lifecycleEvent(b, "s1", T0, ChangeKind.REMOVED),
                        lifecycleEvent(b, "s1", T0, ChangeKind.CANCELLED))));
    probes.put(
        "sourceState.saveWatermark",
        () -> storage().sourceState().saveWatermark(watermark(b, "q", "cursor-b")));
    probes.put(
        "tracking.record",
        () ->
            storage()
                .tracking()
                .record(TrackingObservation.of(profileOfB, TrackedSubject.signal(key("s1")), T0)));
    probes.put(
        "tracking.recordAll",
        () ->
            storage()
                .tracking()
                .recordAll(
                    List.of(
                        TrackingObservation.of(profileOfB, TrackedSubject.signal(key("s2")), T0),
                        TrackingObservation.of(profileOfB, TrackedSubject.account("Stripe"), T0))));

    review.addProbes(b, probes);
    RecordProbes.add(probes, storage(), b);
    deals.addProbes(b, probes);
    drafts.addProbes(b, probes);
    sessions.addProbes(b, probes);
    insight.addProbes(b, probes);

    // Every method of every store, named "accessor.method".
    Set<String> spi =
        Stream.of(Storage.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .flatMap(
                accessor ->
                    accessor.getParameterCount() == 0
                            && accessor.getReturnType().getSimpleName().endsWith("Store")
                        ? Stream.of(accessor.getReturnType().getMethods())
                            .filter(m -> !Modifier.isStatic(m.getModifiers()))
                            .map(m -> accessor.getName() + "." + m.getName())
                        : Stream.of(accessor.getName()))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> unprobed = new TreeSet<>(spi);
    unprobed.removeAll(probes.keySet());
    unprobed.removeAll(CROSS_TENANT_BY_DESIGN.keySet());
    assertThat(unprobed).as("Storage methods without a tenant isolation probe").isEmpty();

    probes.forEach(
        (name, probe) -> {
          try {
            probe.run();
          } catch (AssertionError e) {
            throw new AssertionError("tenant isolation probe '" + name + "': " + e.getMessage(), e);
          }
        });

    assertThat(snapshot(a, profile, first, entry, team, shared, model, from, to))
        .as("tenant A's rows after tenant B's calls")
        .isEqualTo(before);
    assertThat(review.snapshot())
        .as("tenant A's audit entries, accounts and cards after tenant B's calls")
        .isEqualTo(reviewBefore);
    assertThat(deals.snapshot())
        .as("tenant A's deals after tenant B's calls")
        .isEqualTo(dealsBefore);
    assertThat(drafts.snapshot())
        .as("tenant A's playbook matches and drafts after tenant B's calls")
        .isEqualTo(draftsBefore);
    assertThat(sessions.snapshot())
        .as("tenant A's sessions after tenant B's calls")
        .isEqualTo(sessionsBefore);
    assertThat(insight.snapshot())
        .as("tenant A's card records after tenant B's calls")
        .isEqualTo(insightBefore);
    assertThat(storage().sourceState().tryLease(a, "lease", "engine-b", T0, to)).isFalse();
    assertThat(storage().opportunities().find(second.id())).isPresent();
  }
}
