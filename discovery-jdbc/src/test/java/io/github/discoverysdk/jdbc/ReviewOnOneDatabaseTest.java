package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two host instances, each with its own engine and storage object on one database, act on the same
 * review cards at once: escalation fires once per card, and of an approve and a reject of one card
 * exactly one wins while the other gets a typed error. The audit log matches what happened.
 */
class ReviewOnOneDatabaseTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final String TENANT = "acme";
  private static final int CARDS = 6;

  static final class Recording implements AlertSink {
    final List<Alert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "slack";
    }

    @Override
    public void deliver(Alert alert) {
      alerts.add(alert);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void twoEnginesEscalateEachCardOnceAndOneOfApproveAndRejectWins(String database)
      throws Exception {
    try (TestDatabase db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news");
      Recording slack = new Recording();
      JdbcStorage storageA = JdbcStorage.builder().dataSource(db.dataSource()).build();
      JdbcStorage storageB = JdbcStorage.builder().dataSource(db.dataSource()).build();
      try (DiscoveryEngine a = engine(storageA, news, clock, slack);
          DiscoveryEngine b = engine(storageB, news, clock, slack)) {
        SecuredEngine admin = a.as(Principal.of("root", TENANT, "admin"));
        SecuredEngine ana = a.as(Principal.of("ana", TENANT, "account_manager"));
        admin.accounts().create(account());
        Profile p = ana.saveProfile(profile());
        for (int i = 0; i < CARDS; i++) {
          news.publish(signal("s" + i));
        }
        ana.discover(p.id());
        List<ReviewCard> cards =
            storageA
                .reviews()
                .list(TENANT, AccessScope.tenant(), ReviewState.OPEN, Optional.empty(), 100);
        assertThat(cards).hasSize(CARDS);

        // Escalation: both engines at once, after the cards waited too long.
        clock.advance(Duration.ofHours(49));
        List<Integer> escalated =
            race(() -> a.reviews().escalateOverdue(), () -> b.reviews().escalateOverdue());
        assertThat(escalated.get(0) + escalated.get(1)).isEqualTo(CARDS);
        assertThat(storageA.outbox().list(TENANT, 1_000))
            .filteredOn(e -> e.kind() == DeliveryKind.REVIEW_ESCALATION)
            .hasSize(CARDS);
        assertThat(audit(storageA, AuditAction.ESCALATE)).hasSize(CARDS);

        // Approve on one engine, reject on the other, for every card: one wins each time.
        SecuredEngine miaA = a.as(Principal.of("mia", TENANT, Set.of("manager"), Set.of("emea")));
        SecuredEngine miaB = b.as(Principal.of("mia", TENANT, Set.of("manager"), Set.of("emea")));
        int approved = 0;
        int rejected = 0;
        for (ReviewCard c : cards) {
          ReviewCard current = storageA.reviews().find(c.opportunityId()).orElseThrow();
          List<Object> outcomes =
              raceOutcomes(
                  () ->
                      miaA.reviews()
                          .approve(c.opportunityId(), current.version(), Optional.of("go")),
                  () -> miaB.reviews().reject(c.opportunityId(), current.version(), "no"));
          long wins = outcomes.stream().filter(o -> o instanceof ReviewCard).count();
          assertThat(wins).as("winners for %s", c.opportunityId()).isEqualTo(1);
          assertThat(outcomes)
              .filteredOn(o -> !(o instanceof ReviewCard))
              .singleElement()
              .isInstanceOf(DiscoveryException.class);
          ReviewState end = storageA.reviews().find(c.opportunityId()).orElseThrow().state();
          if (end == ReviewState.APPROVED) {
            approved++;
          } else {
            assertThat(end).isEqualTo(ReviewState.REJECTED);
            rejected++;
          }
        }
        assertThat(approved + rejected).isEqualTo(CARDS);
        assertThat(audit(storageA, AuditAction.APPROVE)).hasSize(approved);
        assertThat(audit(storageA, AuditAction.REJECT)).hasSize(rejected);
      }
    }
  }

  private static List<AuditEntry> audit(JdbcStorage storage, AuditAction action) {
    return storage
        .audit()
        .byTime(TENANT, Instant.EPOCH, T0.plus(Duration.ofDays(10)), 0, 10_000)
        .stream()
        .filter(e -> e.action() == action)
        .toList();
  }

  private static <T> List<T> race(Supplier<T> one, Supplier<T> two) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<T> f1 = CompletableFuture.supplyAsync(() -> await(go, one));
    CompletableFuture<T> f2 = CompletableFuture.supplyAsync(() -> await(go, two));
    go.countDown();
    return List.of(f1.get(120, TimeUnit.SECONDS), f2.get(120, TimeUnit.SECONDS));
  }

  /** Each call's result, or the exception it threw. */
  private static List<Object> raceOutcomes(Supplier<?> one, Supplier<?> two) throws Exception {
    List<Object> out = new ArrayList<>();
    for (Object o :
        race(
            () -> {
              try {
                return one.get();
              } catch (RuntimeException e) {
                return e;
              }
            },
            () -> {
              try {
                return two.get();
              } catch (RuntimeException e) {
                return e;
              }
            })) {
      out.add(o);
    }
    for (Object o : out) {
      if (o instanceof RuntimeException e
          && !(e instanceof ConcurrentUpdateException)
          && !(e instanceof DiscoveryException)) {
        throw e;
      }
    }
    return out;
  }

  private static <T> T await(CountDownLatch go, Supplier<T> work) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return work.get();
  }

  private static DiscoveryEngine engine(
      JdbcStorage storage, ScriptedSource news, MutableClock clock, AlertSink slack) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(news)
        .scorer(TwoEnginesOneDatabaseTest.SCORER)
        .clock(clock)
        .addAlertSink(slack)
        .review(
            ReviewSettings.builder()
                .escalateAfter(Duration.ofHours(48))
                .escalationSink("slack")
                .build())
        .build();
  }

  private static Account account() {
    return Account.builder()
        .tenant(TENANT)
        .id("acct-stripe")
        .name("Stripe")
        .owner("ana")
        .team("emea")
        .manager("mia")
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  private static Profile profile() {
    return Profile.builder()
        .tenant(TENANT)
        .id(ProfileId.of(TENANT, "p1"))
        .owner("ana")
        .name("payments")
        .addWatchlist(Company.of("Stripe"))
        .build();
  }

  private static Signal signal(String id) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.NEWS)
        .title("Stripe raises funding " + id)
        .publishedAt(T0.minus(Duration.ofHours(1)))
        .observedAt(T0)
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SUBJECT))
        .build();
  }
}
