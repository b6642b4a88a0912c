package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The opt-in rule {@code applyCompletedSessions}: completing a session applies its incumbents to
 * its owner's profiles for the account, audited, for the tenants that opted in, and to nothing
 * otherwise.
 */
class SessionAutoApplyTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Actor SYS = Actor.system("test");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private DiscoveryEngine engine;

  private DiscoveryEngine engine(Predicate<String> optIn) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock);
    if (optIn != null) {
      b.applyCompletedSessions(optIn);
    }
    engine = b.build();
    return engine;
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private Profile profile(String tenant, String owner, String name, Company... watchlist) {
    return engine
        .profiles()
        .save(
            Profile.builder()
                .tenant(tenant)
                .owner(owner)
                .name(name)
                .addWatchlist(watchlist)
                .addCompetitors("Adyen")
                .build());
  }

  /** A session of ana with Globex, answered with two incumbents, not yet completed. */
  private Session answered(String tenant, String accountId, String accountName) {
    Sessions sessions = engine.sessions();
    Session s = sessions.start(SYS, tenant, "ana", accountId, accountName, "security");
    sessions.answer(
        SYS, tenant, s.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    sessions.answer(
        SYS, tenant, s.id(), "security.network", Answer.vendors(List.of("Palo Alto")), 0);
    return engine.sessions().find(tenant, s.id()).orElseThrow();
  }

  private Profile reread(Profile p) {
    return storage.profiles().find(p.id()).orElseThrow();
  }

  private List<AuditEntry> audit(String tenant, String type, String id) {
    return storage.audit().byEntity(tenant, type, id, 0, 100);
  }

  @Test
  void withTheRuleOnCompletingASessionAppliesItsIncumbentsToTheOwnersProfileForTheAccount() {
    engine(tenant -> tenant.equals("acme"));
    Profile globex = profile("acme", "ana", "Globex account", Company.of("Globex"));
    Profile other = profile("acme", "ana", "Initech account", Company.of("Initech"));
    Profile bobs = profile("acme", "bob", "Globex for bob", Company.of("Globex"));
    Session s = answered("acme", "acc-globex", "Globex");

    Session done =
        engine
            .as(Principal.of("ana", "acme", Set.of("account_manager"), Set.of()))
            .sessions()
            .complete(s.id(), s.version());

    Profile applied = reread(globex);
    assertThat(applied.competitors()).contains("Adyen", "CrowdStrike", "Palo Alto Networks");
    assertThat(applied.keywords()).contains("CrowdStrike", "Palo Alto Networks");
    assertThat(applied.version()).isEqualTo(globex.version() + 1);
    assertThat(reread(other)).as("a profile for another account").isEqualTo(other);
    assertThat(reread(bobs)).as("another user's profile").isEqualTo(bobs);
    assertThat(storage.sessions().linkedSessions("acme", globex.id().value()))
        .containsExactly(done.id());
    assertThat(audit("acme", "profile", globex.id().value()))
        .anyMatch(e -> e.action() == AuditAction.UPDATE && e.actor().equals("ana"));
    assertThat(audit("acme", Sessions.ENTITY, s.id()))
        .anyMatch(
            e ->
                e.actor().equals("ana")
                    && e.changes().stream()
                        .anyMatch(
                            c ->
                                c.field().equals("appliedToProfile")
                                    && c.after()
                                        .equals(java.util.Optional.of(globex.id().value()))));
  }

  @Test
  void theRuleFindsTheProfileByTheMonitoredAccountsCompanyNamesAndDomains() {
    engine(tenant -> true);
    engine
        .accounts()
        .create(
            SYS,
            Account.builder()
                .tenant("acme")
                .id("acc-7")
                .name("Globex Holdings")
                .addCompanies("Globex")
                .addDomains("globex.example")
                .owner("ana")
                .createdAt(T0)
                .updatedAt(T0)
                .build());
    Profile byName = profile("acme", "ana", "by name", Company.of("Globex"));
    Profile byDomain =
        profile(
            "acme",
            "ana",
            "by domain",
            Company.builder().name("GX").addDomains("globex.example").build());
    Session s = answered("acme", "acc-7", "Globex Holdings");

    engine.sessions().complete(SYS, "acme", s.id(), s.version());

    assertThat(reread(byName).competitors()).contains("CrowdStrike");
    assertThat(reread(byDomain).competitors()).contains("CrowdStrike");
  }

  @Test
  void withoutTheRuleCompletingASessionChangesNoProfile() {
    engine(null);
    Profile globex = profile("acme", "ana", "Globex account", Company.of("Globex"));
    Session s = answered("acme", "acc-globex", "Globex");

    engine.sessions().complete(SYS, "acme", s.id(), s.version());

    assertThat(reread(globex)).isEqualTo(globex);
    assertThat(storage.sessions().linkedSessions("acme", globex.id().value())).isEmpty();
  }

  @Test
  void aTenantThatDidNotOptInIsLeftAlone() {
    engine(tenant -> tenant.equals("acme"));
    Profile globex = profile("initech", "ana", "Globex account", Company.of("Globex"));
    Session s = answered("initech", "acc-globex", "Globex");

    engine.sessions().complete(SYS, "initech", s.id(), s.version());

    assertThat(reread(globex)).isEqualTo(globex);
  }
}
