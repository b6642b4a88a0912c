package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.AccountView;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStats;
import io.github.discoverysdk.scoring.Scoring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cards created by runs for opportunities that attach to an account, and how they are listed. */
class RunReviewCardsTest {
  private static final Set<ReviewState> PENDING = EnumSet.of(ReviewState.PENDING_REVIEW);

  private final ReviewFixture f = new ReviewFixture();
  private final DiscoveryEngine engine = f.engine();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private List<ReviewCard> cards(AccessScope scope) {
    return engine.reviews().list(TENANT, scope, ReviewState.OPEN, Optional.empty(), 100).items();
  }

  private Opportunity opportunityOf(String signal) {
    return engine
        .feed(
            io.github.discoverysdk.model.FeedQuery.forProfile(f.profile(engine).id())
                .limit(100)
                .build())
        .items()
        .stream()
        .filter(o -> o.signalKey().externalId().equals(signal))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aRunCardsTheOpportunitiesOfAccountsAsPendingReviewAndAuditsEachOnce() {
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    f.news.publish(f.news("s1", "Stripe"), f.news("s2", "Adyen"));

    engine.discover(f.profile(engine).id());

    Opportunity stripe = opportunityOf("s1");
    Opportunity adyen = opportunityOf("s2");
    assertThat(stripe.status()).isEqualTo(OpportunityStatus.PENDING_REVIEW);
    assertThat(adyen.status()).isEqualTo(OpportunityStatus.NEW);
    ReviewCard card = engine.reviews().find(stripe.id()).orElseThrow();
    assertThat(card.state()).isEqualTo(ReviewState.PENDING_REVIEW);
    assertThat(card.accountId()).contains("a1");
    assertThat(card.submittedAt()).contains(f.clock.instant());
    assertThat(engine.reviews().find(adyen.id())).isEmpty();
    assertThat(engine.reviews().history(stripe.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.CREATE);
              assertThat(e.actor()).isEqualTo("system:run");
            });
    AccountView view = engine.accounts().view(TENANT, "a1");
    assertThat(view.open())
        .singleElement()
        .satisfies(o -> assertThat(o.opportunity().id()).isEqualTo(stripe.id()));
  }

  @Test
  void aNewRunKeepsTheStateOfCardsAndCreatesNoSecond() {
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    f.news.publish(f.news("s1", "Stripe"));
    engine.discover(f.profile(engine).id());
    Opportunity o = opportunityOf("s1");
    ReviewCard c = engine.reviews().find(o.id()).orElseThrow();
    c = engine.reviews().approve(ANA, o.id(), c.version(), Optional.empty());
    int rows = f.audit().size();

    f.clock.advance(Duration.ofHours(2));
    // The same signal, changed: the run updates the opportunity, never its review.
    f.news.publish(
        io.github.discoverysdk.model.Signal.builder()
            .from(f.news("s1", "Stripe"))
            .title("Stripe raises more")
            .build());
    engine.discover(f.profile(engine).id());

    assertThat(opportunityOf("s1").title()).isEqualTo("Stripe raises more");
    assertThat(opportunityOf("s1").status()).isEqualTo(OpportunityStatus.APPROVED);
    assertThat(engine.reviews().find(o.id())).contains(c);
    assertThat(f.audit()).hasSize(rows);
  }

  @Test
  void anOpportunityOfAnAccountCreatedLaterIsCardedWhenTheRunWritesItAgain() {
    f.news.publish(f.news("s1", "Stripe"));
    engine.discover(f.profile(engine).id());
    assertThat(cards(AccessScope.tenant())).isEmpty();

    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    f.clock.advance(Duration.ofHours(1));
    f.news.publish(
        io.github.discoverysdk.model.Signal.builder()
            .from(f.news("s1", "Stripe"))
            .title("Stripe, updated")
            .build());
    engine.discover(f.profile(engine).id());

    assertThat(cards(AccessScope.tenant()))
        .singleElement()
        .satisfies(c -> assertThat(c.accountId()).contains("a1"));
  }

