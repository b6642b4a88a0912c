package io.github.discoverysdk;

import static io.github.discoverysdk.AccessMatrixRows.row;
import static io.github.discoverysdk.access.Permission.SESSION_READ;
import static io.github.discoverysdk.access.Permission.SESSION_WRITE;

import io.github.discoverysdk.AccessMatrixRows.Reach;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.SessionStatus;
import java.util.List;
import java.util.Optional;

/** The access matrix rows of {@link SecuredSessions}, one per public method. */
final class SessionAccessRows {
  private SessionAccessRows() {}

  static void add() {
    row(
        "sessions.start",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions()
                .start(w.account(t).id(), "Company", "security")
                .tenant()
                .equals(w.tenant(t)));
    row(
        "sessions.find",
        SESSION_READ,
        Reach.SCOPED,
        (se, w, t) -> se.sessions().find(w.session(t).id()).isPresent());
    row(
        "sessions.list",
        SESSION_READ,
        Reach.MEMBERSHIP,
        (se, w, t) ->
            se.sessions().list(w.account(t).id(), Optional.empty(), 10).items().stream()
                .anyMatch(s -> s.id().equals(w.session(t).id())));
    row(
        "sessions.view",
        SESSION_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions().view(w.session(t).id()).session().id().equals(w.session(t).id()));
    row(
        "sessions.insights",
        SESSION_READ,
        Reach.SCOPED,
        (se, w, t) -> se.sessions().insights(w.session(t).id()) != null);
    row(
        "sessions.exports",
        SESSION_READ,
        Reach.SCOPED,
        (se, w, t) -> se.sessions().exports(w.session(t).id()) != null);
    row(
        "sessions.complete",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions().complete(w.session(t).id(), w.session(t).version()).status()
                == SessionStatus.COMPLETED);
    row(
        "sessions.archive",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) -> {
          long version = w.completedSession(t).version();
          return se.sessions().archive(w.session(t).id(), version).status()
              == SessionStatus.ARCHIVED;
        });
    row(
        "sessions.answer",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions()
                    .answer(
                        w.session(t).id(),
                        "security.endpoint",
                        Answer.vendors(List.of("CrowdStrike")),
                        0)
                    .version()
                == 1);
    row(
        "sessions.addNote",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions()
                    .addNote(w.session(t).id(), NoteType.GENERAL, "hi", Optional.empty())
                    .version()
                == 1);
    row(
        "sessions.updateNote",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions().updateNote(w.session(t).id(), w.note(t).id(), 1, "edited").version()
                == 2);
    row(
        "sessions.deleteNote",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) -> {
          se.sessions().deleteNote(w.session(t).id(), w.note(t).id(), 1);
          return true;
        });
    row(
        "sessions.export",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions()
                .export(w.session(t).id(), ExportFormat.CSV)
                .content()
                .contains("security.network"));
    row(
        "sessions.exportTo",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.sessions()
                .exportTo(w.session(t).id(), "crm")
                .salesforceRecordId()
                .equals(Optional.of("rec-" + w.session(t).id())));
    row(
        "sessions.applyToProfile",
        SESSION_WRITE,
        Reach.SCOPED,
        (se, w, t) -> {
          w.completedSession(t);
          return se.sessions()
              .applyToProfile(w.session(t).id(), w.profile(t).id())
              .competitors()
              .contains("Fortinet");
        });
    row(
        "sessions.evidence",
        SESSION_READ,
        Reach.SCOPED,
        (se, w, t) -> se.sessions().evidence(w.opportunity(t).id()) != null);
  }
}
