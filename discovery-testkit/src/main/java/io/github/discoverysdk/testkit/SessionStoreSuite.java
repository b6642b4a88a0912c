package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.SessionFixtures.export;
import static io.github.discoverysdk.testkit.SessionFixtures.note;
import static io.github.discoverysdk.testkit.SessionFixtures.response;
import static io.github.discoverysdk.testkit.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportStatus;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCursor;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionStatus;
import io.github.discoverysdk.session.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of sessions(): versioned saves of sessions, responses, notes and
 * exports, and the newest-first keyset listing.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Sessions}; never extend this class directly.
 */
public abstract class SessionStoreSuite extends StoreSuiteSupport {
  SessionStoreSuite() {}

  private SessionStore sessions() {
    return storage().sessions();
  }

  @Test
  void aSessionIsInsertedThenUpdatedFromItsVersionAndAStaleVersionFails() {
    Session saved = sessions().save(session(TENANT_A, "s-1", "acc-1", "alice", T0));
    assertThat(saved.version()).isEqualTo(1);
    assertThat(sessions().find(TENANT_A, "s-1")).contains(saved);

    Session completed =
        sessions()
            .save(
                Session.builder()
                    .from(saved)
                    .status(SessionStatus.COMPLETED)
                    .completedAt(T0.plusSeconds(60))
                    .updatedAt(T0.plusSeconds(60))
                    .build());
    assertThat(completed.version()).isEqualTo(2);
    assertThat(sessions().find(TENANT_A, "s-1")).contains(completed);

    assertThatThrownBy(() -> sessions().save(saved))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("s-1");
    assertThatThrownBy(() -> sessions().save(session(TENANT_A, "s-1", "acc-1", "bob", T0)))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("already exists");
    assertThat(sessions().find(TENANT_A, "s-1")).contains(completed);
  }

  @Test
  void sessionsAreListedPerAccountAndOwnerNewestFirstInKeysetPages() {
    List<Session> saved = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Two sessions share each instant, so the id breaks the tie.
      saved.add(
          sessions().save(session(TENANT_A, "s-" + i, "acc-1", "alice", T0.plusSeconds(i / 2))));
    }
    sessions().save(session(TENANT_A, "s-bob", "acc-1", "bob", T0.plusSeconds(9)));
    sessions().save(session(TENANT_A, "s-acc2", "acc-2", "alice", T0.plusSeconds(9)));

    List<String> ids = new ArrayList<>();
    Optional<SessionCursor> after = Optional.empty();
    while (true) {
      List<Session> page = sessions().list(TENANT_A, "acc-1", "alice", after, 2);
      page.forEach(s -> ids.add(s.id()));
      if (page.size() < 2) {
        break;
      }
      after = Optional.of(SessionCursor.after(page.get(page.size() - 1)));
    }
    assertThat(ids).containsExactly("s-4", "s-3", "s-2", "s-1", "s-0");
    assertThat(sessions().list(TENANT_A, "acc-1", "alice", Optional.empty(), 0)).isEmpty();
  }

  @Test
  void responsesAreUpsertedPerQuestionWithVersionsAndKeepEveryAnswerType() {
    sessions().save(session(TENANT_A, "s-1", "acc-1", "alice", T0));
    Response text =
        sessions()
            .saveResponse(
                response(
                    TENANT_A, "s-1", "q.text", Answer.text("Ünïcödé ✓ 😀\nline two, \"quoted\"")));
    Response vendors =
        sessions()
            .saveResponse(
                response(
                    TENANT_A,
                    "s-1",
                    "q.vendors",
                    Answer.vendors(List.of("Okta", "CrowdStrike"), List.of("Acme Firewalls"))));
    Response sizing =
        sessions()
            .saveResponse(
                response(
                    TENANT_A,
                    "s-1",
                    "q.size",
                    Answer.sizing(Map.of("users", 1500.0, "bandwidth", 0.25))));
    Response choice =
        sessions().saveResponse(response(TENANT_A, "s-1", "q.radio", Answer.choice("rag")));
    assertThat(sessions().responses(TENANT_A, "s-1"))
        .containsExactly(choice, sizing, text, vendors);
    assertThat(vendors.answer().count()).isEqualTo(3);

    Response changed =
        sessions()
            .saveResponse(
                Response.builder().from(vendors).answer(Answer.vendors(List.of("Okta"))).build());
    assertThat(changed.version()).isEqualTo(2);
    assertThatThrownBy(() -> sessions().saveResponse(vendors))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () ->
                sessions().saveResponse(response(TENANT_A, "s-1", "q.text", Answer.text("again"))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(sessions().responses(TENANT_A, "s-1")).contains(changed).hasSize(4);
  }

  @Test
  void notesAreSavedUpdatedAndDeletedFromTheirVersion() {
    Note first = sessions().saveNote(note(TENANT_A, "s-1", "n-1", T0));
    Note second = sessions().saveNote(note(TENANT_A, "s-1", "n-2", T0.plusSeconds(1)));
    assertThat(sessions().notes(TENANT_A, "s-1")).containsExactly(first, second);

    Note edited = sessions().saveNote(Note.builder().from(first).text("edited").build());
    assertThat(edited.version()).isEqualTo(2);
    assertThatThrownBy(() -> sessions().saveNote(first))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> sessions().deleteNote(TENANT_A, "s-1", "n-1", 1))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(sessions().deleteNote(TENANT_A, "s-1", "n-1", 2)).isTrue();
    assertThat(sessions().deleteNote(TENANT_A, "s-1", "n-1", 2)).isFalse();
    assertThat(sessions().notes(TENANT_A, "s-1")).containsExactly(second);
  }

  @Test
  void exportsAreTrackedFromPendingToTheirEnd() {
    SessionExport pending = sessions().saveExport(export(TENANT_A, "s-1", "e-1", T0));
    SessionExport other =
        sessions().saveExport(export(TENANT_A, "s-1", "e-2", T0.plus(Duration.ofMinutes(1))));
    SessionExport done =
        sessions()
            .saveExport(
                SessionExport.builder()
                    .from(pending)
                    .status(ExportStatus.SUCCESS)
                    .exportedAt(T0.plusSeconds(5))
                    .salesforceRecordId("00T5g00000AbCdE")
                    .build());
    assertThat(done.version()).isEqualTo(2);
    assertThat(sessions().findExport(TENANT_A, "e-1")).contains(done);
    assertThat(sessions().exports(TENANT_A, "s-1")).containsExactly(done, other);
    assertThatThrownBy(() -> sessions().saveExport(pending))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(sessions().exports(TENANT_A, "s-2")).isEmpty();
  }

  @Test
  void sessionsLinkedToAProfileAreListedOnceEach() {
    sessions().linkProfile(TENANT_A, "s-2", "p-1");
    sessions().linkProfile(TENANT_A, "s-1", "p-1");
    sessions().linkProfile(TENANT_A, "s-1", "p-1");
    sessions().linkProfile(TENANT_A, "s-3", "p-2");
    assertThat(sessions().linkedSessions(TENANT_A, "p-1")).containsExactly("s-1", "s-2");
    assertThat(sessions().linkedSessions(TENANT_A, "p-3")).isEmpty();
  }
}
