package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private final ReviewFixture f = new ReviewFixture();
  private final DiscoveryEngine engine = f.engine();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void anAccountIsCreatedOnceAndUpdatedOnlyFromItsCurrentVersion() {
    Account a = engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    assertThat(a.version()).isEqualTo(1);
    assertThat(a.createdAt()).isEqualTo(f.clock.instant());

    assertThatThrownBy(
            () -> engine.accounts().create(ANA, ReviewFixture.account("a1", "Other", "bob", "x")))
        .isInstanceOf(ConcurrentUpdateException.class);
    Account updated =
        engine.accounts().update(ANA, Account.builder().from(a).addCompanies("Stripe Inc").build());
    assertThatThrownBy(() -> engine.accounts().update(ANA, a))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () -> engine.accounts().update(ANA, Account.builder().from(a).id("a9").build()))
        .isInstanceOf(NotFoundException.class);

    assertThat(updated.version()).isEqualTo(2);
    assertThat(engine.accounts().find(TENANT, "a1")).contains(updated);
    assertThat(f.memory.audit().byEntity(TENANT, "account", "a1", 0, 10))
        .extracting(e -> e.action())
        .containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
  }

  @Test
  void accountsAreListedByScopeAPageAtATime() {
    for (int i = 0; i < 5; i++) {
      engine
          .accounts()
          .create(
              ANA, ReviewFixture.account("a" + i, "Co" + i, i % 2 == 0 ? "ana" : "bob", "t" + i));
    }
    List<String> all = new ArrayList<>();
    String after = "";
    while (true) {
      Page<Account> page = engine.accounts().list(TENANT, AccessScope.tenant(), after, 2);
      page.items().forEach(a -> all.add(a.id()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      after = page.nextCursor().get();
    }

    assertThat(all).containsExactly("a0", "a1", "a2", "a3", "a4");
    assertThat(engine.accounts().list(TENANT, AccessScope.of("ana", Set.of()), "", 10).items())
        .extracting(Account::id)
        .containsExactly("a0", "a2", "a4");
    assertThat(engine.accounts().list(TENANT, AccessScope.of("zed", Set.of("t3")), "", 10).items())
        .extracting(Account::id)
        .containsExactly("a3");
    assertThatThrownBy(() -> engine.accounts().list(TENANT, AccessScope.tenant(), "", 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void aCardCreatedByAReviewerAttachesToTheAccountOfItsCompany() {
    f.profile(engine);
    engine.accounts().create(ANA, ReviewFixture.account("a-acme", "Acme", "ana", "emea"));
    io.github.discoverysdk.model.OpportunityId id = f.stored("s1").id();

    engine.reviews().submit(ANA, id, 0);

    assertThat(engine.reviews().find(id).orElseThrow().accountId()).contains("a-acme");
    assertThat(
            engine
                .reviews()
                .list(
                    TENANT, AccessScope.of("ana", Set.of()), ReviewState.OPEN, Optional.empty(), 10)
                .items())
        .extracting(c -> c.opportunityId())
        .containsExactly(id);
    assertThat(engine.accounts().view(TENANT, "a-acme").open()).hasSize(1);
  }

  @Test
  void anAccountWithoutManagerEscalatesToItsOwner() {
    engine
        .accounts()
        .create(
            ANA,
            Account.builder()
                .from(ReviewFixture.account("a1", "Stripe", "ana", "emea"))
                .manager(Optional.empty())
                .build());
    f.news.publish(f.news("s1", "Stripe"));
    engine.discover(f.profile(engine).id());
    assertThat(
            engine
                .reviews()
                .list(TENANT, AccessScope.tenant(), ReviewState.OPEN, Optional.empty(), 10)
                .items())
        .hasSize(1);

    f.clock.advance(Duration.ofHours(49));
    engine.runDue();

    assertThat(f.slack.alerts)
        .filteredOn(a -> a.kind() == AlertKind.REVIEW_ESCALATION)
        .extracting(Alert::recipient)
        .containsExactly(Optional.of("ana"));
  }
}
