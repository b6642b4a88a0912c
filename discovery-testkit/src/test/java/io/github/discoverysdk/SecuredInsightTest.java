package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.review.ReviewState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read models through principals: an account manager sees only the cards of their own accounts
 * in health, figures and inbox; refusals are audited.
 */
class SecuredInsightTest {
  private final ReviewFixture f = new ReviewFixture();
  private final DiscoveryEngine engine = f.engine();
  private final Principal ana = Principal.of("ana", TENANT, "account_manager");
  private final Principal bob = Principal.of("bob", TENANT, "account_manager");
  private final Principal admin = Principal.of("root", TENANT, "admin");
  private Instant from;
  private Instant to;

  @BeforeEach
  void setUp() {
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    engine.accounts().create(ANA, ReviewFixture.account("a2", "Adyen", "bob", "apac"));
    from = f.clock.instant();
    f.news.publish(
        f.news("s1", "Stripe"),
        Signal.builder().from(f.news("s2", "Adyen")).title("Adyen announces layoffs").build(),
        f.news("s3", "Adyen"));
    engine.discover(f.profile(engine).id());
    f.clock.advance(Duration.ofMinutes(1));
    to = f.clock.instant();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private long denials() {
    return f.audit().stream().filter(e -> e.action() == AuditAction.DENY).count();
  }

  @Test
  void anAccountManagerSeesOnlyTheirAccountsCards() {
    InboxStats anaStats = engine.as(ana).insight().inboxStats(from, to);
    InboxStats bobStats = engine.as(bob).insight().inboxStats(from, to);
    assertThat(anaStats.cards()).isEqualTo(1);
    assertThat(bobStats.cards()).isEqualTo(2);
    assertThat(anaStats.byState().get(ReviewState.PENDING_REVIEW)).isEqualTo(1);
    assertThat(anaStats.newThisWeek()).isEqualTo(1);

    List<CardSummary> anaInbox =
        engine.as(ana).insight().inbox(InboxQuery.all(), Optional.empty(), 50).items();
    assertThat(anaInbox).extracting(c -> c.accountId().orElseThrow()).containsExactly("a1");
    // Asking for bob's account by filter does not widen ana's scope.
    assertThat(
            engine
                .as(ana)
                .insight()
                .inbox(InboxQuery.builder().account("a2").build(), Optional.empty(), 50)
                .items())
        .isEmpty();
    assertThat(
            engine
                .as(ana)
                .insight()
                .inbox(InboxQuery.builder().owner("bob").build(), Optional.empty(), 50)
                .items())
        .isEmpty();

    AccountHealth health = engine.as(bob).insight().accountHealth("a2");
    assertThat(health.risks()).containsOnlyKeys(RiskFlag.LAYOFFS, RiskFlag.FUNDING);
    assertThat(health.topOpen()).hasSize(2);
    assertThat(health.weeks().get(health.weeks().size() - 1).signals()).isEqualTo(2);
  }

  @Test
  void anotherAccountsHealthAndTheDashboardAreRefusedAndAudited() {
    long before = denials();
    assertThatThrownBy(() -> engine.as(ana).insight().accountHealth("a2"))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(denials()).isEqualTo(before + 1);
    assertThatThrownBy(() -> engine.as(ana).insight().dashboard(from, to))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.permission()).contains(Permission.ANALYTICS_READ));
    assertThat(denials()).isEqualTo(before + 2);
    assertThatThrownBy(() -> engine.as(admin).insight().accountHealth("missing"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anAdminSeesTheTenantAndPagesTheInboxGroupedByAccount() {
    assertThat(engine.as(admin).insight().dashboard(from, to).cards()).isEqualTo(3);
    assertThat(engine.as(admin).insight().dashboard(from, to).accountCards()).isEqualTo(3);
    InboxQuery grouped = InboxQuery.builder().groupByAccount(true).build();
    List<String> accounts = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<CardSummary> page = engine.as(admin).insight().inbox(grouped, cursor, 1);
      page.items().forEach(c -> accounts.add(c.accountId().orElseThrow()));
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    assertThat(accounts).containsExactly("a1", "a2", "a2");
    assertThatThrownBy(
            () -> engine.as(admin).insight().inbox(grouped, Optional.of("not a cursor"), 1))
        .isInstanceOf(ValidationException.class);
  }
}
