package io.github.discoverysdk.session;

import static io.github.discoverysdk.session.SessionWorld.ANA;
import static io.github.discoverysdk.session.SessionWorld.T0;
import static io.github.discoverysdk.session.SessionWorld.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.AccessDeniedException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SecuredSessions;
import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.RequestContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecuredSessionsTest {
  private final SessionWorld w = new SessionWorld();
  private Session anasSession;
  private Session globexSession;

  @BeforeEach
  void accountsAndSessions() {
    w.engine.accounts().create(ANA, account(TENANT, "acc-ana", "ana", "emea"));
    w.engine.accounts().create(ANA, account(TENANT, "acc-bob", "bob", "apac"));
    w.engine.accounts().create(ANA, account("globex", "acc-g", "ana", "emea"));
    anasSession = as("ana", TENANT, "account_manager", "emea").start("acc-ana", "Acme", "security");
    globexSession =
        w.engine
            .as(Principal.of("ana", "globex", "account_manager"))
            .sessions()
            .start("acc-g", "Globex", "security");
  }

  @AfterEach
  void close() {
    w.close();
  }

  private SecuredSessions as(String user, String tenant, String role, String... teams) {
    return w.engine
        .as(
            Principal.of(user, tenant, Set.of(role), Set.of(teams)),
            RequestContext.of("198.51.100.9", "curl/8.5", "req-9"))
        .sessions();
  }

  private static Account account(String tenant, String id, String owner, String team) {
    return Account.builder()
        .tenant(tenant)
        .id(id)
        .name("Company " + id)
        .owner(owner)
        .team(team)
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  private List<AuditEntry> denials(String tenant) {
    return w
        .storage
        .audit()
        .byTime(tenant, T0.minusSeconds(1), T0.plusSeconds(3600), 0, 1000)
        .stream()
        .filter(e -> e.action() == AuditAction.DENY)
        .toList();
  }

  @Test
  void theOwnerTheirTeamAndTheirManagerMayActOnASession() {
    SecuredSessions owner = as("ana", TENANT, "account_manager", "emea");
    owner.answer(anasSession.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    assertThat(as("carl", TENANT, "viewer", "emea").view(anasSession.id()).responses()).hasSize(1);
    Note note =
        as("maria", TENANT, "manager", "emea")
            .addNote(anasSession.id(), NoteType.ACTION_ITEM, "Book a workshop", Optional.empty());
    assertThat(note.author()).isEqualTo("maria");
    assertThat(owner.list("acc-ana", Optional.empty(), 10).items())
        .extracting(Session::id)
        .containsExactly(anasSession.id());
    assertThat(denials(TENANT)).isEmpty();
  }

  @Test
  void anotherAccountsSessionIsDeniedAndTheDenialIsAudited() {
    SecuredSessions bob = as("bob", TENANT, "account_manager", "apac");
    assertThatThrownBy(() -> bob.view(anasSession.id()))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.permission()).contains(Permission.SESSION_READ))
        .hasMessageContaining("outside the OWN scope of bob");
    assertThatThrownBy(
            () ->
                bob.answer(
                    anasSession.id(), "security.endpoint", Answer.vendors(List.of("Okta")), 0))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as("dora", TENANT, "manager", "apac").complete(anasSession.id(), 1))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> bob.start("acc-ana", "Acme", "security"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(
            () ->
                as("vic", TENANT, "viewer", "emea")
                    .answer(
                        anasSession.id(), "security.endpoint", Answer.vendors(List.of("Okta")), 0))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("SESSION_WRITE");

    List<AuditEntry> denied = denials(TENANT);
    assertThat(denied).hasSize(5);
    assertThat(denied.get(0).actor()).isEqualTo("bob");
    assertThat(denied.get(0).entityType()).isEqualTo(Sessions.ENTITY);
    assertThat(denied.get(0).entityId()).isEqualTo(anasSession.id());
    assertThat(denied.get(0).context().ip()).contains("198.51.100.9");
    assertThat(denied.get(0).reason())
        .hasValueSatisfying(r -> assertThat(r).contains("SESSION_READ"));
    assertThat(w.sessions.view(TENANT, anasSession.id()).responses()).isEmpty();
  }

  @Test
  void anotherTenantsSessionIsDeniedOrInvisibleAndDenialsAreAudited() {
    SecuredSessions ana = as("ana", TENANT, "admin");
    // Ids are scoped by the principal's tenant: another tenant's session is not found.
    assertThat(ana.find(globexSession.id())).isEmpty();
    assertThatThrownBy(() -> ana.view(globexSession.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ana.complete(globexSession.id(), 1))
        .isInstanceOf(NotFoundException.class);
    assertThat(w.sessions.find("globex", globexSession.id())).contains(globexSession);

    // A principal of no role in the session's tenant is refused before any lookup, and audited.
    SecuredSessions stranger = as("eve", "globex", "ghost");
    assertThatThrownBy(() -> stranger.view(globexSession.id()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("no role of eve grants SESSION_READ");
    assertThat(denials("globex"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("eve"));
    assertThat(denials(TENANT)).isEmpty();
  }
}
