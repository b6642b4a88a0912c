package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.session.Note;
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
 * {@link SessionStore} in SQL: {@code discovery_session}, {@code discovery_session_response} and
 * {@code discovery_session_profile} here, notes and exports in {@link SqlSessionRecords}; each row
 * saved from its version ({@link Sql#saveVersioned}). Thread-safe when its {@link Access} is.
 */
final class SqlSessionStore implements SessionStore {
  private static final String SESSION =
      "tenant, id, account_id, account_name, owner, team, vertical, status, created_at,"
          + " updated_at, completed_at, version";
  private static final String RESPONSE =
      "tenant, session_id, question_id, answer, answered_by, updated_at, version";

  private final Sql db;
  private final SqlSessionRecords records;

  SqlSessionStore(Sql sql) {
    this.db = sql;
    this.records = new SqlSessionRecords(sql);
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

  @Override
  public Note saveNote(Note note) {
    return records.saveNote(note);
  }

  @Override
  public boolean deleteNote(String tenant, String sessionId, String noteId, long version) {
    return records.deleteNote(tenant, sessionId, noteId, version);
  }

  @Override
  public List<Note> notes(String tenant, String sessionId) {
    return records.notes(tenant, sessionId);
  }

  @Override
  public SessionExport saveExport(SessionExport export) {
    return records.saveExport(export);
  }

  @Override
  public Optional<SessionExport> findExport(String tenant, String exportId) {
    return records.findExport(tenant, exportId);
  }

  @Override
  public List<SessionExport> exports(String tenant, String sessionId) {
    return records.exports(tenant, sessionId);
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
