package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.storage.FeedSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The storage contract's tests of the urgency filter of the opportunity feed ({@link
 * FeedQuery#urgencies()}) and of the inbox ({@link InboxQuery#urgencies()}): the filter applies
 * before paging, so keyset pages are full and together hold exactly the filtered opportunities in
 * the query's order; no urgency named lets all through; another tenant's rows never show.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code UrgencyFilters} against the storage of its {@link StorageContract#createStorage()};
 * never extend this class directly.
 */
public abstract class UrgencyFilterSuite extends StoreSuiteSupport {
  UrgencyFilterSuite() {}

  private static final int COUNT = 26;
  private static final Urgency[] URGENCIES = Urgency.values();

  /**
   * {@code COUNT} opportunities of {@code tenant} cycling through the urgencies, with scores and
   * dates that repeat so that sorts meet ties; TENANT_B gets the same ids, urgencies and scores.
   */
  private List<Opportunity> seed(String tenant) {
    Profile profile = storage().profiles().save(profileWithId(tenant, "urgent"));
    List<Opportunity> out = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      Opportunity base =
          Fixtures.opportunity(
              OpportunityId.of(tenant, "u-" + (i * 7 % COUNT)),
              profile.id(),
              key("u-" + i),
              (i % 5) * 20 + 0.5,
              T0.minus(Duration.ofHours(i % 3)));
      out.add(
          storage()
              .opportunities()
              .save(
                  Opportunity.builder()
                      .from(base)
                      .temporal(
                          TemporalAssessment.builder()
                              .from(base.temporal())
                              .urgency(URGENCIES[i % URGENCIES.length])
                              .build())
                      .build()));
    }
    return out;
  }

  private static List<OpportunityId> expected(
      List<Opportunity> all, FeedSort sort, Set<Urgency> urgencies) {
    return all.stream()
        .filter(o -> urgencies.contains(o.temporal().urgency()))
        .sorted(FeedSupport.comparator(sort))
        .map(Opportunity::id)
        .toList();
  }

  @Test
  void theFeedFiltersByOneUrgency() {
    List<Opportunity> a = seed(TENANT_A);
    seed(TENANT_B);

    List<OpportunityId> high = feedIds(FeedQuery.forTenant(TENANT_A).addUrgencies(Urgency.HIGH));

    assertThat(high)
        .isNotEmpty()
        .containsExactlyElementsOf(expected(a, FeedSort.RELEVANCE, EnumSet.of(Urgency.HIGH)));
    assertThat(high).allMatch(id -> id.tenant().equals(TENANT_A));
  }

  @ParameterizedTest
  @EnumSource(FeedSort.class)
  void pagingTheFeedFilteredByTwoUrgenciesGivesFullPagesOfExactlyThoseInOrder(FeedSort sort) {
    List<Opportunity> a = seed(TENANT_A);
    seed(TENANT_B);
    Set<Urgency> wanted = EnumSet.of(Urgency.CRITICAL, Urgency.LOW);

    List<Page<Opportunity>> pages =
        readAll(
            FeedQuery.forTenant(TENANT_A)
                .addUrgencies(Urgency.LOW, Urgency.CRITICAL)
                .sortBy(sort)
                .limit(4)
                .build());

    List<OpportunityId> expected = expected(a, sort, wanted);
    assertThat(pages.stream().flatMap(p -> p.items().stream()).map(Opportunity::id).toList())
        .containsExactlyElementsOf(expected);
    // Filtered before paging: every page but the last is full, and no page is empty.
    assertThat(pages).hasSize((expected.size() + 3) / 4);
    for (Page<Opportunity> page : pages.subList(0, pages.size() - 1)) {
      assertThat(page.items()).hasSize(4);
    }
    assertThat(pages.get(pages.size() - 1).items()).isNotEmpty();
  }

  @Test
  void theFeedWithoutUrgenciesListsEveryUrgencyAndTheFilterCombinesWithOthers() {
    List<Opportunity> a = seed(TENANT_A);
    seed(TENANT_B);

    assertThat(feedIds(FeedQuery.forTenant(TENANT_A)))
        .containsExactlyElementsOf(expected(a, FeedSort.RELEVANCE, EnumSet.allOf(Urgency.class)));
    assertThat(feedIds(FeedQuery.forTenant(TENANT_A).addAllUrgencies(Set.of()))).hasSize(COUNT);
    assertThat(
            feedIds(
                FeedQuery.forTenant(TENANT_A)
                    .addUrgencies(Urgency.MEDIUM, Urgency.HIGH)
                    .minScore(60)))
        .containsExactlyElementsOf(
            a.stream()
                .filter(o -> o.score().total() >= 60)
                .filter(o -> Set.of(Urgency.MEDIUM, Urgency.HIGH).contains(o.temporal().urgency()))
                .sorted(FeedSupport.comparator(FeedSort.RELEVANCE))
                .map(Opportunity::id)
                .toList());
  }

  @Test
  void aTenantsUrgencyFilterNeverShowsAnotherTenantsOpportunities() {
    seed(TENANT_A);

    assertThat(feedIds(FeedQuery.forTenant(TENANT_B).addUrgencies(URGENCIES))).isEmpty();
    List<Opportunity> b = seed(TENANT_B);
    assertThat(feedIds(FeedQuery.forTenant(TENANT_B).addUrgencies(Urgency.CRITICAL)))
        .containsExactlyElementsOf(expected(b, FeedSort.RELEVANCE, EnumSet.of(Urgency.CRITICAL)))
        .allMatch(id -> id.tenant().equals(TENANT_B));
  }

  // ---- inbox

  /** Records a card for each opportunity, carded a minute apart in the order given. */
  private List<Opportunity> carded(List<Opportunity> opportunities) {
    List<CardInsight> records = new ArrayList<>();
    for (int i = 0; i < opportunities.size(); i++) {
      Opportunity o = opportunities.get(i);
      Instant carded = T0.plus(Duration.ofMinutes(i / 2));
      records.add(
          new CardInsight(o.id(), Optional.empty(), SOURCE, T0, T0, carded, Set.of(), true, true));
    }
    storage().insight().recordAll(records);
    return opportunities;
  }

  /** Every page of the tenant's inbox under {@code query}, {@code limit} cards a page. */
  private List<List<CardSummary>> inboxPages(String tenant, InboxQuery query, int limit) {
    List<List<CardSummary>> pages = new ArrayList<>();
    Optional<InboxCursor> after = Optional.empty();
    for (int guard = 0; guard < 100; guard++) {
      List<CardSummary> page =
          storage().insight().inbox(tenant, AccessScope.tenant(), query, after, limit);
      if (page.isEmpty()) {
        return pages;
      }
      pages.add(page);
      after = Optional.of(InboxCursor.after(page.get(page.size() - 1), false));
    }
    throw new AssertionError("the inbox did not end after 100 pages");
  }

  private static List<OpportunityId> ids(List<List<CardSummary>> pages) {
    return pages.stream().flatMap(List::stream).map(CardSummary::opportunityId).toList();
  }

  /** The inbox order: newest card first, ties by opportunity id. */
  private static List<OpportunityId> inboxOrder(List<Opportunity> all, Set<Urgency> urgencies) {
    List<Opportunity> kept =
        all.stream().filter(o -> urgencies.contains(o.temporal().urgency())).toList();
    return kept.stream()
        .sorted(
            Comparator.comparing((Opportunity o) -> -(all.indexOf(o) / 2))
                .thenComparing(o -> o.id().value()))
        .map(Opportunity::id)
        .toList();
  }

  @Test
  void theInboxFiltersByOneAndByTwoUrgenciesAcrossPages() {
    List<Opportunity> a = carded(seed(TENANT_A));
    carded(seed(TENANT_B));

    List<List<CardSummary>> high =
        inboxPages(TENANT_A, InboxQuery.builder().addUrgencies(Urgency.HIGH).build(), 3);
    assertThat(ids(high))
        .isNotEmpty()
        .containsExactlyElementsOf(inboxOrder(a, EnumSet.of(Urgency.HIGH)));

    List<List<CardSummary>> two =
        inboxPages(
            TENANT_A,
            InboxQuery.builder().addUrgencies(Urgency.CRITICAL, Urgency.MEDIUM).build(),
            4);
    List<OpportunityId> expected = inboxOrder(a, EnumSet.of(Urgency.CRITICAL, Urgency.MEDIUM));
    assertThat(ids(two)).containsExactlyElementsOf(expected);
    for (List<CardSummary> page : two.subList(0, two.size() - 1)) {
      assertThat(page).hasSize(4);
    }
    assertThat(two).hasSize((expected.size() + 3) / 4);
  }

  @Test
  void theInboxWithoutUrgenciesListsEveryCardAndTheFilterFollowsARefresh() {
    List<Opportunity> a = carded(seed(TENANT_A));

    assertThat(ids(inboxPages(TENANT_A, InboxQuery.all(), 5)))
        .containsExactlyElementsOf(inboxOrder(a, EnumSet.allOf(Urgency.class)));

    // A run makes a LOW card critical and refreshes its record: the filter follows.
    Opportunity low =
        a.stream().filter(o -> o.temporal().urgency() == Urgency.LOW).findFirst().orElseThrow();
    Opportunity stored = storage().opportunities().find(low.id()).orElseThrow();
    storage()
        .opportunities()
        .save(
            Opportunity.builder()
                .from(stored)
                .temporal(
                    TemporalAssessment.builder()
                        .from(stored.temporal())
                        .urgency(Urgency.CRITICAL)
                        .build())
                .build());
    storage().insight().refresh(List.of(low.id()));
    InboxQuery critical = InboxQuery.builder().addUrgencies(Urgency.CRITICAL).build();
    assertThat(ids(inboxPages(TENANT_A, critical, 50))).contains(low.id());
    assertThat(
            ids(inboxPages(TENANT_A, InboxQuery.builder().addUrgencies(Urgency.LOW).build(), 50)))
        .doesNotContain(low.id());
  }

  @Test
  void theInboxUrgencyFilterNeverShowsAnotherTenantsCards() {
    carded(seed(TENANT_A));
    InboxQuery every = InboxQuery.builder().addUrgencies(URGENCIES).build();

    assertThat(inboxPages(TENANT_B, every, 10)).isEmpty();
    List<Opportunity> b = carded(seed(TENANT_B));
    assertThat(ids(inboxPages(TENANT_B, every, 10)))
        .containsExactlyElementsOf(inboxOrder(b, EnumSet.allOf(Urgency.class)))
        .allMatch(id -> id.tenant().equals(TENANT_B));
  }
}
