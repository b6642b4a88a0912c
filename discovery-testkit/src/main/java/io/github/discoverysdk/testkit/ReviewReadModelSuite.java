package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ReviewFixtures.account;
import static io.github.discoverysdk.testkit.ReviewFixtures.card;
import static io.github.discoverysdk.testkit.ReviewFixtures.decided;
import static io.github.discoverysdk.testkit.ReviewFixtures.reassigned;
import static io.github.discoverysdk.testkit.ReviewFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of the read models of reviews(): the queue, the account view, the
 * counts, the median time to review and the overdue cards, scoped through the cards' accounts.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code ReviewReadModels} against the storage of its {@link
 * StorageContract#createStorage()}; never extend this class directly.
 */
public abstract class ReviewReadModelSuite extends StoreSuiteSupport {
  ReviewReadModelSuite() {}

  private static final Set<ReviewState> ALL = EnumSet.allOf(ReviewState.class);
  private static final Set<ReviewState> PENDING = EnumSet.of(ReviewState.PENDING_REVIEW);

  private ReviewStore reviews() {
    return storage().reviews();
  }

  /** Oldest queued first (submitted, else created), ties by opportunity id, paged by cursor. */
  @Test
  void theListIsInQueueOrderFilteredByStateAndPagedByCursor() {
    List<Opportunity> os = opportunities(TENANT_A, 6);
    reviews().save(card(os.get(0), null, T0.plusSeconds(50)));
    reviews().save(submitted(card(os.get(1), null, T0), T0.plusSeconds(30)));
    reviews().save(card(os.get(2), null, T0.plusSeconds(30)));
    reviews().save(submitted(card(os.get(3), null, T0), T0.plusSeconds(10)));
    reviews().save(card(os.get(4), null, T0.plusSeconds(30)));
    reviews()
        .save(
            decided(
                submitted(card(os.get(5), null, T0), T0.plusSeconds(5)),
                ReviewState.APPROVED,
                "bob",
                Duration.ofSeconds(1)));

    assertThat(values(reviews().list(TENANT_A, AccessScope.tenant(), ALL, Optional.empty(), 10)))
        .containsExactly("o-5", "o-3", "o-1", "o-2", "o-4", "o-0");
    assertThat(
            values(reviews().list(TENANT_A, AccessScope.tenant(), PENDING, Optional.empty(), 10)))
        .containsExactly("o-3", "o-1");
    assertThat(
            values(
                reviews()
                    .list(
                        TENANT_A,
                        AccessScope.tenant(),
                        EnumSet.of(ReviewState.NEW, ReviewState.APPROVED),
                        Optional.empty(),
                        10)))
        .containsExactly("o-5", "o-2", "o-4", "o-0");
    assertThat(reviews().list(TENANT_A, AccessScope.tenant(), Set.of(), Optional.empty(), 10))
        .isEmpty();

    List<String> paged = new ArrayList<>();
    Optional<ReviewCursor> after = Optional.empty();
    for (int guard = 0; guard < 10; guard++) {
      List<ReviewCard> page = reviews().list(TENANT_A, AccessScope.tenant(), ALL, after, 2);
      assertThat(page.size()).isLessThanOrEqualTo(2);
      paged.addAll(values(page));
      if (page.size() < 2) {
        break;
      }
      after = Optional.of(ReviewCursor.after(page.get(page.size() - 1)));
    }
    assertThat(paged).containsExactly("o-5", "o-3", "o-1", "o-2", "o-4", "o-0");
    assertThat(reviews().list(TENANT_A, AccessScope.tenant(), ALL, Optional.empty(), 0)).isEmpty();
    assertThatThrownBy(
            () -> reviews().list(TENANT_A, AccessScope.tenant(), ALL, Optional.empty(), -1))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void byAccountListsTheCardsOfOneAccountInQueueOrder() {
    List<Opportunity> os = opportunities(TENANT_A, 4);
    reviews().save(card(os.get(0), "acc-1", T0.plusSeconds(20)));
    reviews().save(card(os.get(1), "acc-2", T0));
    reviews().save(submitted(card(os.get(2), "acc-1", T0), T0.plusSeconds(10)));
    reviews().save(card(os.get(3), null, T0));

    assertThat(values(reviews().byAccount(TENANT_A, "acc-1", ALL, 10)))
        .containsExactly("o-2", "o-0");
    assertThat(values(reviews().byAccount(TENANT_A, "acc-1", PENDING, 10))).containsExactly("o-2");
    assertThat(values(reviews().byAccount(TENANT_A, "acc-1", ALL, 1))).containsExactly("o-2");
    assertThat(reviews().byAccount(TENANT_A, "ACC-1", ALL, 10)).isEmpty();
    assertThat(reviews().byAccount(TENANT_B, "acc-1", ALL, 10)).isEmpty();
  }

  /**
   * alice owns acc-a (team t1), bob owns acc-b (team t2); o-2 has no account. Own, team and
   * whole-tenant scopes see their cards in the list, the counts and the median, and a card without
   * an account only in the whole tenant's.
   */
  @Test
  void scopeFiltersTheListTheCountsAndTheMedianInTheirQueries() {
    List<Opportunity> os = opportunities(TENANT_A, 4);
    storage().accounts().save(account(TENANT_A, "acc-a", "alice", "t1"));
    storage().accounts().save(account(TENANT_A, "acc-b", "bob", "t2"));
    reviews()
        .save(
            decided(
                submitted(card(os.get(0), "acc-a", T0), T0),
                ReviewState.APPROVED,
                "m",
                Duration.ofSeconds(10)));
    reviews()
        .save(
            decided(
                submitted(card(os.get(1), "acc-b", T0), T0),
                ReviewState.REJECTED,
                "m",
                Duration.ofSeconds(30)));
    reviews()
        .save(
            decided(
                submitted(card(os.get(2), null, T0), T0),
                ReviewState.APPROVED,
                "m",
                Duration.ofSeconds(100)));
    reviews().save(submitted(card(os.get(3), "acc-a", T0), T0.plusSeconds(1)));
    AccessScope alice = AccessScope.of("alice", Set.of());
    AccessScope bob = AccessScope.of("bob", Set.of());
    AccessScope managerOfBoth = AccessScope.of("carol", Set.of("t1", "t2"));
    AccessScope stranger = AccessScope.of("mallory", Set.of("t9"));

    assertThat(values(reviews().list(TENANT_A, alice, ALL, Optional.empty(), 10)))
        .containsExactly("o-0", "o-3");
    assertThat(values(reviews().list(TENANT_A, bob, ALL, Optional.empty(), 10)))
        .containsExactly("o-1");
    assertThat(values(reviews().list(TENANT_A, managerOfBoth, ALL, Optional.empty(), 10)))
        .containsExactly("o-0", "o-1", "o-3");
    assertThat(values(reviews().list(TENANT_A, AccessScope.tenant(), ALL, Optional.empty(), 10)))
        .containsExactly("o-0", "o-1", "o-2", "o-3");
    assertThat(reviews().list(TENANT_A, stranger, ALL, Optional.empty(), 10)).isEmpty();

    assertThat(reviews().counts(TENANT_A, alice))
        .containsEntry(ReviewState.APPROVED, 1L)
        .containsEntry(ReviewState.PENDING_REVIEW, 1L)
        .containsEntry(ReviewState.REJECTED, 0L)
        .containsEntry(ReviewState.NEW, 0L)
        .containsEntry(ReviewState.ACTIVATED, 0L)
        .hasSize(ReviewState.values().length);
    assertThat(reviews().counts(TENANT_A, AccessScope.tenant()))
        .containsEntry(ReviewState.APPROVED, 2L)
        .containsEntry(ReviewState.REJECTED, 1L)
        .containsEntry(ReviewState.PENDING_REVIEW, 1L);
    assertThat(reviews().counts(TENANT_A, stranger).values()).containsOnly(0L);

    var from = T0;
    var to = T0.plusSeconds(3_600);
    assertThat(reviews().medianTimeToReview(TENANT_A, alice, from, to))
        .contains(Duration.ofSeconds(10));
    assertThat(reviews().medianTimeToReview(TENANT_A, managerOfBoth, from, to))
        .contains(Duration.ofSeconds(20));
    assertThat(reviews().medianTimeToReview(TENANT_A, AccessScope.tenant(), from, to))
        .contains(Duration.ofSeconds(30));
    assertThat(reviews().medianTimeToReview(TENANT_A, stranger, from, to)).isEmpty();
  }

  /**
   * Medians of hours and days: MariaDB's MEDIAN caps its result at 10^8, which microseconds pass
   * after 100 seconds.
   */
  @Test
  void theMedianTimeToReviewHoldsForReviewsOfHoursAndDays() {
    List<Opportunity> os = opportunities(TENANT_A, 3);
    reviews()
        .save(
            decided(
                submitted(card(os.get(0), null, T0), T0),
                ReviewState.APPROVED,
                "m",
                Duration.ofHours(3)));
    reviews()
        .save(
            decided(
                submitted(card(os.get(1), null, T0), T0),
                ReviewState.REJECTED,
                "m",
                Duration.ofHours(5)));
    reviews()
        .save(
            decided(
                submitted(card(os.get(2), null, T0), T0),
                ReviewState.APPROVED,
                "m",
                Duration.ofDays(3)));

    assertThat(
            reviews()
                .medianTimeToReview(
                    TENANT_A, AccessScope.tenant(), T0, T0.plus(Duration.ofDays(4))))
        .contains(Duration.ofHours(5));
  }

  @Test
  void reassigningAnAccountMovesItsCardsToTheNewScopeAtOnce() {
    List<Opportunity> os = opportunities(TENANT_A, 2);
    Account acc = storage().accounts().save(account(TENANT_A, "acc-1", "alice", "t1"));
    reviews().save(submitted(card(os.get(0), "acc-1", T0), T0));
    reviews().save(submitted(card(os.get(1), "acc-1", T0), T0.plusSeconds(1)));
    AccessScope alice = AccessScope.of("alice", Set.of());
    AccessScope bob = AccessScope.of("bob", Set.of());
    assertThat(reviews().list(TENANT_A, alice, PENDING, Optional.empty(), 10)).hasSize(2);

    storage().accounts().save(reassigned(acc, "bob", "t2"));

    assertThat(reviews().list(TENANT_A, alice, PENDING, Optional.empty(), 10)).isEmpty();
    assertThat(values(reviews().list(TENANT_A, bob, PENDING, Optional.empty(), 10)))
        .containsExactly("o-0", "o-1");
    assertThat(
            reviews().list(TENANT_A, AccessScope.of("x", Set.of("t1")), ALL, Optional.empty(), 10))
        .isEmpty();
    assertThat(reviews().counts(TENANT_A, alice).get(ReviewState.PENDING_REVIEW)).isZero();
    assertThat(reviews().counts(TENANT_A, bob).get(ReviewState.PENDING_REVIEW)).isEqualTo(2);
  }

  /** Odd count: the middle value; even: the mean of the two middle ones. */
  @Test
  void theMedianTimeToReviewIsTakenOverDecisionsInTheWindow() {
    List<Opportunity> os = opportunities(TENANT_A, 7);
    List<Duration> times =
        List.of(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(90));
    for (int i = 0; i < times.size(); i++) {
      reviews()
          .save(
              decided(
                  submitted(card(os.get(i), null, T0), T0.plusSeconds(i)),
                  i == 2 ? ReviewState.REJECTED : ReviewState.APPROVED,
                  "m",
                  times.get(i)));
    }
    // Decided before the window, and a card refined back to review since its decision: neither
    // counts.
    reviews()
        .save(
            decided(
                submitted(card(os.get(3), null, T0), T0.minusSeconds(600)),
                ReviewState.APPROVED,
                "m",
                Duration.ofSeconds(1)));
    ReviewCard refined =
        decided(
            submitted(card(os.get(4), null, T0), T0),
            ReviewState.APPROVED,
            "m",
            Duration.ofDays(1));
    reviews().save(submitted(refined, T0.plus(Duration.ofDays(2))));
    var from = T0;
    var to = T0.plus(Duration.ofDays(3));

    assertThat(reviews().medianTimeToReview(TENANT_A, AccessScope.tenant(), from, to))
        .contains(Duration.ofSeconds(60));

    reviews()
        .save(
            decided(
                submitted(card(os.get(5), null, T0), T0),
                ReviewState.ACTIVATED,
                "m",
                Duration.ofSeconds(75)));
    assertThat(reviews().medianTimeToReview(TENANT_A, AccessScope.tenant(), from, to))
        .contains(Duration.ofMillis(67_500));
    assertThat(reviews().medianTimeToReview(TENANT_A, AccessScope.tenant(), to, to.plusSeconds(1)))
        .isEmpty();
    assertThat(
            reviews()
                .medianTimeToReview(
                    TENANT_A, AccessScope.tenant(), T0.plusSeconds(11), T0.plusSeconds(12)))
        .as("only the decision at T0 + 11 s lies in [T0 + 11 s, T0 + 12 s)")
        .contains(Duration.ofSeconds(10));
    assertThat(reviews().medianTimeToReview(TENANT_B, AccessScope.tenant(), from, to)).isEmpty();
  }

  @Test
  void overdueListsPendingCardsSubmittedBeforeTheTimeAndNotEscalatedOldestFirst() {
    List<Opportunity> os = opportunities(TENANT_A, 5);
    reviews().save(submitted(card(os.get(0), null, T0), T0.plusSeconds(20)));
    reviews().save(submitted(card(os.get(1), null, T0), T0.plusSeconds(10)));
    reviews().save(submitted(card(os.get(2), null, T0), T0.plusSeconds(100)));
    reviews()
        .save(
            ReviewCard.builder()
                .from(submitted(card(os.get(3), null, T0), T0))
                .escalatedAt(T0.plusSeconds(50))
                .build());
    reviews().save(card(os.get(4), null, T0));

    assertThat(values(reviews().overdue(TENANT_A, T0.plusSeconds(100), 10)))
        .containsExactly("o-1", "o-0");
    assertThat(values(reviews().overdue(TENANT_A, T0.plusSeconds(100), 1))).containsExactly("o-1");
    assertThat(values(reviews().overdue(TENANT_A, T0.plusSeconds(101), 10)))
        .containsExactly("o-1", "o-0", "o-2");
    assertThat(reviews().overdue(TENANT_A, T0.plusSeconds(10), 10)).isEmpty();
    assertThat(reviews().overdue(TENANT_B, T0.plusSeconds(101), 10)).isEmpty();
  }

  /**
   * Opportunity ids that differ only by a trailing space or by case are distinct cards, and the
   * queue pages through each of them by cursor.
   */
  @Test
  void cardsOfIdsDifferingOnlyByATrailingSpaceOrCaseAreDistinctAndPagedThrough() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p"));
    List<String> ids = List.of("k", "k ", "K", "k  ");
    for (String id : ids) {
      Opportunity o =
          storage()
              .opportunities()
              .save(
                  Fixtures.opportunity(
                      OpportunityId.of(TENANT_A, id), p.id(), key("s" + ids.indexOf(id)), 50, T0));
      reviews().save(card(o, "acc-" + ids.indexOf(id), T0));
    }

    for (String id : ids) {
      assertThat(reviews().find(OpportunityId.of(TENANT_A, id)))
          .as("card '%s'", id)
          .hasValueSatisfying(c -> assertThat(c.accountId()).contains("acc-" + ids.indexOf(id)));
    }
    List<String> paged = new ArrayList<>();
    Optional<ReviewCursor> after = Optional.empty();
    for (int guard = 0; guard < 10; guard++) {
      List<ReviewCard> page = reviews().list(TENANT_A, AccessScope.tenant(), ALL, after, 1);
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(values(page));
      after = Optional.of(ReviewCursor.after(page.get(0)));
    }
    assertThat(paged).containsExactly("K", "k", "k ", "k  ");
  }

  private static List<String> values(List<ReviewCard> cards) {
    return cards.stream().map(c -> c.opportunityId().value()).toList();
  }
}
