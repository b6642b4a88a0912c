package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.BEN;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewAction;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.Reviews;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReviewWorkflowTest {
  /** The state machine as the issue states it, written out independently of ReviewAction. */
  private static final Map<ReviewState, Map<ReviewAction, ReviewState>> ALLOWED =
      new EnumMap<>(ReviewState.class);

  static {
    for (ReviewState s : ReviewState.values()) {
      ALLOWED.put(s, new EnumMap<>(ReviewAction.class));
    }
    ALLOWED.get(ReviewState.NEW).put(ReviewAction.SUBMIT, ReviewState.PENDING_REVIEW);
    ALLOWED.get(ReviewState.NEW).put(ReviewAction.REFINE, ReviewState.PENDING_REVIEW);
    ALLOWED.get(ReviewState.PENDING_REVIEW).put(ReviewAction.APPROVE, ReviewState.APPROVED);
    ALLOWED.get(ReviewState.PENDING_REVIEW).put(ReviewAction.REJECT, ReviewState.REJECTED);
    ALLOWED.get(ReviewState.PENDING_REVIEW).put(ReviewAction.REFINE, ReviewState.PENDING_REVIEW);
    ALLOWED.get(ReviewState.APPROVED).put(ReviewAction.ACTIVATE, ReviewState.ACTIVATED);
    ALLOWED.get(ReviewState.APPROVED).put(ReviewAction.REFINE, ReviewState.PENDING_REVIEW);
    ALLOWED.get(ReviewState.REJECTED).put(ReviewAction.REFINE, ReviewState.PENDING_REVIEW);
  }

  private ReviewFixture f;
  private DiscoveryEngine engine;
  private Reviews reviews;

  @BeforeEach
  void setUp() {
    f = new ReviewFixture();
    engine = f.engine();
    f.profile(engine);
    reviews = engine.reviews();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  static Stream<Arguments> everyStateAndAction() {
    List<Arguments> all = new ArrayList<>();
    for (ReviewState s : ReviewState.values()) {
      for (ReviewAction a : ReviewAction.values()) {
        all.add(Arguments.of(s, a));
      }
    }
    return all.stream();
  }

  /** A card of a fresh opportunity brought to {@code state} by allowed actions; its version. */
  private long bringTo(OpportunityId id, ReviewState state) {
    if (state == ReviewState.NEW) {
      return 0;
    }
    ReviewCard c = reviews.submit(ANA, id, 0);
    switch (state) {
      case APPROVED:
        c = reviews.approve(ANA, id, c.version(), Optional.empty());
        break;
      case REJECTED:
        c = reviews.reject(ANA, id, c.version(), "not a fit");
        break;
      case ACTIVATED:
        c = reviews.approve(ANA, id, c.version(), Optional.empty());
        c = reviews.activate(ANA, id, c.version(), "crm");
        break;
      default:
        break;
    }
    assertThat(c.state()).isEqualTo(state);
    return c.version();
  }

  private ReviewCard act(ReviewAction action, OpportunityId id, long version) {
    switch (action) {
      case SUBMIT:
        return reviews.submit(BEN, id, version);
      case APPROVE:
        return reviews.approve(BEN, id, version, Optional.of("good lead"));
      case REJECT:
        return reviews.reject(BEN, id, version, "wrong segment");
      case REFINE:
        return reviews.refine(
            BEN, id, version, Refinement.builder().note("call the CFO first").build());
      default:
        return reviews.activate(BEN, id, version, "crm");
    }
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("everyStateAndAction")
  void everyActionIsAllowedFromExactlyTheStatesOfTheMachine(ReviewState from, ReviewAction action) {
    OpportunityId id = f.stored("s-" + from + "-" + action).id();
    long version = bringTo(id, from);
    int auditBefore = f.audit().size();
    Opportunity before = f.memory.opportunities().find(id).orElseThrow();
    ReviewState expected = ALLOWED.get(from).get(action);

    if (expected != null) {
      ReviewCard after = act(action, id, version);

      assertThat(after.state()).isEqualTo(expected);
      assertThat(after.version()).isEqualTo(version + 1);
      List<AuditEntry> added = f.audit().subList(auditBefore, f.audit().size());
      assertThat(added)
          .extracting(AuditEntry::action)
          .containsExactly(AuditAction.valueOf(action.name()));
      assertThat(added.get(0).actor()).isEqualTo("ben");
      assertThat(f.memory.opportunities().find(id).orElseThrow().status())
          .isEqualTo(
              expected == ReviewState.ACTIVATED
                  ? OpportunityStatus.ACTIONED
                  : OpportunityStatus.valueOf(expected.name()));
    } else {
      assertThatThrownBy(() -> act(action, id, version))
          .isInstanceOf(IllegalTransitionException.class)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining(from.name())
          .hasMessageContaining(action.name())
          .hasMessageContaining(id.toString())
          .satisfies(
              e -> {
                IllegalTransitionException t = (IllegalTransitionException) e;
                assertThat(t.from()).isEqualTo(from);
                assertThat(t.action()).isEqualTo(action);
                assertThat(t.card()).isEqualTo(id);
              });
      assertThat(f.audit()).hasSize(auditBefore);
      assertThat(reviews.find(id).map(ReviewCard::version).orElse(0L)).isEqualTo(version);
      assertThat(f.memory.opportunities().find(id).orElseThrow()).isEqualTo(before);
    }
  }

  @Test
  void theMachineHasExactlyTheTransitionsOfTheIssue() {
    for (ReviewState s : ReviewState.values()) {
      for (ReviewAction a : ReviewAction.values()) {
        assertThat(a.allowedFrom(s))
            .as("%s from %s", a, s)
            .isEqualTo(ALLOWED.get(s).containsKey(a));
      }
    }
  }

  @Test
  void aStaleVersionIsAConcurrentUpdateAndChangesNothing() {
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = reviews.submit(ANA, id, 0);
    int audit = f.audit().size();

    assertThatThrownBy(() -> reviews.approve(BEN, id, c.version() - 1, Optional.empty()))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining(id.toString());
    assertThatThrownBy(() -> reviews.submit(BEN, f.stored("s2").id(), 3))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(reviews.find(id)).contains(c);
    assertThat(f.audit()).hasSize(audit);
  }

  @Test
  void concurrentApproveAndRejectOfOneCardLetExactlyOneWin() throws Exception {
    int rounds = Integer.getInteger("discovery.test.contendedUpdates", 50);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < Math.max(1, rounds / 10); i++) {
        OpportunityId id = f.stored("race-" + i).id();
        long v = reviews.submit(ANA, id, 0).version();
        CountDownLatch go = new CountDownLatch(1);
        Future<ReviewCard> approve =
            pool.submit(
                () -> {
                  go.await();
                  return reviews.approve(ANA, id, v, Optional.empty());
                });
        Future<ReviewCard> reject =
            pool.submit(
                () -> {
                  go.await();
                  return reviews.reject(BEN, id, v, "duplicate");
                });
        go.countDown();
        List<Throwable> failures = new ArrayList<>();
        List<ReviewCard> wins = new ArrayList<>();
        for (Future<ReviewCard> r : List.of(approve, reject)) {
          try {
            wins.add(r.get(30, TimeUnit.SECONDS));
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
          }
        }

        assertThat(wins).hasSize(1);
        assertThat(failures).singleElement().isInstanceOf(ConcurrentUpdateException.class);
        ReviewCard stored = reviews.find(id).orElseThrow();
        assertThat(stored).isEqualTo(wins.get(0));
        assertThat(stored.version()).isEqualTo(v + 1);
        assertThat(reviews.history(id))
            .extracting(AuditEntry::action)
            .containsExactly(
                AuditAction.SUBMIT,
                AuditAction.valueOf(stored.state() == ReviewState.APPROVED ? "APPROVE" : "REJECT"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refiningReturnsTheCardToPendingReviewWithItsChangesAudited() {
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = reviews.submit(ANA, id, 0);
    c = reviews.approve(ANA, id, c.version(), Optional.empty());
    f.clock.advance(java.time.Duration.ofHours(1));

    ReviewCard refined =
        reviews.refine(
            BEN,
            id,
            c.version(),
            Refinement.builder()
                .narrative("Stripe expands to Lagos: pitch the payouts module")
                .scoreOverride(0.9)
                .scoreReason("met their CFO last week")
                .note("call before Friday")
                .build());

    assertThat(refined.state()).isEqualTo(ReviewState.PENDING_REVIEW);
    assertThat(refined.narrative()).contains("Stripe expands to Lagos: pitch the payouts module");
    assertThat(refined.scoreOverride()).hasValue(0.9);
    assertThat(refined.notes()).containsExactly("call before Friday");
    assertThat(refined.submittedAt()).contains(f.clock.instant());
    assertThat(refined.decidedAt()).isEmpty();
    assertThat(f.memory.opportunities().find(id).orElseThrow().status())
        .isEqualTo(OpportunityStatus.PENDING_REVIEW);
    AuditEntry entry = reviews.history(id).get(2);
    assertThat(entry.action()).isEqualTo(AuditAction.REFINE);
    assertThat(entry.reason()).contains("met their CFO last week");
    assertThat(entry.changes())
        .extracting(FieldChange::field)
        .contains("state", "narrative", "scoreOverride", "scoreReason", "note");
    assertThat(entry.changes())
        .filteredOn(ch -> ch.field().equals("state"))
        .singleElement()
        .satisfies(
            ch -> {
              assertThat(ch.before()).contains("APPROVED");
              assertThat(ch.after()).contains("PENDING_REVIEW");
            });
  }

  @Test
  void historyListsEveryActionOfTheCardInOrderWithActorsAndReasons() {
    OpportunityId id = f.stored("s1").id();
    OpportunityId other = f.stored("s2").id();
    ReviewCard c = reviews.submit(ANA, id, 0);
    reviews.submit(ANA, other, 0);
    c = reviews.reject(BEN, id, c.version(), "too small");
    c = reviews.refine(ANA, id, c.version(), Refinement.builder().note("bigger now").build());
    c = reviews.approve(BEN, id, c.version(), Optional.of("fits"));
    reviews.activate(ANA, id, c.version(), "crm");

    List<AuditEntry> history = reviews.history(id);
    assertThat(history)
        .extracting(AuditEntry::action)
        .containsExactly(
            AuditAction.SUBMIT,
            AuditAction.REJECT,
            AuditAction.REFINE,
            AuditAction.APPROVE,
            AuditAction.ACTIVATE);
    assertThat(history)
        .extracting(AuditEntry::actor)
        .containsExactly("ana", "ben", "ana", "ben", "ana");
    assertThat(history.get(1).reason()).contains("too small");
    assertThat(history).extracting(AuditEntry::sequence).isSorted();
    assertThat(history.get(0).context().requestId()).contains("req-1");
    assertThat(history).allSatisfy(e -> assertThat(e.entityType()).isEqualTo("opportunity"));
  }

  @Test
  void activationPushesTheOpportunityThroughTheOutboxInItsTransaction() {
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = reviews.submit(ANA, id, 0);
    c = reviews.approve(ANA, id, c.version(), Optional.empty());

    ReviewCard active = reviews.activate(ANA, id, c.version(), "crm");

    assertThat(active.state()).isEqualTo(ReviewState.ACTIVATED);
    assertThat(f.memory.outbox().list(TENANT, 10))
        .filteredOn(e -> e.kind() == DeliveryKind.PUSH)
        .singleElement()
        .satisfies(e -> assertThat(e.opportunityId()).contains(id));
    assertThat(f.crm.records).containsKey(id.value());
    assertThat(f.memory.opportunities().find(id).orElseThrow().status())
        .isEqualTo(OpportunityStatus.ACTIONED);
    assertThatThrownBy(() -> reviews.activate(ANA, f.stored("s2").id(), 0, "hubspot"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("hubspot");
  }

  @Test
  void anActionOnAnUnknownOrForeignOpportunityIsNotFoundAndStoresNothing() {
    OpportunityId foreign = OpportunityId.of("globex", f.stored("s1").id().value());

    assertThatThrownBy(() -> reviews.submit(ANA, foreign, 0)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> reviews.submit(ANA, OpportunityId.of(TENANT, "nope"), 0))
        .isInstanceOf(NotFoundException.class);
    assertThat(f.audit()).isEmpty();
    assertThat(
            f.memory
                .audit()
                .byTime("globex", java.time.Instant.EPOCH, java.time.Instant.MAX, 0, 10))
        .isEmpty();
  }
}
