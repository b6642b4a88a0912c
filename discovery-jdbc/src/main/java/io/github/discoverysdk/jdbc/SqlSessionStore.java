package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportStatus;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCursor;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionStatus;
import io.github.discoverysdk.session.SessionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SessionStore} in SQL: {@code discovery_session}, {@code discovery_session_response},
 * {@code discovery_session_note} and {@code discovery_session_export}, each row saved from its
 * version ({@link Sql#saveVersioned}). Thread-safe when its {@link Access} is.
 */
final class SqlSessionStore implements SessionStore {
  private static final String SESSION =
      "tenant, id, account_id, account_name, owner, team, vertical, status, created_at,"
          + " updated_at, completed_at, version";
  private static final String RESPONSE =
      "tenant, session_id, question_id, answer, answered_by, updated_at, version";
  private static final String NOTE =
      "tenant, session_id, id, note_type, body, question_id, author, created_at, updated_at,"
          + " version";
  private static final String EXPORT =
      "tenant, id, session_id, format, status, error, created_at, exported_at,"
          + " salesforce_record_id, version";

  private final Sql db;

  SqlSessionStore(Sql sql) {
    this.db = sql;
  }

  private Session session(ResultSet rs) throws SQLException {
    return Session.builder()
        .tenant(rs.getString("tenant"))
        .id(rs.getString("id"))
        .accountId(rs.getString("account_id"))
        .accountName(rs.getString("account_name"))
        .owner(rs.getString("owner"))
        .team(Optional.ofNullable(rs.getString("team")))
        .vertical(rs.getString("vertical"))
        .status(SessionStatus.valueOf(rs.getString("status")))
        .createdAt(db.getInstant(rs, "created_at"))
        .updatedAt(db.getInstant(rs, "updated_at"))
        .completedAt(Optional.ofNullable(db.getInstant(rs, "completed_at")))
        .version(rs.getLong("version"))
        .build();
  }

  @Override
  public Session save(Session session) {
    Objects.requireNonNull(session, "session");
    Session saved =
        Session.builder()
            .from(session)
            .createdAt(Sql.micros(session.createdAt()))
            .updatedAt(Sql.micros(session.updatedAt()))
            .completedAt(session.completedAt().map(Sql::micros))
            .version(session.version() + 1)
            .build();
    String what = "session " + session.id() + " of tenant " + session.tenant();
    return db.access()
        .atomic(
            "save " + what,
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_session",
                  SESSION,
                  new String[] {session.tenant(), session.id()},
                  (ps, i) -> {
                    ps.setString(i++, saved.accountId());
                    ps.setString(i++, saved.accountName());
                    ps.setString(i++, saved.owner());
                    ps.setString(i++, saved.team().orElse(null));
                    ps.setString(i++, saved.vertical());
                    ps.setString(i++, saved.status().name());
                    db.setInstant(ps, i++, saved.createdAt());
                    db.setInstant(ps, i++, saved.updatedAt());
                    db.setInstant(ps, i++, saved.completedAt().orElse(null));
                    return i;
                  },
                  session.version(),
                  what,
                  "session",
                  session.id());
              return saved;
            });
  }

  @Override
  public Optional<Session> find(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return db.access()
        .run(
            "find session " + sessionId + " of tenant " + tenant,
            c ->
                Sql.one(
                    c,
                    "SELECT " + SESSION + " FROM discovery_session WHERE tenant = ? AND id = ?",
                    this::session,
                    tenant,
                    sessionId));
  }

  @Override
  public List<Session> list(
      String tenant, String accountId, String owner, Optional<SessionCursor> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(after, "after");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    String sql =
        "SELECT "
            + SESSION
            + " FROM discovery_session WHERE tenant = ? AND account_id = ? AND owner = ?"
            + (after.isPresent() ? " AND (created_at < ? OR (created_at = ? AND id < ?))" : "")
            + " ORDER BY created_at DESC, id DESC"
            + Sql.limitClause();
    return db.access()
        .run(
            "list the sessions of account " + accountId + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bindStrings(ps, tenant, accountId, owner);
                int i = 4;
                if (after.isPresent()) {
                  db.setInstant(ps, i++, after.get().createdAt());
                  db.setInstant(ps, i++, after.get().createdAt());
                  ps.setString(i++, after.get().id());
                }
                ps.setInt(i, limit);
                return Sql.all(ps, this::session);
              }
            });
  }

  private Response response(ResultSet rs) throws SQLException {
    return Response.builder()
        .tenant(rs.getString("tenant"))
        .sessionId(rs.getString("session_id"))
        .questionId(rs.getString("question_id"))
        .answer(SessionJson.readAnswer(rs.getString("answer")))
        .answeredBy(rs.getString("answered_by"))
        .updatedAt(db.getInstant(rs, "updated_at"))
        .version(rs.getLong("version"))
        .build();
  }

  @Override
  public Response saveResponse(Response response) {
    Objects.requireNonNull(response, "response");
    Response saved =
        Response.builder()
            .from(response)
            .updatedAt(Sql.micros(response.updatedAt()))
            .version(response.version() + 1)
            .build();
    String id = response.sessionId() + "/" + response.questionId();
    String what = "response " + id + " of tenant " + response.tenant();
    return db.access()
        .atomic(
            "save " + what,
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_session_response",
                  RESPONSE,
                  new String[] {response.tenant(), response.sessionId(), response.questionId()},
                  (ps, i) -> {
                    ps.setString(i++, SessionJson.answer(saved.answer()));
                    ps.setString(i++, saved.answeredBy());
                    db.setInstant(ps, i++, saved.updatedAt());
                    return i;
                  },
                  response.version(),
                  what,
                  "response",
                  id);
              return saved;
            });
  }

  @Override
  public List<Response> responses(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return db.access()
        .run(
            "read the responses of session " + sessionId + " of tenant " + tenant,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + RESPONSE
                        + " FROM discovery_session_response WHERE tenant = ? AND session_id = ?"
                        + " ORDER BY question_id",
                    this::response,
                    tenant,
                    sessionId));
  }

  private Note note(ResultSet rs) throws SQLException {
    return Note.builder()
        .tenant(rs.getString("tenant"))
        .sessionId(rs.getString("session_id"))
        .id(rs.getString("id"))
        .type(NoteType.valueOf(rs.getString("note_type")))
        .text(rs.getString("body"))
        .questionId(Optional.ofNullable(rs.getString("question_id")))
        .author(rs.getString("author"))
        .createdAt(db.getInstant(rs, "created_at"))
        .updatedAt(db.getInstant(rs, "updated_at"))
        .version(rs.getLong("version"))
        .build();
  }

  @Override
  public Note saveNote(Note note) {
    Objects.requireNonNull(note, "note");
    Note saved =
        Note.builder()
            .from(note)
            .createdAt(Sql.micros(note.createdAt()))
            .updatedAt(Sql.micros(note.updatedAt()))
            .version(note.version() + 1)
            .build();
    String what = "note " + note.id() + " of tenant " + note.tenant();
    return db.access()
        .atomic(
            "save " + what,
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_session_note",
                  NOTE,
                  new String[] {note.tenant(), note.sessionId(), note.id()},
                  (ps, i) -> {
                    ps.setString(i++, saved.type().name());
                    ps.setString(i++, saved.text());
                    ps.setString(i++, saved.questionId().orElse(null));
                    ps.setString(i++, saved.author());
                    db.setInstant(ps, i++, saved.createdAt());
                    db.setInstant(ps, i++, saved.updatedAt());
                    return i;
                  },
                  note.version(),
                  what,
                  "note",
                  note.id());
              return saved;
            });
  }

  @Override
  public boolean deleteNote(String tenant, String sessionId, String noteId, long version) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(noteId, "noteId");
    String where = " FROM discovery_session_note WHERE tenant = ? AND session_id = ? AND id = ?";
    return db.access()
        .atomic(
            "delete note " + noteId + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE" + where + " AND version = ?")) {
                Sql.bindStrings(ps, tenant, sessionId, noteId);
                ps.setLong(4, version);
                if (ps.executeUpdate() == 1) {
                  return true;
                }
              }
              Optional<Long> stored =
                  Sql.longValue(c, "SELECT version" + where, tenant, sessionId, noteId);
              if (stored.isEmpty()) {
                return false;
              }
              throw Sql.stale("note", noteId, version, stored);
            });
  }

  @Override
  public List<Note> notes(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return db.access()
        .run(
            "read the notes of session " + sessionId + " of tenant " + tenant,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + NOTE
                        + " FROM discovery_session_note WHERE tenant = ? AND session_id = ?"
                        + " ORDER BY created_at, id",
                    this::note,
                    tenant,
                    sessionId));
  }

  private SessionExport export(ResultSet rs) throws SQLException {
    return SessionExport.builder()
        .tenant(rs.getString("tenant"))
        .id(rs.getString("id"))
        .sessionId(rs.getString("session_id"))
        .format(ExportFormat.valueOf(rs.getString("format")))
        .status(ExportStatus.valueOf(rs.getString("status")))
        .error(Optional.ofNullable(rs.getString("error")))
        .createdAt(db.getInstant(rs, "created_at"))
        .exportedAt(Optional.ofNullable(db.getInstant(rs, "exported_at")))
        .salesforceRecordId(Optional.ofNullable(rs.getString("salesforce_record_id")))
        .version(rs.getLong("version"))
        .build();
  }

  @Override
  public SessionExport saveExport(SessionExport export) {
    Objects.requireNonNull(export, "export");
    SessionExport saved =
        SessionExport.builder()
            .from(export)
            .createdAt(Sql.micros(export.createdAt()))
            .exportedAt(export.exportedAt().map(Sql::micros))
            .version(export.version() + 1)
            .build();
    String what = "export " + export.id() + " of tenant " + export.tenant();
    return db.access()
        .atomic(
            "save " + what,
            c -> {
              if (export.version() > 0) {
                Optional<SessionExport> stored =
                    Sql.one(
                        c,
                        "SELECT "
                            + EXPORT
                            + " FROM discovery_session_export WHERE tenant = ? AND id = ?",
                        this::export,
                        export.tenant(),
                        export.id());
                if (stored.isPresent() && !stored.get().sessionId().equals(export.sessionId())) {
                  throw new io.github.discoverysdk.ConcurrentUpdateException(
                      "export " + export.id() + " already exists for another session");
                }
              }
              db.saveVersioned(
                  c,
                  "discovery_session_export",
                  EXPORT,
                  new String[] {export.tenant(), export.id()},
                  (ps, i) -> {
                    ps.setString(i++, saved.sessionId());
                    ps.setString(i++, saved.format().name());
                    ps.setString(i++, saved.status().name());
                    ps.setString(i++, saved.error().orElse(null));
                    db.setInstant(ps, i++, saved.createdAt());
                    db.setInstant(ps, i++, saved.exportedAt().orElse(null));
                    ps.setString(i++, saved.salesforceRecordId().orElse(null));
                    return i;
                  },
                  export.version(),
                  what,
                  "export",
                  export.id());
              return saved;
            });
  }

  @Override
  public Optional<SessionExport> findExport(String tenant, String exportId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(exportId, "exportId");
    return db.access()
        .run(
            "find export " + exportId + " of tenant " + tenant,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + EXPORT
                        + " FROM discovery_session_export WHERE tenant = ? AND id = ?",
                    this::export,
                    tenant,
                    exportId));
  }

  @Override
  public List<SessionExport> exports(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return db.access()
        .run(
            "read the exports of session " + sessionId + " of tenant " + tenant,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + EXPORT
                        + " FROM discovery_session_export WHERE tenant = ? AND session_id = ?"
                        + " ORDER BY created_at, id",
                    this::export,
                    tenant,
                    sessionId));
  }

  @Override
  public void linkProfile(String tenant, String sessionId, String profileId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(profileId, "profileId");
    db.access()
        .atomic(
            "link session " + sessionId + " to profile " + profileId + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO discovery_session_profile (tenant, profile_id, session_id)"
                          + " VALUES (?, ?, ?)"
                          + db.ignoreConflicts())) {
                Sql.bindStrings(ps, tenant, profileId, sessionId);
                Sql.insert(ps);
              }
              return null;
            });
  }

  @Override
  public List<String> linkedSessions(String tenant, String profileId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(profileId, "profileId");
    return db.access()
        .run(
            "read the sessions of profile " + profileId + " of tenant " + tenant,
            c ->
                Sql.many(
                    c,
                    "SELECT session_id FROM discovery_session_profile"
                        + " WHERE tenant = ? AND profile_id = ? ORDER BY session_id",
                    rs -> rs.getString(1),
                    tenant,
                    profileId));
  }
}
