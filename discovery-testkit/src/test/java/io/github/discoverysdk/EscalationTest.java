package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EscalationTest {
  private final ReviewFixture f = new ReviewFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** A card the run created for Stripe's account (manager mia). */
  private OpportunityId runCard(DiscoveryEngine engine, String signal) {
    f.news.publish(f.news(signal, "Stripe"));
    engine.discover(f.profile(engine).id());
    return f
        .memory
        .reviews()
        .list(
            TENANT,
            io.github.discoverysdk.access.AccessScope.tenant(),
            ReviewState.OPEN,
            Optional.empty(),
            100)
        .stream()
        .filter(
            c ->
                f.memory
                    .opportunities()
                    .find(c.opportunityId())
                    .orElseThrow()
                    .signalKey()
                    .externalId()
                    .equals(signal))
        .findFirst()
        .orElseThrow()
        .opportunityId();
  }

  private List<Alert> escalations() {
    return f.slack.alerts.stream().filter(a -> a.kind() == AlertKind.REVIEW_ESCALATION).toList();
  }

  private List<AuditEntry> escalationRows(OpportunityId id) {
    return f.audit().stream()
        .filter(e -> e.action() == AuditAction.ESCALATE && e.entityId().equals(id.value()))
        .toList();
  }

  @Test
  void aCardPendingTooLongIsEscalatedOnceToItsAccountsManagerByTheSchedulingTick() {
    DiscoveryEngine engine = f.engine();
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    OpportunityId id = runCard(engine, "s1");

    f.clock.advance(Duration.ofHours(47));
    engine.runDue();
    assertThat(escalations()).isEmpty();

    f.clock.advance(Duration.ofHours(2));
    engine.runDue();
    engine.runDue();
    f.clock.advance(Duration.ofDays(3));
    engine.runDue();
    assertThat(engine.reviews().escalateOverdue()).isZero();

    assertThat(escalations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.recipient()).contains("mia");
              assertThat(a.opportunity().id()).isEqualTo(id);
              assertThat(a.pendingSince()).isPresent();
            });
    assertThat(escalationRows(id))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("system:escalation"));
    assertThat(engine.reviews().find(id).orElseThrow().escalatedAt()).isPresent();
  }

  @Test
  void aNewStayInReviewMayBeEscalatedAgainButADecidedCardNever() {
    DiscoveryEngine engine = f.engine();
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    OpportunityId id = runCard(engine, "s1");
    OpportunityId decided = runCard(engine, "s2");
    ReviewCard d = engine.reviews().find(decided).orElseThrow();
    engine.reviews().approve(ANA, decided, d.version(), Optional.empty());

    f.clock.advance(Duration.ofHours(49));
    assertThat(engine.reviews().escalateOverdue()).isEqualTo(1);
    ReviewCard c = engine.reviews().find(id).orElseThrow();
    engine.reviews().refine(ANA, id, c.version(), Refinement.builder().note("new facts").build());
    assertThat(engine.reviews().escalateOverdue()).isZero();
    f.clock.advance(Duration.ofHours(49));
    assertThat(engine.reviews().escalateOverdue()).isEqualTo(1);

    assertThat(escalations())
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.opportunity().id()).isEqualTo(id));
    assertThat(escalations().get(0).dedupeKey()).isNotEqualTo(escalations().get(1).dedupeKey());
    assertThat(escalationRows(decided)).isEmpty();
  }

  @Test
  void twoEnginesOnOneStoreRacingEscalateEachCardOnce() throws Exception {
    DiscoveryEngine one = f.engine();
    DiscoveryEngine two = f.engine();
    one.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    List<OpportunityId> cards = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cards.add(runCard(one, "s" + i));
    }
    f.clock.advance(Duration.ofHours(49));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> rounds = new ArrayList<>();
      for (DiscoveryEngine e : List.of(one, two)) {
        rounds.add(
            pool.submit(
                () -> {
                  go.await();
                  return e.reviews().escalateOverdue();
                }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> r : rounds) {
        total += r.get(30, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(cards.size());
    } finally {
      pool.shutdownNow();
    }
    one.runDue();
    two.runDue();

    assertThat(escalations()).hasSize(cards.size());
    assertThat(escalations())
        .extracting(a -> a.opportunity().id())
        .containsExactlyInAnyOrderElementsOf(cards);
    assertThat(f.memory.outbox().list(TENANT, 1_000))
        .filteredOn(e -> e.kind() == DeliveryKind.REVIEW_ESCALATION)
        .hasSize(cards.size());
    for (OpportunityId id : cards) {
      assertThat(escalationRows(id)).hasSize(1);
    }
  }
}
