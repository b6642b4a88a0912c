package io.github.discoverysdk.session;

import static io.github.discoverysdk.session.SessionWorld.ANA;
import static io.github.discoverysdk.session.SessionWorld.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.IllegalTransitionException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionsTest {
  private final SessionWorld w = new SessionWorld();
  private final Sessions sessions = w.sessions;

  @AfterEach
  void close() {
    w.close();
  }

  /** A session brought to {@code status} along the allowed path. */
  private Session at(SessionStatus status) {
    Session s = w.start("acc-1", "security");
    if (status != SessionStatus.IN_PROGRESS) {
      s = sessions.complete(ANA, TENANT, s.id(), s.version());
    }
    if (status == SessionStatus.ARCHIVED) {
      s = sessions.archive(ANA, TENANT, s.id(), s.version());
    }
    return s;
  }

  @ParameterizedTest
  @EnumSource(SessionStatus.class)
  void everyStatusTransitionIsAllowedOnlyOneStepForward(SessionStatus from) {
    for (SessionStatus to : SessionStatus.values()) {
      Session s = at(from);
      boolean allowed =
          (from == SessionStatus.IN_PROGRESS && to == SessionStatus.COMPLETED)
              || (from == SessionStatus.COMPLETED && to == SessionStatus.ARCHIVED);
      if (allowed) {
        w.clock.advance(Duration.ofMinutes(5));
        Session moved = sessions.move(ANA, TENANT, s.id(), s.version(), to);
        assertThat(moved.status()).isEqualTo(to);
        assertThat(moved.version()).isEqualTo(s.version() + 1);
        assertThat(moved.completedAt())
            .isEqualTo(
                to == SessionStatus.COMPLETED ? Optional.of(w.clock.instant()) : s.completedAt());
        assertThat(w.audit(Sessions.ENTITY, s.id()))
            .last()
            .satisfies(e -> assertThat(e.changes()).anyMatch(c -> c.field().equals("status")));
      } else {
        assertThatThrownBy(() -> sessions.move(ANA, TENANT, s.id(), s.version(), to))
            .as("%s -> %s", from, to)
            .isInstanceOf(IllegalTransitionException.class)
            .isInstanceOfSatisfying(
                IllegalSessionTransitionException.class,
                e -> {
                  assertThat(e.status()).isEqualTo(from);
                  assertThat(e.target()).isEqualTo(to);
                })
            .hasMessageContaining(from + " and cannot become " + to);
        assertThat(sessions.find(TENANT, s.id())).contains(s);
      }
    }
  }

  @Test
  void aStaleVersionOfATransitionIsATypedError() {
    Session s = at(SessionStatus.IN_PROGRESS);
    assertThatThrownBy(() -> sessions.complete(ANA, TENANT, s.id(), s.version() + 1))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> sessions.complete(ANA, TENANT, "nope", 1))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theResponseUpsertIsIdempotentAndAConcurrentUpdateGetsATypedError() {
    Session s = at(SessionStatus.IN_PROGRESS);
    Answer answer = Answer.vendors(List.of("palo alto", "Fortinet"));
    Response first = sessions.answer(ANA, TENANT, s.id(), "security.network", answer, 0);
    // The retry of a request whose reply was lost: same answer, version 0 again.
    Response retried = sessions.answer(ANA, TENANT, s.id(), "security.network", answer, 0);
    assertThat(retried).isEqualTo(first);
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.answer().selected()).containsExactly("Palo Alto Networks", "Fortinet");
    assertThat(sessions.view(TENANT, s.id()).responses()).containsExactly(first);
    assertThat(w.audit(Sessions.RESPONSE, s.id() + "/security.network")).hasSize(1);

    // Two users read version 1 and both change it: the second gets a typed error.
    Response ana =
        sessions.answer(
            ANA, TENANT, s.id(), "security.network", Answer.vendors(List.of("Cisco")), 1);
    assertThat(ana.version()).isEqualTo(2);
    assertThatThrownBy(
            () ->
                sessions.answer(
                    ANA, TENANT, s.id(), "security.network", Answer.vendors(List.of("Zscaler")), 1))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("version 2");
    assertThat(sessions.view(TENANT, s.id()).responses()).containsExactly(ana);
  }

  @Test
  void answersAreValidatedAgainstTheirQuestionType() {
    Session s = at(SessionStatus.IN_PROGRESS);
    Session ai = w.start("acc-1", "ai");
    assertRefused(
        s, "security.network", Answer.vendors(List.of("Acme Firewalls")), "mark it as free-form");
    assertRefused(
        s, "security.network", Answer.vendors(List.of("Snowflake")), "not in the categories");
    assertRefused(
        s,
        "security.network",
        Answer.vendors(List.of(), List.of("AWS")),
        "is the catalogue's Amazon Web Services");
    assertRefused(s, "security.network", Answer.text("we use firewalls"), "must be VENDOR_MULTI");
    assertRefused(
        s,
        "security.sizing",
        Answer.sizing(Map.of("users", -1.0)),
        "users must be a number between 1.0");
    assertRefused(
        s, "security.sizing", Answer.sizing(Map.of("users", Double.NaN)), "users must be a number");
    assertRefused(
        s,
        "security.sizing",
        Answer.sizing(Map.of("racks", 3.0)),
        "unknown sizing parameter racks");
    assertRefused(
        s, "ai.platforms", Answer.vendors(List.of("OpenAI")), "not of the session's vertical");
    assertRefused(s, "nope", Answer.text("x"), "not in the catalogue");
    assertThatThrownBy(
            () ->
                sessions.answer(ANA, TENANT, ai.id(), "ai.applications", Answer.choice("magic"), 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be one of [none, exploring, rag, fine_tuning, agents]");

    assertThat(
            sessions
                .answer(ANA, TENANT, ai.id(), "ai.applications", Answer.choice("rag"), 0)
                .answer()
                .value())
        .isEqualTo("rag");
    Response kept =
        sessions.answer(
            ANA,
            TENANT,
            s.id(),
            "security.network",
            Answer.vendors(List.of(), List.of("Acme Firewalls")),
            0);
    assertThat(kept.answer().freeForm()).containsExactly("Acme Firewalls");
    assertThat(kept.answer().count()).isEqualTo(1);
    Response sized =
        sessions.answer(
            ANA,
            TENANT,
            s.id(),
            "security.sizing",
            Answer.sizing(Map.of("users", 1500.0, "locations", 12.0)),
            0);
    assertThat(sized.answer().sizing()).containsEntry("users", 1500.0);

    Session done = sessions.complete(ANA, TENANT, s.id(), s.version());
    assertThatThrownBy(
            () ->
                sessions.answer(
                    ANA,
                    TENANT,
                    done.id(),
                    "security.endpoint",
                    Answer.vendors(List.of("CrowdStrike")),
                    0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("only sessions in progress take answers");
  }

  private void assertRefused(Session s, String question, Answer a, String message) {
    assertThatThrownBy(() -> sessions.answer(ANA, TENANT, s.id(), question, a, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(message);
    assertThat(sessions.view(TENANT, s.id()).responses())
        .noneMatch(r -> r.questionId().equals(question) && r.answer().equals(a));
  }

  @Test
  void notesAreTypedLinkedAndAnUpdateKeepsTypeAndLink() {
    Session s = at(SessionStatus.IN_PROGRESS);
    sessions.answer(
        ANA, TENANT, s.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    Note risk =
        sessions
            .notes()
            .add(
                ANA,
                TENANT,
                s.id(),
                NoteType.RISK,
                "EDR renewal in March",
                Optional.of("security.endpoint"));
    Note action =
        sessions
            .notes()
            .add(ANA, TENANT, s.id(), NoteType.ACTION_ITEM, "Send the SASE deck", Optional.empty());
    assertThatThrownBy(
            () ->
                sessions
                    .notes()
                    .add(
                        ANA,
                        TENANT,
                        s.id(),
                        NoteType.GENERAL,
                        "x",
                        Optional.of("security.identity")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("has no response");

    Note edited =
        sessions
            .notes()
            .update(ANA, TENANT, s.id(), risk.id(), risk.version(), "EDR renewal moved to April");
    assertThat(edited.type()).isEqualTo(NoteType.RISK);
    assertThat(edited.questionId()).contains("security.endpoint");
    assertThat(edited.version()).isEqualTo(2);
    assertThatThrownBy(() -> sessions.notes().update(ANA, TENANT, s.id(), risk.id(), 1, "stale"))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> sessions.notes().delete(ANA, TENANT, s.id(), action.id(), 7))
        .isInstanceOf(ConcurrentUpdateException.class);
    sessions.notes().delete(ANA, TENANT, s.id(), action.id(), action.version());
    assertThat(sessions.notes().list(TENANT, s.id())).containsExactly(edited);
    assertThat(w.audit(SessionNotes.ENTITY, s.id() + "/" + action.id()))
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.CREATE, AuditAction.DELETE);
  }

  @Test
  void everyActionIsAuditedWithActorIpAndUserAgent() {
    Session s = at(SessionStatus.IN_PROGRESS);
    sessions.answer(
        ANA, TENANT, s.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    sessions.notes().add(ANA, TENANT, s.id(), NoteType.GENERAL, "hello", Optional.empty());
    sessions.exports().export(ANA, TENANT, s.id(), ExportFormat.JSON);
    sessions.complete(ANA, TENANT, s.id(), s.version());
    List<AuditEntry> all = w.storage.audit().byActor(TENANT, "ana", 0, 100);
    assertThat(all)
        .extracting(AuditEntry::entityType)
        .contains(Sessions.ENTITY, Sessions.RESPONSE, SessionNotes.ENTITY, SessionExports.ENTITY);
    assertThat(all)
        .allSatisfy(
            e -> {
              assertThat(e.context().ip()).contains("203.0.113.7");
              assertThat(e.context().userAgent()).contains("Mozilla/5.0 (X11)");
            });
  }

  @Test
  void sessionsAreListedPerAccountNewestFirstForTheirOwnerInPages() {
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      started.add(w.start("acc-1", "security").id());
      w.clock.advance(Duration.ofMinutes(1));
    }
    sessions.start(ANA, TENANT, "bob", "acc-1", "Company acc-1", "security");
    w.start("acc-2", "data");
    List<String> listed = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<Session> page = sessions.list(TENANT, "acc-1", "ana", cursor, 2);
      page.items().forEach(x -> listed.add(x.id()));
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    java.util.Collections.reverse(started);
    assertThat(listed).containsExactlyElementsOf(started);
    assertThatThrownBy(() -> sessions.list(TENANT, "acc-1", "ana", Optional.of("garbage"), 2))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aSessionOfAMonitoredAccountTakesItsTeamAndAnUnknownVerticalIsRefused() {
    w.engine
        .accounts()
        .create(
            ANA,
            io.github.discoverysdk.account.Account.builder()
                .tenant(TENANT)
                .id("acc-9")
                .name("Globex")
                .owner("ana")
                .team("emea")
                .createdAt(SessionWorld.T0)
                .updatedAt(SessionWorld.T0)
                .build());
    assertThat(w.start("acc-9", "security").team()).contains("emea");
    assertThat(w.start("acc-unknown", "security").team()).isEmpty();
    assertThatThrownBy(() -> w.start("acc-1", "gardening"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "vertical must be one of [security, infrastructure, devops, data, ai]");
  }
}
