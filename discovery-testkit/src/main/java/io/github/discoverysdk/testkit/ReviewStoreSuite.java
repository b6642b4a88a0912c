package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ReviewFixtures.account;
import static io.github.discoverysdk.testkit.ReviewFixtures.card;
import static io.github.discoverysdk.testkit.ReviewFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of reviews(): versioned cards that go with their opportunity, and
 * read models scoped through the cards' accounts.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Reviews} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class ReviewStoreSuite extends StoreSuiteSupport {
  ReviewStoreSuite() {}

  private static final Set<ReviewState> ALL = EnumSet.allOf(ReviewState.class);
  private static final Set<ReviewState> PENDING = EnumSet.of(ReviewState.PENDING_REVIEW);

  private ReviewStore reviews() {
    return storage().reviews();
  }

  @Test
  void aCardIsInsertedThenUpdatedFromItsVersionAndAStaleVersionFails() {
    Opportunity o = opportunities(TENANT_A, 1).get(0);
    ReviewCard saved = reviews().save(card(o, "acc-1", T0));

    assertThat(saved.version()).isEqualTo(1);
    assertThat(reviews().find(o.id())).contains(saved);
    ReviewCard pending = reviews().save(submitted(saved, T0.plusSeconds(60)));
    assertThat(pending.version()).isEqualTo(2);
    assertThat(reviews().find(o.id())).contains(pending);

    assertThatThrownBy(() -> reviews().save(submitted(saved, T0.plusSeconds(90))))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> reviews().save(card(o, null, T0)))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("already exists");
    assertThat(reviews().find(o.id())).contains(pending);
  }

  @Test
  void aCardNeedsItsOpportunity() {
    Opportunity o = opportunities(TENANT_A, 1).get(0);
    Opportunity missing =
        Opportunity.builder().from(o).id(OpportunityId.of(TENANT_A, "no-such")).build();

    assertThatThrownBy(() -> reviews().save(card(missing, null, T0)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                reviews()
                    .save(ReviewCard.builder().from(card(missing, null, T0)).version(1).build()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> reviews().createAll(List.of(card(o, null, T0), card(missing, null, T0))))
        .isInstanceOf(ValidationException.class);
    assertThat(reviews().find(o.id())).as("createAll is all-or-nothing").isEmpty();
  }

  @Test
  void createAllInsertsOnlyNewCardsOfOpportunitiesWithoutOneInOrder() {
    List<Opportunity> os = opportunities(TENANT_A, 5);
    ReviewCard existing = reviews().save(card(os.get(1), "acc-old", T0));

    List<ReviewCard> created =
        reviews()
            .createAll(
                List.of(
                    card(os.get(3), "acc-1", T0),
                    card(os.get(1), "acc-new", T0),
                    card(os.get(0), null, T0),
                    card(os.get(3), "acc-dup", T0),
                    ReviewCard.builder().from(card(os.get(4), null, T0)).version(2).build()));

    assertThat(created)
        .extracting(
            c -> c.opportunityId().value(), c -> c.accountId().orElse(""), ReviewCard::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("o-3", "acc-1", 1L),
            org.assertj.core.groups.Tuple.tuple("o-0", "", 1L));
    assertThat(reviews().find(os.get(1).id())).contains(existing);
    assertThat(reviews().find(os.get(4).id())).isEmpty();
    assertThat(reviews().find(os.get(3).id())).contains(created.get(0));
    assertThat(reviews().createAll(List.of(card(os.get(0), null, T0)))).isEmpty();
    assertThat(reviews().createAll(List.of())).isEmpty();
  }

  @Test
  void findAllReturnsTheStoredCardsById() {
    List<Opportunity> os = opportunities(TENANT_A, 3);
    ReviewCard c0 = reviews().save(card(os.get(0), null, T0));
    ReviewCard c2 = reviews().save(card(os.get(2), "acc-1", T0));

    Map<OpportunityId, ReviewCard> found =
        reviews()
            .findAll(
                List.of(
                    os.get(0).id(),
                    os.get(1).id(),
                    os.get(2).id(),
                    OpportunityId.of(TENANT_A, "x")));

    assertThat(found)
        .containsOnly(Map.entry(c0.opportunityId(), c0), Map.entry(c2.opportunityId(), c2));
    assertThat(reviews().findAll(List.of())).isEmpty();
    assertThat(reviews().findAll(List.of(OpportunityId.of(TENANT_B, "o-0")))).isEmpty();
    assertThatThrownBy(
            () -> reviews().findAll(List.of(os.get(0).id(), OpportunityId.of(TENANT_B, "o-0"))))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void cardsGoWithTheirProfileAndDoNotComeBackWithARecreatedOpportunity() {
    List<Opportunity> os = opportunities(TENANT_A, 2);
    storage().accounts().save(account(TENANT_A, "acc-1", "alice", null));
    reviews().save(submitted(card(os.get(0), "acc-1", T0), T0));
    reviews().save(card(os.get(1), null, T0));

    assertThat(storage().profiles().delete(os.get(0).profileId())).isTrue();

    assertThat(reviews().find(os.get(0).id())).isEmpty();
    assertThat(reviews().findAll(List.of(os.get(0).id(), os.get(1).id()))).isEmpty();
    assertThat(reviews().list(TENANT_A, AccessScope.tenant(), ALL, Optional.empty(), 10)).isEmpty();
    assertThat(reviews().byAccount(TENANT_A, "acc-1", ALL, 10)).isEmpty();
    assertThat(reviews().counts(TENANT_A, AccessScope.tenant()).values()).containsOnly(0L);
    assertThat(reviews().overdue(TENANT_A, T0.plusSeconds(1), 10)).isEmpty();

    Profile again = storage().profiles().save(profileWithId(TENANT_A, "p-again"));
    storage()
        .opportunities()
        .save(Fixtures.opportunity(os.get(0).id(), again.id(), key("s-0"), 50, T0));
    assertThat(reviews().find(os.get(0).id())).isEmpty();
    assertThat(reviews().save(card(os.get(0), null, T0)).version()).isEqualTo(1);
  }

  @Test
  void cardsAreScopedByTenant() {
    Opportunity a = opportunities(TENANT_A, 1).get(0);
    Opportunity b = opportunities(TENANT_B, 1).get(0);
    ReviewCard ca = reviews().save(submitted(card(a, "acc-1", T0), T0));

    assertThat(reviews().find(b.id())).isEmpty();
    assertThat(reviews().findAll(List.of(b.id()))).isEmpty();
    assertThat(reviews().list(TENANT_B, AccessScope.tenant(), ALL, Optional.empty(), 10)).isEmpty();
    assertThat(reviews().byAccount(TENANT_B, "acc-1", ALL, 10)).isEmpty();
    assertThat(reviews().counts(TENANT_B, AccessScope.tenant()).values()).containsOnly(0L);
    assertThat(reviews().overdue(TENANT_B, T0.plusSeconds(1), 10)).isEmpty();
    ReviewCard cb = reviews().save(card(b, "acc-1", T0));
    assertThat(reviews().find(a.id())).contains(ca);
    assertThat(reviews().find(b.id())).contains(cb);
  }

  @Test
  void hostileCardTextIsStoredAndReadBackVerbatim() {
    String tenant = "t.a_b:c@d-e";
    Profile p = storage().profiles().save(profileWithId(tenant, "p' OR '1'='1"));
    Opportunity o =
        storage()
            .opportunities()
            .save(
                Fixtures.opportunity(
                    OpportunityId.of(tenant, "o'pp\"; --\u2028\ud83d\ude80"),
                    p.id(),
                    key("s'1"),
                    50,
                    T0));
    ReviewCard card =
        ReviewCard.builder()
            .from(submitted(card(o, "acc'; DROP TABLE x; --", T0), T0.plusNanos(5_000)))
            .narrative("\u2028' OR 1=1 --\n\"quoted\" \\ ${x} $1 ?" + "\u00e9".repeat(3_950))
            .scoreOverride(0.125)
            .scoreReason("\ud83d\ude00 because ' \"")
            .addNotes("], \"x\": [", "n\u00f6te\ttab", "\u5317".repeat(ReviewCard.MAX_TEXT))
            .decidedBy("a\"lice\\%")
            .build();

    ReviewCard saved = reviews().save(card);

    assertThat(reviews().find(o.id())).contains(saved);
    assertThat(reviews().list(tenant, AccessScope.tenant(), ALL, Optional.empty(), 10))
        .containsExactly(saved);
    assertThat(reviews().findAll(List.of(o.id()))).containsEntry(o.id(), saved);
    assertThat(
            reviews()
                .list(
                    tenant, AccessScope.tenant(), ALL, Optional.of(ReviewCursor.after(saved)), 10))
        .isEmpty();
  }

  private static List<String> values(List<ReviewCard> cards) {
    return cards.stream().map(c -> c.opportunityId().value()).toList();
  }
}
