package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ReviewFixtures.account;
import static io.github.discoverysdk.testkit.ReviewFixtures.card;
import static io.github.discoverysdk.testkit.ReviewFixtures.decided;
import static io.github.discoverysdk.testkit.ReviewFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.insight.Trend;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of insight(): card records written once, and the read models over
 * them (account health, inbox figures, dashboard, filtered inbox), scoped through the cards'
 * accounts.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Insight} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class InsightStoreSuite extends StoreSuiteSupport {
  InsightStoreSuite() {}

  private static final Duration DAY = Duration.ofDays(1);
  private static final Instant NOW = T0.plus(Duration.ofDays(56));

  private InsightStore insight() {
    return storage().insight();
  }

  /** Opportunities of one profile with the given scores (0..100), published at {@code at}. */
  private List<Opportunity> saved(String tenant, String profile, Instant at, double... scores) {
    Profile p = storage().profiles().save(profileWithId(tenant, profile));
    List<Opportunity> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      out.add(
          storage()
              .opportunities()
              .save(
                  Fixtures.opportunity(
                      OpportunityId.of(tenant, profile + "-o" + i),
                      p.id(),
                      key(profile + "-s" + i),
                      scores[i],
                      at)));
    }
    return out;
  }

  private static CardInsight record(
      Opportunity o, String account, Instant published, Instant carded, RiskFlag... flags) {
    return new CardInsight(
        o.id(),
        Optional.ofNullable(account),
        SOURCE,
        published,
        published.plusSeconds(60),
        carded,
        flags.length == 0 ? Set.of() : Set.of(flags),
        true,
        true);
  }

  @Test
  void aRecordIsWrittenOnceAndGoesWithItsOpportunity() {
    Opportunity o = saved(TENANT_A, "p1", T0, 50).get(0);
    CardInsight first = record(o, null, T0, T0.plusSeconds(600), RiskFlag.FUNDING);
    insight().recordAll(List.of(first));
    insight().recordAll(List.of(record(o, null, T0, T0.plusSeconds(9_000))));

    assertThat(insight().find(o.id())).contains(first);
    assertThat(first.latency()).isEqualTo(Duration.ofSeconds(600));
    storage().accounts().save(account(TENANT_A, "acc-late", "alice", null, "Late"));
    insight().recordAll(List.of(record(o, "acc-late", T0, T0.plusSeconds(9_000))));
    insight().recordAll(List.of(record(o, "acc-other", T0, T0.plusSeconds(9_000))));
    assertThat(insight().find(o.id()).map(CardInsight::accountId))
        .contains(Optional.of("acc-late"));
    assertThat(insight().find(o.id()).map(CardInsight::cardedAt)).contains(first.cardedAt());
    assertThat(insight().find(OpportunityId.of(TENANT_B, o.id().value()))).isEmpty();

    storage().profiles().delete(o.profileId());
    assertThat(insight().find(o.id())).isEmpty();
  }

  @Test
  void aRecordNeedsItsOpportunity() {
    Opportunity o = saved(TENANT_A, "p1", T0, 50).get(0);
    CardInsight orphan = record(o, null, T0, T0);
    CardInsight missing =
        new CardInsight(
            OpportunityId.of(TENANT_A, "missing"),
            Optional.empty(),
            SOURCE,
            T0,
            T0,
            T0,
            Set.of(),
            false,
            false);
    assertThatThrownBy(() -> insight().recordAll(List.of(orphan, missing)))
        .isInstanceOf(ValidationException.class);
    assertThat(insight().find(o.id())).isEmpty();
  }

  /** Two accounts: alice's (team red) and bob's; one card without an account. */
  private List<Opportunity> world() {
    storage().accounts().save(account(TENANT_A, "acc-a", "alice", "red", "Alpha"));
    storage().accounts().save(account(TENANT_A, "acc-b", "bob", null, "Beta"));
    List<Opportunity> os = saved(TENANT_A, "p1", T0, 80, 50, 20, 60);
    insight()
        .recordAll(
            List.of(
                record(
                    os.get(0),
                    "acc-a",
                    NOW.minus(DAY.multipliedBy(3)),
                    NOW.minus(DAY.multipliedBy(2))),
                record(
                    os.get(1),
                    "acc-a",
                    NOW.minus(DAY.multipliedBy(20)),
                    NOW.minus(DAY.multipliedBy(10)),
                    RiskFlag.LAYOFFS),
                record(
                    os.get(2),
                    "acc-b",
                    NOW.minus(DAY.multipliedBy(4)),
                    NOW.minus(DAY.multipliedBy(1))),
                record(
                    os.get(3),
                    null,
                    NOW.minus(DAY.multipliedBy(5)),
                    NOW.minus(DAY.multipliedBy(5)))));
    return os;
  }

  /** A card of {@code o} submitted at {@code submitted} and decided {@code after} it. */
  private void decide(
      Opportunity o, String account, Instant submitted, ReviewState state, Duration after) {
    storage()
        .reviews()
        .save(decided(submitted(card(o, account, NOW), submitted), state, "x", after));
    insight().refresh(List.of(o.id()));
  }

  /** Saves a submitted card of {@code o} and refreshes its record, as the review actions do. */
  private ReviewCard submit(Opportunity o, String account) {
    ReviewCard c = storage().reviews().save(submitted(card(o, account, NOW), NOW));
    insight().refresh(List.of(o.id()));
    return c;
  }

  @Test
  void inboxFiguresCountTheScopedCardsOfThePeriod() {
    List<Opportunity> os = world();
    decide(os.get(0), "acc-a", NOW, ReviewState.APPROVED, Duration.ofMinutes(10));
    decide(os.get(1), "acc-a", NOW, ReviewState.REJECTED, Duration.ofMinutes(30));
    submit(os.get(2), "acc-b");
    Instant from = NOW.minus(DAY.multipliedBy(30));
    Instant week = NOW.minus(DAY.multipliedBy(7));

    InboxStats alice =
        insight().inboxStats(TENANT_A, AccessScope.of("alice", Set.of()), from, NOW, week);
    assertThat(alice.cards()).isEqualTo(2);
    assertThat(alice.byState().get(ReviewState.APPROVED)).isEqualTo(1);
    assertThat(alice.byState().get(ReviewState.REJECTED)).isEqualTo(1);
    assertThat(alice.byState().get(ReviewState.PENDING_REVIEW)).isZero();
    assertThat(alice.byStrength())
        .containsEntry(SignalStrength.STRONG, 1L)
        .containsEntry(SignalStrength.MEDIUM, 1L)
        .containsEntry(SignalStrength.WEAK, 0L);
    assertThat(alice.byUrgency().get(Urgency.MEDIUM)).isEqualTo(2);
    assertThat(alice.newThisWeek()).isEqualTo(1);
    assertThat(alice.approvalRate()).hasValue(0.5);
    assertThat(alice.medianTimeToReview()).contains(Duration.ofMinutes(20));

    InboxStats team =
        insight().inboxStats(TENANT_A, AccessScope.of("carol", Set.of("red")), from, NOW, week);
    assertThat(team.cards()).isEqualTo(2);
    InboxStats nobody =
        insight().inboxStats(TENANT_A, AccessScope.of("carol", Set.of()), from, NOW, week);
    assertThat(nobody.cards()).isZero();
    assertThat(nobody.medianTimeToReview()).isEmpty();
    InboxStats all = insight().inboxStats(TENANT_A, AccessScope.tenant(), from, NOW, week);
    assertThat(all.cards()).isEqualTo(4);
    assertThat(all.newThisWeek()).isEqualTo(3);
    assertThat(all.byState().get(ReviewState.PENDING_REVIEW)).isEqualTo(1);
    InboxStats early = insight().inboxStats(TENANT_A, AccessScope.tenant(), from, week, week);
    assertThat(early.cards()).isEqualTo(1);
    assertThat(insight().inboxStats(TENANT_B, AccessScope.tenant(), from, NOW, week).cards())
        .isZero();
  }

  @Test
  void accountHealthHasWeeksTrendRisksTopCardsAndLastTouch() {
    List<Opportunity> os = world();
    decide(
        os.get(1),
        "acc-a",
        NOW.minus(DAY.multipliedBy(9)),
        ReviewState.APPROVED,
        Duration.ofSeconds(5));
    Instant feedbackAt = NOW.minus(DAY.multipliedBy(2));
    storage()
        .opportunities()
        .addFeedback(
            os.get(0).id(), Feedback.builder().from(Feedback.save()).at(feedbackAt).build());
    insight().refresh(List.of(os.get(0).id()));

    AccountHealth h =
        insight()
            .accountHealth(TENANT_A, AccessScope.of("alice", Set.of()), "acc-a", NOW, 4, 10)
            .orElseThrow();
    assertThat(h.weeks()).extracting(AccountHealth.Week::signals).containsExactly(0L, 1L, 0L, 1L);
    assertThat(h.weeks().get(0).start()).isEqualTo(NOW.minus(DAY.multipliedBy(28)));
    assertThat(h.trend().direction()).isEqualTo(Trend.Direction.FLAT);
    assertThat(h.risks()).containsOnlyKeys(RiskFlag.LAYOFFS);
    assertThat(h.risks().get(RiskFlag.LAYOFFS))
        .extracting(CardSummary::opportunityId)
        .containsExactly(os.get(1).id());
    assertThat(h.topOpen())
        .extracting(CardSummary::opportunityId)
        .containsExactly(os.get(0).id(), os.get(1).id());
    assertThat(h.topOpen().get(0).score()).isEqualTo(80);
    assertThat(h.lastTouch()).contains(feedbackAt);

    AccountHealth narrow =
        insight().accountHealth(TENANT_A, AccessScope.tenant(), "acc-a", NOW, 2, 1).orElseThrow();
    assertThat(narrow.weeks()).extracting(AccountHealth.Week::signals).containsExactly(0L, 1L);
    assertThat(narrow.risks()).isEmpty();
    assertThat(narrow.topOpen()).hasSize(1);
    assertThat(narrow.trend().direction()).isEqualTo(Trend.Direction.UP);

    assertThat(
            insight().accountHealth(TENANT_A, AccessScope.of("bob", Set.of()), "acc-a", NOW, 4, 10))
        .isEmpty();
    assertThat(insight().accountHealth(TENANT_A, AccessScope.tenant(), "missing", NOW, 4, 10))
        .isEmpty();
    assertThat(insight().accountHealth(TENANT_B, AccessScope.tenant(), "acc-a", NOW, 4, 10))
        .isEmpty();
    assertThatThrownBy(
            () -> insight().accountHealth(TENANT_A, AccessScope.tenant(), "acc-a", NOW, 1, 10))
        .isInstanceOf(ValidationException.class);
  }

  /**
   * Each kind of write a card sees (a run's update, feedback, review approve and reject, archive),
   * followed by {@link InsightStore#refresh} in its transaction as the engine's writers do, shows
   * in both read models: a store that keeps copies on its records keeps them right.
   */
  @Test
  void theRecordsFollowEveryWriteOnceRefreshed() {
    List<Opportunity> os = world();
    AccessScope alice = AccessScope.of("alice", Set.of());
    Instant from = NOW.minus(DAY.multipliedBy(30));
    Instant week = NOW.minus(DAY.multipliedBy(7));
    OpportunityId first = os.get(0).id();
    OpportunityId second = os.get(1).id();

    // A run rescores the first card (80, STRONG -> 30, WEAK) and makes it urgent.
    Opportunity stored = storage().opportunities().find(first).orElseThrow();
    Opportunity rescored =
        storage()
            .opportunities()
            .save(
                Opportunity.builder()
                    .from(stored)
                    .score(Fixtures.score(30))
                    .temporal(
                        io.github.discoverysdk.model.TemporalAssessment.builder()
                            .from(stored.temporal())
                            .urgency(Urgency.HIGH)
                            .build())
                    .build());
    insight().refresh(List.of(first));
    InboxStats afterRun = insight().inboxStats(TENANT_A, alice, from, NOW, week);
    assertThat(afterRun.byStrength())
        .containsEntry(SignalStrength.STRONG, 0L)
        .containsEntry(SignalStrength.MEDIUM, 1L)
        .containsEntry(SignalStrength.WEAK, 1L);
    assertThat(afterRun.byUrgency()).containsEntry(Urgency.HIGH, 1L);
    assertThat(health().topOpen())
        .extracting(CardSummary::opportunityId)
        .containsExactly(second, first);

    // Feedback dismisses the first card: no longer open, and it is the account's last touch.
    Instant given = NOW.minus(DAY);
    storage()
        .opportunities()
        .save(Opportunity.builder().from(rescored).status(OpportunityStatus.DISMISSED).build());
    storage()
        .opportunities()
        .addFeedback(first, Feedback.builder().from(Feedback.save()).at(given).build());
    insight().refresh(List.of(first));
    assertThat(health().topOpen()).extracting(CardSummary::opportunityId).containsExactly(second);
    assertThat(health().lastTouch()).contains(given);

    // Review: the second card is submitted, then approved 10 minutes later.
    ReviewCard pending = submit(os.get(1), "acc-a");
    assertThat(insight().inboxStats(TENANT_A, alice, from, NOW, week).byState())
        .containsEntry(ReviewState.PENDING_REVIEW, 1L);
    storage().reviews().save(decided(pending, ReviewState.APPROVED, "x", Duration.ofMinutes(10)));
    insight().refresh(List.of(second));
    InboxStats approved = insight().inboxStats(TENANT_A, alice, from, NOW, week);
    assertThat(approved.byState())
        .containsEntry(ReviewState.APPROVED, 1L)
        .containsEntry(ReviewState.PENDING_REVIEW, 0L);
    assertThat(approved.medianTimeToReview()).contains(Duration.ofMinutes(10));
    assertThat(health().lastTouch()).contains(NOW.plus(Duration.ofMinutes(10)));

    // ... and the first one rejected after 30 minutes.
    ReviewCard other = submit(os.get(0), "acc-a");
    storage().reviews().save(decided(other, ReviewState.REJECTED, "x", Duration.ofMinutes(30)));
    insight().refresh(List.of(first));
    InboxStats rejected = insight().inboxStats(TENANT_A, alice, from, NOW, week);
    assertThat(rejected.byState())
        .containsEntry(ReviewState.APPROVED, 1L)
        .containsEntry(ReviewState.REJECTED, 1L);
    assertThat(rejected.approvalRate()).hasValue(0.5);
    assertThat(rejected.medianTimeToReview()).contains(Duration.ofMinutes(20));

    // Archive: the second card leaves the top open cards.
    Opportunity current = storage().opportunities().find(second).orElseThrow();
    storage()
        .opportunities()
        .save(Opportunity.builder().from(current).status(OpportunityStatus.ARCHIVED).build());
    insight().refresh(List.of(second, os.get(3).id()));
    assertThat(health().topOpen()).isEmpty();
    assertThat(insight().dashboard(TENANT_A, from, NOW).accepted()).isEqualTo(1);

    // Refreshing ids without a record, or none, changes nothing; ids of two tenants are refused.
    insight().refresh(List.of());
    insight().refresh(List.of(OpportunityId.of(TENANT_A, "missing")));
    assertThatThrownBy(() -> insight().refresh(List.of(first, OpportunityId.of(TENANT_B, "x"))))
        .isInstanceOf(ValidationException.class);
  }

  private AccountHealth health() {
    return insight()
        .accountHealth(TENANT_A, AccessScope.of("alice", Set.of()), "acc-a", NOW, 4, 10)
        .orElseThrow();
  }

  @Test
  void theDashboardHasRatesCoverageAndLatencyPercentiles() {
    List<Opportunity> os = world();
    decide(os.get(0), "acc-a", NOW, ReviewState.APPROVED, Duration.ofSeconds(1));
    decide(os.get(2), "acc-b", NOW, ReviewState.REJECTED, Duration.ofSeconds(1));

    Dashboard d = insight().dashboard(TENANT_A, NOW.minus(DAY.multipliedBy(28)), NOW);
    assertThat(d.accounts()).isEqualTo(2);
    assertThat(d.cards()).isEqualTo(4);
    assertThat(d.accountCards()).isEqualTo(3);
    assertThat(d.coverage()).hasValue(3 / 2.0 / 4);
    assertThat(d.acceptanceRate()).hasValue(0.5);
    assertThat(d.conversionRate()).hasValue(0);
    assertThat(d.evidenceShare()).hasValue(1);
    // Latencies 0, 1, 3 and 10 days: median 2 days; P95 at rank 2.85, 3 + 0.85 * 7 days.
    assertThat(d.p50Latency()).contains(Duration.ofDays(2));
    Duration p95 = Duration.ofDays(3).plus(Duration.ofMinutes(Math.round(0.85 * 7 * 24 * 60)));
    assertThat(d.p95Latency().orElseThrow().minus(p95).abs()).isLessThan(Duration.ofMillis(1));

    Dashboard empty = insight().dashboard(TENANT_B, NOW.minus(DAY), NOW);
    assertThat(empty.cards()).isZero();
    assertThat(empty.p95Latency()).isEmpty();
    assertThat(empty.acceptanceRate()).isEmpty();
  }

  @Test
  void theInboxFiltersPagesAndGroupsByAccount() {
    List<Opportunity> os = world();
    submit(os.get(2), "acc-b");
    AccessScope all = AccessScope.tenant();

    assertThat(ids(insight().inbox(TENANT_A, all, InboxQuery.all(), Optional.empty(), 10)))
        .containsExactly(os.get(2).id(), os.get(0).id(), os.get(3).id(), os.get(1).id());
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        AccessScope.of("alice", Set.of()),
                        InboxQuery.all(),
                        Optional.empty(),
                        10)))
        .containsExactly(os.get(0).id(), os.get(1).id());
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        all,
                        InboxQuery.builder().account("acc-b").build(),
                        Optional.empty(),
                        10)))
        .containsExactly(os.get(2).id());
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        all,
                        InboxQuery.builder().owner("alice").build(),
                        Optional.empty(),
                        10)))
        .containsExactly(os.get(0).id(), os.get(1).id());
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        all,
                        InboxQuery.builder().minScore(55).build(),
                        Optional.empty(),
                        10)))
        .containsExactly(os.get(0).id(), os.get(3).id());
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        all,
                        InboxQuery.builder().addStates(ReviewState.PENDING_REVIEW).build(),
                        Optional.empty(),
                        10)))
        .containsExactly(os.get(2).id());
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        all,
                        InboxQuery.builder().addSources("other").build(),
                        Optional.empty(),
                        10)))
        .isEmpty();
    assertThat(
            ids(
                insight()
                    .inbox(
                        TENANT_A,
                        all,
                        InboxQuery.builder()
                            .addSources(SOURCE)
                            .from(NOW.minus(DAY.multipliedBy(3)))
                            .to(NOW)
                            .build(),
                        Optional.empty(),
                        10)))
        .containsExactly(os.get(2).id(), os.get(0).id());

    InboxQuery grouped = InboxQuery.builder().groupByAccount(true).build();
    List<CardSummary> page1 = insight().inbox(TENANT_A, all, grouped, Optional.empty(), 2);
    assertThat(ids(page1)).containsExactly(os.get(0).id(), os.get(1).id());
    InboxCursor cursor = InboxCursor.decode(InboxCursor.after(page1.get(1), true).encode());
    assertThat(ids(insight().inbox(TENANT_A, all, grouped, Optional.of(cursor), 2)))
        .containsExactly(os.get(2).id());

    List<CardSummary> first = insight().inbox(TENANT_A, all, InboxQuery.all(), Optional.empty(), 3);
    InboxCursor next = InboxCursor.after(first.get(2), false);
    assertThat(ids(insight().inbox(TENANT_A, all, InboxQuery.all(), Optional.of(next), 3)))
        .containsExactly(os.get(1).id());
    assertThat(insight().inbox(TENANT_B, all, InboxQuery.all(), Optional.empty(), 10)).isEmpty();
  }

  private static List<OpportunityId> ids(List<CardSummary> cards) {
    return cards.stream().map(CardSummary::opportunityId).toList();
  }
}