  @Test
  void reassigningAnAccountMovesItsCardsToTheNewOwnersScope() {
    Account a = engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    engine.accounts().create(ANA, ReviewFixture.account("a2", "Adyen", "ana", "emea"));
    f.news.publish(f.news("s1", "Stripe"), f.news("s2", "Adyen"));
    engine.discover(f.profile(engine).id());
    AccessScope ana = AccessScope.of("ana", Set.of());
    AccessScope bob = AccessScope.of("bob", Set.of());
    AccessScope apacTeam = AccessScope.of("mia", Set.of("apac"));
    assertThat(cards(ana)).hasSize(2);
    assertThat(cards(bob)).isEmpty();

    engine
        .accounts()
        .reassign(ANA, TENANT, "a1", a.version(), "bob", Optional.of("apac"), "territory change");

    assertThat(cards(ana)).extracting(c -> c.accountId().orElseThrow()).containsExactly("a2");
    assertThat(cards(bob)).extracting(c -> c.accountId().orElseThrow()).containsExactly("a1");
    assertThat(cards(apacTeam)).extracting(c -> c.accountId().orElseThrow()).containsExactly("a1");
    assertThat(engine.accounts().list(TENANT, bob, "", 10).items())
        .extracting(Account::id)
        .containsExactly("a1");
  }

  @Test
  void listingsPageWithAnOpaqueCursorAndStatsCountByState() {
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    for (int i = 0; i < 5; i++) {
      f.news.publish(f.news("s" + i, "Stripe"));
      engine.discover(f.profile(engine).id());
      f.clock.advance(Duration.ofMinutes(1));
    }
    List<ReviewCard> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<ReviewCard> page =
          engine.reviews().list(TENANT, AccessScope.tenant(), PENDING, cursor, 2);
      seen.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    assertThat(seen).extracting(c -> c.submittedAt().orElseThrow()).isSorted();

    Instant from = f.clock.instant();
    ReviewCard first = seen.get(0);
    f.clock.advance(Duration.ofHours(3));
    engine.reviews().approve(ANA, first.opportunityId(), first.version(), Optional.empty());
    ReviewCard second = seen.get(1);
    f.clock.advance(Duration.ofHours(1));
    engine.reviews().reject(ANA, second.opportunityId(), second.version(), "no");

    ReviewStats stats =
        engine
            .reviews()
            .stats(TENANT, AccessScope.tenant(), from, f.clock.instant().plusSeconds(1));
    assertThat(stats.count(ReviewState.PENDING_REVIEW)).isEqualTo(3);
    assertThat(stats.count(ReviewState.APPROVED)).isEqualTo(1);
    assertThat(stats.count(ReviewState.REJECTED)).isEqualTo(1);
    assertThat(stats.count(ReviewState.ACTIVATED)).isZero();
    assertThat(stats.medianTimeToReview()).isPresent();
  }

  @Test
  void pushRulesLeaveOpportunitiesUnderReviewToActivation() {
    DiscoveryEngine pushing =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(f.memory)
            .addSource(f.news)
            .scorer(Scoring.defaults())
            .clock(f.clock)
            .addOpportunitySink(f.crm)
            .pushWhen("crm", (o, p) -> true)
            .review(io.github.discoverysdk.review.ReviewSettings.defaults())
            .build();
    try {
      pushing.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
      f.news.publish(f.news("s1", "Stripe"), f.news("s2", "Adyen"));
      pushing.discover(f.profile(pushing).id());
      Opportunity stripe = opportunityOf("s1");

      assertThat(f.crm.records.keySet()).containsExactly(opportunityOf("s2").id().value());
      ReviewCard c = pushing.reviews().find(stripe.id()).orElseThrow();
      c = pushing.reviews().approve(ANA, stripe.id(), c.version(), Optional.empty());
      pushing.reviews().activate(ANA, stripe.id(), c.version(), "crm");
      assertThat(f.crm.records).containsKey(stripe.id().value());
    } finally {
      pushing.close();
    }
  }

  @Test
  void withReviewOffARunCreatesNoCard() {
    DiscoveryEngine off =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(f.memory)
            .addSource(f.news)
            .scorer(Scoring.defaults())
            .clock(f.clock)
            .build();
    try {
      off.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
      f.news.publish(f.news("s1", "Stripe"));
      off.discover(f.profile(off).id());

      assertThat(cards(AccessScope.tenant())).isEmpty();
      assertThat(f.audit()).extracting(AuditEntry::entityType).containsOnly("account");
      assertThat(off.reviews().escalateOverdue()).isZero();
    } finally {
      off.close();
    }
  }
}
