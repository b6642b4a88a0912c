package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftContact;
import io.github.discoverysdk.draft.DraftEdit;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Playbooks and drafts on each database, through the secured facet: a run's card gets its playbook
 * (risk flags of its signal included) and drafts; an edit stores a version and refines the card in
 * one SQL transaction, so a stale card version leaves no draft, no card change and no audit entry.
 */
class DraftsOnJdbcTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final String TENANT = "acme";

  private static TestDatabase database(String name) throws Exception {
    switch (name) {
      case "h2":
        return TestDatabase.h2();
      case "postgres":
        return TestDatabase.postgres();
      default:
        return TestDatabase.mariaDb();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres", "mariadb"})
  void aCardsDraftsAreGeneratedAndAnEditRefinesItAtomically(String name) throws Exception {
    try (TestDatabase db = database(name)) {
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news");
      JdbcStorage storage = JdbcStorage.builder().dataSource(db.dataSource()).build();
      try (DiscoveryEngine engine =
          DiscoveryEngine.builder()
              .allowSystemCalls()
              .storage(storage)
              .addSource(news)
              .scorer(TwoEnginesOneDatabaseTest.SCORER)
              .clock(clock)
              .review(ReviewSettings.defaults())
              .riskFlags(s -> s.title().contains("layoffs") ? Set.of(RiskFlag.LAYOFFS) : Set.of())
              .build()) {
        SecuredEngine admin = engine.as(Principal.of("root", TENANT, "admin"));
        SecuredEngine ana = engine.as(Principal.of("ana", TENANT, "account_manager"));
        admin.accounts().create(account());
        Profile p = ana.saveProfile(profile());
        news.publish(signal("s1", "Stripe announces layoffs"));
        ana.discover(p.id());
        ReviewCard card =
            storage
                .reviews()
                .list(TENANT, AccessScope.tenant(), ReviewState.OPEN, Optional.empty(), 10)
                .get(0);
        OpportunityId id = card.opportunityId();

        List<Draft> drafts =
            ana.drafts().generate(id, Optional.of(DraftContact.builder().name("Jane").build()));

        assertThat(drafts).extracting(Draft::version).containsOnly(1L);
        assertThat(drafts.get(0).text()).startsWith("Hi Jane,").contains("Stripe");
        assertThat(ana.drafts().findMatch(id))
            .hasValueSatisfying(
                m -> {
                  assertThat(m.playbookId()).isEqualTo("risk-check-in");
                  assertThat(m.reasons()).containsExactly("risk flag raised: [LAYOFFS]");
                });
        assertThat(ana.drafts().latest(id)).isEqualTo(drafts);

        DraftEdit edit = ana.drafts().edit(id, Channel.CALL, 1, card.version(), "Hello Jane.");

        assertThat(edit.card().state()).isEqualTo(ReviewState.PENDING_REVIEW);
        assertThat(edit.card().version()).isEqualTo(card.version() + 1);
        assertThat(ana.drafts().versions(id, Channel.CALL))
            .extracting(Draft::text)
            .containsExactly(drafts.get(2).text(), "Hello Jane.");

        int entries = audit(storage).size();
        assertThatThrownBy(() -> ana.drafts().edit(id, Channel.CALL, 2, card.version(), "late"))
            .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(ana.drafts().versions(id, Channel.CALL)).hasSize(2);
        assertThat(storage.reviews().find(id).orElseThrow().version())
            .isEqualTo(edit.card().version());
        assertThat(audit(storage)).hasSize(entries);
      }
    }
  }

  private static List<AuditEntry> audit(JdbcStorage storage) {
    return storage.audit().byTime(TENANT, Instant.EPOCH, T0.plus(Duration.ofDays(10)), 0, 10_000);
  }

  private static Account account() {
    return Account.builder()
        .tenant(TENANT)
        .id("acct-stripe")
        .name("Stripe")
        .owner("ana")
        .team("emea")
        .tier("enterprise")
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

  private static Signal signal(String id, String title) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.NEWS)
        .title(title)
        .publishedAt(T0.minus(Duration.ofHours(1)))
        .observedAt(T0)
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SUBJECT))
        .build();
  }
}
