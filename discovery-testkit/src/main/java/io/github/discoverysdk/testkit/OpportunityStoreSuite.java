package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.storage.FeedSupport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The storage contract's tests of opportunities(): opportunities, the feed and feedback.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Opportunities} against the storage of its {@link StorageContract#createStorage()};
 * never extend this class directly.
 */
public abstract class OpportunityStoreSuite extends StoreSuiteSupport {
  OpportunityStoreSuite() {}

  /**
   * Opportunities whose scores, dates, urgencies and outreach dates repeat, so that every sort
   * meets ties; ids mix upper and lower case, so the id tie-break must compare exactly.
   */
  private List<Opportunity> seedVariedOpportunities(int count) {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "Varied"));
    Urgency[] urgencies = Urgency.values();
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              Opportunity base =
                  Fixtures.opportunity(
                      OpportunityId.of(TENANT_A, (i % 2 == 0 ? "Opp-" : "opp-") + (i * 7919 % 101)),
                      profile.id(),
                      key("v-" + i),
                      (i % 7) * 10 + 5.5,
                      T0.minus(Duration.ofDays(i % 5)));
              TemporalAssessment.Builder temporal =
                  TemporalAssessment.builder()
                      .from(base.temporal())
                      .urgency(urgencies[i % urgencies.length]);
              if (i % 3 != 0) {
                temporal.outreachDate(LocalDate.of(2025, 2, 1 + i % 6));
              }
              return storage()
                  .opportunities()
                  .save(Opportunity.builder().from(base).temporal(temporal.build()).build());
            })
        .toList();
  }

  private FilterFixture filterFixture() {
    Profile main = storage().profiles().save(Fixtures.profile(TENANT_A, "Main"));
    Profile other = storage().profiles().save(Fixtures.profile(TENANT_A, "Other"));
    Profile foreign = storage().profiles().save(Fixtures.profile(TENANT_B, "Foreign"));
    saveOpportunity(foreign, "f-1", 90, T0);
    return new FilterFixture(
        main,
        other,
        saveOpportunity(main, "strong-news", 80, T0),
        storage()
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(Fixtures.opportunity(main.id(), key("medium-funding"), 50, T0))
                    .signalType(SignalType.FUNDING)
                    .status(OpportunityStatus.SAVED)
                    .build()),
        storage()
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(Fixtures.opportunity(main.id(), key("weak-job"), 20, T0))
                    .signalType(SignalType.JOB_POSTING)
                    .status(OpportunityStatus.DISMISSED)
                    .build()),
        saveOpportunity(other, "medium-news", 45, T0));
  }

  private record FilterFixture(
      Profile main,
      Profile other,
      Opportunity strongNews,
      Opportunity mediumFunding,
      Opportunity weakJob,
      Opportunity mediumNewsOfOther) {}

  @Test
  void savingANewOpportunityStoresItWithVersionOne() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity opportunity = Fixtures.opportunity(profile.id(), key("s-1"), 60, T0);

    Opportunity saved = storage().opportunities().save(opportunity);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(saved).isEqualTo(Opportunity.builder().from(opportunity).version(1).build());
    assertThat(storage().opportunities().find(opportunity.id())).contains(saved);
    assertThat(storage().opportunities().find(profile.id(), key("s-1"))).contains(saved);
  }

  @Test
  void updatingAnOpportunityWithItsCurrentVersionIncrementsTheVersion() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity v1 = saveOpportunity(profile, "s-1", 60, T0);

    Opportunity v2 =
        storage()
            .opportunities()
            .save(Opportunity.builder().from(v1).status(OpportunityStatus.SAVED).build());

    assertThat(v2.version()).isEqualTo(2);
    assertThat(storage().opportunities().find(v1.id())).contains(v2);
  }

  @Test
  void updatingAnOpportunityWithAStaleVersionThrowsAndKeepsTheStoredOne() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity v1 = saveOpportunity(profile, "s-1", 60, T0);
    Opportunity v2 =
        storage()
            .opportunities()
            .save(Opportunity.builder().from(v1).status(OpportunityStatus.SAVED).build());

    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .save(
                        Opportunity.builder().from(v1).status(OpportunityStatus.DISMISSED).build()))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage().opportunities().find(v1.id())).contains(v2);
  }

  @Test
  void insertingAnOpportunityWhoseIdExistsThrows() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity saved = saveOpportunity(profile, "s-1", 60, T0);

    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .save(Fixtures.opportunity(saved.id(), profile.id(), key("s-2"), 50, T0)))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage().opportunities().find(saved.id())).contains(saved);
    assertThat(storage().opportunities().find(profile.id(), key("s-2"))).isEmpty();
  }

  @Test
  void insertingASecondOpportunityForTheSameProfileAndSignalThrows() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity saved = saveOpportunity(profile, "s-1", 60, T0);
    Opportunity duplicate = Fixtures.opportunity(profile.id(), key("s-1"), 70, T0);

    assertThatThrownBy(() -> storage().opportunities().save(duplicate))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage().opportunities().find(duplicate.id())).isEmpty();
    assertThat(storage().opportunities().find(profile.id(), key("s-1"))).contains(saved);
  }

  @Test
  void theFeedFiltersByStatus() {
    FilterFixture f = filterFixture();

    assertThat(feedIds(FeedQuery.forTenant(TENANT_A).addStatuses(OpportunityStatus.NEW)))
        .containsExactlyInAnyOrder(f.strongNews.id(), f.mediumNewsOfOther.id());
    assertThat(
            feedIds(
                FeedQuery.forTenant(TENANT_A)
                    .addStatuses(OpportunityStatus.SAVED, OpportunityStatus.DISMISSED)))
        .containsExactlyInAnyOrder(f.mediumFunding.id(), f.weakJob.id());
  }

  @Test
  void theFeedFiltersByType() {
    FilterFixture f = filterFixture();

    assertThat(feedIds(FeedQuery.forTenant(TENANT_A).addTypes(SignalType.FUNDING)))
        .containsExactly(f.mediumFunding.id());
    assertThat(
            feedIds(
                FeedQuery.forTenant(TENANT_A).addTypes(SignalType.NEWS, SignalType.JOB_POSTING)))
        .containsExactlyInAnyOrder(f.strongNews.id(), f.weakJob.id(), f.mediumNewsOfOther.id());
  }

  @Test
  void theFeedFiltersByStrength() {
    FilterFixture f = filterFixture();

    assertThat(feedIds(FeedQuery.forTenant(TENANT_A).addStrengths(SignalStrength.MEDIUM)))
        .containsExactlyInAnyOrder(f.mediumFunding.id(), f.mediumNewsOfOther.id());
    assertThat(feedIds(FeedQuery.forTenant(TENANT_A).addStrengths(SignalStrength.STRONG)))
        .containsExactly(f.strongNews.id());
  }

  @Test
  void theFeedFiltersByMinimumScoreInclusively() {
    FilterFixture f = filterFixture();

    assertThat(feedIds(FeedQuery.forTenant(TENANT_A).minScore(50)))
        .containsExactlyInAnyOrder(f.strongNews.id(), f.mediumFunding.id());
  }

  @Test
  void theFeedFiltersByProfileAndCombinesFilters() {
    FilterFixture f = filterFixture();

    assertThat(feedIds(FeedQuery.forProfile(f.other.id())))
        .containsExactly(f.mediumNewsOfOther.id());
    assertThat(
            feedIds(
                FeedQuery.forProfile(f.main.id())
                    .addStatuses(OpportunityStatus.NEW, OpportunityStatus.SAVED)
                    .minScore(60)))
        .containsExactly(f.strongNews.id());
  }

  @Test
  void anUnfilteredFeedReturnsEveryOpportunityOfTheTenant() {
    FilterFixture f = filterFixture();

    assertThat(feedIds(FeedQuery.forTenant(TENANT_A)))
        .containsExactlyInAnyOrder(
            f.strongNews.id(), f.mediumFunding.id(), f.weakJob.id(), f.mediumNewsOfOther.id());
  }

  @ParameterizedTest
  @EnumSource(FeedSort.class)
  void pagingReturnsEveryItemExactlyOnceInTheSortsOrder(FeedSort sort) {
    List<Opportunity> saved = seedVariedOpportunities(53);

    List<Page<Opportunity>> pages =
        readAll(FeedQuery.forTenant(TENANT_A).sortBy(sort).limit(10).build());

    assertThat(pages).extracting(p -> p.items().size()).containsExactly(10, 10, 10, 10, 10, 3);
    List<OpportunityId> expected =
        saved.stream().sorted(FeedSupport.comparator(sort)).map(Opportunity::id).toList();
    assertThat(pages.stream().flatMap(p -> p.items().stream()).map(Opportunity::id))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void thePageThatEndsTheFeedHasNoCursor() {
    seedVariedOpportunities(20);

    List<Page<Opportunity>> pages = readAll(FeedQuery.forTenant(TENANT_A).limit(10).build());

    assertThat(pages).extracting(p -> p.items().size()).containsExactly(10, 10);
    assertThat(pages.get(0).nextCursor()).isPresent();
    assertThat(pages.get(1).nextCursor()).isEmpty();
  }

  @Test
  void aMalformedCursorIsRejected() {
    seedVariedOpportunities(3);

    for (String bad : List.of("not a cursor", "bm90IGEgY3Vyc29y", "@@@", "")) {
      assertThatThrownBy(
              () ->
                  storage().opportunities().feed(FeedQuery.forTenant(TENANT_A).cursor(bad).build()))
          .as("cursor '%s'", bad)
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void aCursorIssuedForAnotherSortIsRejected() {
    seedVariedOpportunities(3);
    String relevanceCursor =
        storage()
            .opportunities()
            .feed(FeedQuery.forTenant(TENANT_A).sortBy(FeedSort.RELEVANCE).limit(1).build())
            .nextCursor()
            .orElseThrow();

    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .feed(
                        FeedQuery.forTenant(TENANT_A)
                            .sortBy(FeedSort.DATE)
                            .cursor(relevanceCursor)
                            .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("sort");
  }

  @Test
  void feedbackIsListedOldestFirst() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity opportunity = saveOpportunity(profile, "s-1", 60, T0);
    List<Feedback> given =
        List.of(
            feedback(FeedbackType.SAVE, T0),
            feedback(FeedbackType.ACTIONED, T0.plusSeconds(60)),
            feedback(FeedbackType.LOST, T0.plusSeconds(120)));

    given.forEach(f -> storage().opportunities().addFeedback(opportunity.id(), f));

    assertThat(storage().opportunities().listFeedback(opportunity.id()))
        .containsExactlyElementsOf(given);
  }

  @Test
  void feedbackOnAnUnknownOpportunityThrowsNotFound() {
    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .addFeedback(OpportunityId.of(TENANT_A, "missing"), Feedback.save()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void opportunitiesBeforeATimeAreListedEarliestFirstWithoutExcludedStatuses() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity old = saveOpportunity(p, "old", 50, T0.minus(Duration.ofDays(40)));
    Opportunity older = saveOpportunity(p, "older", 50, T0.minus(Duration.ofDays(50)));
    Opportunity archived = saveOpportunity(p, "archived", 50, T0.minus(Duration.ofDays(60)));
    storage()
        .opportunities()
        .save(Opportunity.builder().from(archived).status(OpportunityStatus.ARCHIVED).build());
    saveOpportunity(p, "recent", 50, T0);
    Profile b = storage().profiles().save(profileWithId(TENANT_B, "p1"));
    saveOpportunity(b, "old", 50, T0.minus(Duration.ofDays(40)));

    List<Opportunity> before =
        storage()
            .opportunities()
            .listBefore(
                TENANT_A, T0.minus(Duration.ofDays(30)), Set.of(OpportunityStatus.ARCHIVED), 10);

    assertThat(before).extracting(Opportunity::id).containsExactly(older.id(), old.id());
    assertThat(
            storage()
                .opportunities()
                .listBefore(TENANT_A, T0.minus(Duration.ofDays(30)), Set.of(), 1))
        .extracting(Opportunity::id)
        .containsExactly(archived.id());
  }

  @Test
  void savingABatchInsertsAndUpdatesAndReturnsThemInOrderWithIncrementedVersions() {
    Profile p1 = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Profile p2 = storage().profiles().save(profileWithId(TENANT_A, "p2"));
    Opportunity stored = saveOpportunity(p1, "s-1", 60, T0);
    List<Opportunity> batch =
        List.of(
            Fixtures.opportunity(p2.id(), key("s-1"), 50, T0),
            Opportunity.builder().from(stored).status(OpportunityStatus.SAVED).build(),
            Fixtures.opportunity(p1.id(), key("s-2"), 70, T0.plusNanos(123_456_789)));

    List<Opportunity> saved = storage().opportunities().saveAll(batch);

    assertThat(saved).extracting(Opportunity::version).containsExactly(1L, 2L, 1L);
    assertThat(saved)
        .extracting(Opportunity::id)
        .containsExactlyElementsOf(batch.stream().map(Opportunity::id).toList());
    assertThat(saved.get(1).status()).isEqualTo(OpportunityStatus.SAVED);
    for (Opportunity o : saved) {
      assertThat(storage().opportunities().find(o.id())).contains(o);
    }
    assertThat(storage().opportunities().saveAll(List.of())).isEmpty();
  }

  @Test
  void aStaleOrDuplicateOpportunityInABatchThrowsAndItsTransactionStoresNothingOfTheBatch() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity v1 = saveOpportunity(profile, "s-1", 60, T0);
    Opportunity v2 =
        storage()
            .opportunities()
            .save(Opportunity.builder().from(v1).status(OpportunityStatus.SAVED).build());
    Opportunity fresh = Fixtures.opportunity(profile.id(), key("s-new"), 50, T0);
    List<List<Opportunity>> bad =
        List.of(
            // a stale version
            List.of(fresh, Opportunity.builder().from(v1).title("Stale").build()),
            // an id that exists
            List.of(fresh, Fixtures.opportunity(v1.id(), profile.id(), key("s-9"), 50, T0)),
            // a (profile, signal key) that exists
            List.of(fresh, Fixtures.opportunity(profile.id(), key("s-1"), 50, T0)));

    List<String> named = List.of(v1.id().toString(), v1.id().toString(), key("s-1").toString());
    for (int i = 0; i < bad.size(); i++) {
      List<Opportunity> batch = bad.get(i);
      assertThatThrownBy(() -> storage().inTransaction(tx -> tx.opportunities().saveAll(batch)))
          .isInstanceOf(ConcurrentUpdateException.class)
          .hasMessageContaining(named.get(i));
      assertThat(storage().opportunities().find(fresh.id())).isEmpty();
      assertThat(storage().opportunities().find(v1.id())).contains(v2);
    }
  }

  @Test
  void aBatchThatNamesAnOpportunityTwiceSavesItInOrder() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity fresh = Fixtures.opportunity(profile.id(), key("s-1"), 50, T0);
    Opportunity again =
        Opportunity.builder().from(fresh).version(1).status(OpportunityStatus.SAVED).build();

    List<Opportunity> saved = storage().opportunities().saveAll(List.of(fresh, again));

    assertThat(saved).extracting(Opportunity::version).containsExactly(1L, 2L);
    assertThat(storage().opportunities().find(fresh.id())).contains(saved.get(1));
    assertThatThrownBy(
            () ->
                storage()
                    .opportunities()
                    .saveAll(
                        List.of(
                            Fixtures.opportunity(profile.id(), key("s-2"), 50, T0),
                            Fixtures.opportunity(profile.id(), key("s-2"), 60, T0))))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  void aBatchThatChangesAnOpportunitysSignalKeyIsRejected() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Opportunity saved = saveOpportunity(profile, "s-1", 60, T0);
    Opportunity fresh = Fixtures.opportunity(profile.id(), key("s-new"), 50, T0);

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx ->
                            tx.opportunities()
                                .saveAll(
                                    List.of(
                                        fresh,
                                        Opportunity.builder()
                                            .from(saved)
                                            .signalKey(key("s-2"))
                                            .build()))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot change");
    assertThat(storage().opportunities().find(saved.id())).contains(saved);
    assertThat(storage().opportunities().find(fresh.id())).isEmpty();
  }

  @Test
  void opportunitiesOfManySignalsAreListedAcrossProfilesByIdAndOnlyForTheTenant() {
    Profile p1 = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Profile p2 = storage().profiles().save(profileWithId(TENANT_A, "p2"));
    Profile b = storage().profiles().save(profileWithId(TENANT_B, "p1"));
    List<Opportunity> expected = new ArrayList<>();
    expected.add(saveOpportunity(p1, "a", 50, T0));
    expected.add(saveOpportunity(p2, "a", 60, T0));
    expected.add(saveOpportunity(p2, "b", 60, T0));
    saveOpportunity(p1, "not-asked", 70, T0);
    saveOpportunity(b, "a", 80, T0);

    assertThat(
            storage()
                .opportunities()
                .listBySignals(TENANT_A, List.of(key("b"), key("a"), key("x"))))
        .containsExactlyElementsOf(
            expected.stream().sorted(Comparator.comparing(o -> o.id().value())).toList());
    assertThat(storage().opportunities().listBySignals(TENANT_A, List.of())).isEmpty();
  }

  /** 1,200 keys: more than one SQL IN list of 500. */
  @Test
  void opportunitiesOfMoreSignalsThanOneQueryTakesAreAllListed() {
    Profile profile = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    List<Opportunity> batch = new ArrayList<>();
    List<SignalKey> keys = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      keys.add(key("k-" + i));
      if (i % 2 == 1) {
        batch.add(Fixtures.opportunity(profile.id(), key("k-" + i), 50, T0));
      }
    }
    List<Opportunity> saved = storage().opportunities().saveAll(batch);

    assertThat(storage().opportunities().listBySignals(TENANT_A, keys))
        .containsExactlyElementsOf(
            saved.stream().sorted(Comparator.comparing(o -> o.id().value())).toList());
  }

  @Test
  void companyAttributesOfAnOpportunityRoundTrip() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity saved =
        storage()
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(Fixtures.opportunity(p.id(), key("enriched"), 60, T0))
                    .putCompanyAttributes("headcount", "8000")
                    .putCompanyAttributes("description", "Ünïcödé & <b>payments</b> 'infra'")
                    .build());

    assertThat(storage().opportunities().find(saved.id()).orElseThrow().companyAttributes())
        .containsExactlyInAnyOrderEntriesOf(saved.companyAttributes());
  }
}
