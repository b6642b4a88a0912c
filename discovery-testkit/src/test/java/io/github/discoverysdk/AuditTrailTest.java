package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit log records exactly the actions taken through the engine: for a scripted day of
 * actions, the log equals the list of actions (none missing, none extra), and a change that rolls
 * back leaves no entry.
 */
class AuditTrailTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String TENANT = "acme";

  final InMemoryStorage storage = InMemoryStorage.create();
  final MutableClock clock = MutableClock.at(T0);

  DiscoveryEngine engine(boolean failingListener) {
    return engine(failingListener, false);
  }

  DiscoveryEngine engine(boolean failingListener, boolean auditViews) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .scorer(Scoring.defaults())
            .addSource(ScriptedSource.feed("news"))
            .addOpportunitySink(
                new OpportunitySink() {
                  @Override
                  public String id() {
                    return "crm";
                  }

                  @Override
                  public void accept(Opportunity o, Profile p) {}
                })
            .closeTimeout(Duration.ofSeconds(5))
            .auditViews(auditViews);
    if (failingListener) {
      b.addOutcomeListener(
          (o, f, tx) -> {
            throw new IllegalStateException("listener failed");
          });
    }
    return b.build();
  }

  record Step(String actor, String type, AuditAction action) {}

  @Test
  void aScriptedDayIsAuditedExactly() {
    DiscoveryEngine engine = engine(false);
    RequestContext ctx = RequestContext.of("203.0.113.7", "Mozilla/5.0", "req-1");
    SecuredEngine ana = engine.as(Principal.of("ana", TENANT, Set.of("admin"), Set.of()), ctx);
    SecuredEngine bob = engine.as(Principal.of("bob", TENANT, "viewer"));

    Profile p = ana.saveProfile(owned("ana", "Fintech"));
    clock.advance(Duration.ofMinutes(1));
    p = ana.saveProfile(Profile.builder().from(p).name("Fintech EMEA").build());
    Opportunity o = storage.opportunities().save(opportunity(p, "o-1"));
    ana.feedback(o.id(), Feedback.save());
    ana.push(o.id(), "crm");
    Team team = ana.createTeam("sellers", "ana");
    ana.share(o.id(), team.id());
    ana.note(o.id(), team.id(), "call them");
    ana.setTeamStatus(o.id(), team.id(), TeamStatus.WORKING);
    ana.addTeamMember(team.id(), "bob");
    ProfileId pid = p.id();
    assertThatThrownBy(() -> bob.deleteProfile(pid)).isInstanceOf(AccessDeniedException.class);
    ana.findProfile(p.id()); // views are not audited by default
    Account acct = ana.accounts().create(account());
    acct = ana.accounts().reassign(acct.id(), acct.version(), "bob", Optional.empty(), "cover");
    ReviewCard card = ana.reviews().submit(o.id(), 0);
    card =
        ana.reviews()
            .refine(o.id(), card.version(), Refinement.builder().note("call Monday").build());
    card = ana.reviews().approve(o.id(), card.version(), Optional.of("go"));
    card = ana.reviews().activate(o.id(), card.version(), "crm");
    ana.deleteProfile(p.id());

    List<AuditEntry> log =
        storage.audit().byTime(TENANT, T0.minusSeconds(1), T0.plus(Duration.ofDays(1)), 0, 1000);
    assertThat(log)
        .extracting(e -> new Step(e.actor(), e.entityType(), e.action()))
        .containsExactly(
            new Step("ana", "profile", AuditAction.CREATE),
            new Step("ana", "profile", AuditAction.UPDATE),
            new Step("ana", "opportunity", AuditAction.FEEDBACK),
            new Step("ana", "opportunity", AuditAction.PUSH),
            new Step("ana", "team", AuditAction.CREATE),
            new Step("ana", "team", AuditAction.SHARE),
            new Step("ana", "team", AuditAction.SHARE),
            new Step("ana", "team", AuditAction.SHARE),
            new Step("ana", "team", AuditAction.UPDATE),
            new Step("bob", "profile", AuditAction.DENY),
            new Step("ana", "account", AuditAction.CREATE),
            new Step("ana", "account", AuditAction.ASSIGN),
            new Step("ana", "opportunity", AuditAction.SUBMIT),
            new Step("ana", "opportunity", AuditAction.REFINE),
            new Step("ana", "opportunity", AuditAction.APPROVE),
            new Step("ana", "opportunity", AuditAction.ACTIVATE),
            new Step("ana", "profile", AuditAction.DELETE));
    AuditEntry rename = log.get(1);
    assertThat(rename.changes()).containsExactly(FieldChange.of("name", "Fintech", "Fintech EMEA"));
    assertThat(rename.context()).isEqualTo(ctx);
    assertThat(log.get(9).reason()).get().asString().contains("PROFILE_WRITE");
    assertThat(log).extracting(AuditEntry::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(storage.audit().byActor(TENANT, "bob", 0, 10)).hasSize(1);
    assertThat(storage.audit().byEntity(TENANT, "profile", p.id().value(), 0, 10)).hasSize(4);
  }

  @Test
  void aChangeThatRollsBackLeavesNoAuditEntry() {
    DiscoveryEngine engine = engine(true);
    SecuredEngine ana = engine.as(Principal.of("ana", TENANT, "admin"));
    Profile p = ana.saveProfile(owned("ana", "Fintech"));
    Opportunity o = storage.opportunities().save(opportunity(p, "o-1"));

    assertThatThrownBy(() -> ana.feedback(o.id(), Feedback.save()))
        .hasMessageContaining("listener failed");

    assertThat(storage.audit().byEntity(TENANT, "opportunity", o.id().value(), 0, 10)).isEmpty();
    assertThat(storage.opportunities().listFeedback(o.id())).isEmpty();
  }

  @Test
  void viewsAreAuditedNeverByDefault() {
    DiscoveryEngine engine = engine(false);
    SecuredEngine ana = engine.as(Principal.of("ana", TENANT, "admin"));
    Profile p = ana.saveProfile(owned("ana", "Fintech"));
    ana.findProfile(p.id());
    assertThat(storage.audit().byActor(TENANT, "ana", 0, 10))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.CREATE);
  }

  @Test
  void viewsAreAuditedWhenTheHostTurnsThemOn() {
    DiscoveryEngine engine = engine(false, true);
    SecuredEngine ana = engine.as(Principal.of("ana", TENANT, "admin"));
    Profile p = ana.saveProfile(owned("ana", "Fintech"));
    Opportunity o = storage.opportunities().save(opportunity(p, "o-1"));
    Account a = ana.accounts().create(account());
    ana.findProfile(p.id());
    ana.findOpportunity(o.id());
    ana.accounts().view(a.id());
    ana.reviews().history(o.id());

    assertThat(storage.audit().byActor(TENANT, "ana", 0, 100))
        .filteredOn(e -> e.action() == AuditAction.VIEW)
        .extracting(e -> e.entityType() + "/" + e.entityId())
        .containsExactly(
            "profile/" + p.id().value(), "opportunity/o-1", "account/a-1", "opportunity/o-1");
  }

  private static Account account() {
    return Account.builder()
        .tenant(TENANT)
        .id("a-1")
        .name("Acme Corp")
        .owner("ana")
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  private static Profile owned(String owner, String name) {
    return Profile.builder().from(Fixtures.profile(TENANT, name)).owner(owner).build();
  }

  private static Opportunity opportunity(Profile p, String id) {
    return Fixtures.opportunity(
        OpportunityId.of(p.tenant(), id), p.id(), SignalKey.of("news", id), 60, T0);
  }
}
