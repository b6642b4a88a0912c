package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportStatus;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.SessionExport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The notes and exports of {@link SqlSessionStore}: {@code discovery_session_note} and {@code
 * discovery_session_export}, each row saved from its version. Thread-safe when its {@link Access}
 * is.
 */
final class SqlSessionRecords {
  private static final String NOTE =
      "tenant, session_id, id, note_type, body, question_id, author, created_at, updated_at,"
          + " version";
  private static final String EXPORT =
      "tenant, id, session_id, format, status, error, created_at, exported_at,"
          + " salesforce_record_id, version";

  private final Sql db;

  SqlSessionRecords(Sql sql) {
    this.db = sql;
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

  Note saveNote(Note note) {
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

  boolean deleteNote(String tenant, String sessionId, String noteId, long version) {
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

  List<Note> notes(String tenant, String sessionId) {
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

  SessionExport saveExport(SessionExport export) {
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
                  throw new ConcurrentUpdateException(
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

  Optional<SessionExport> findExport(String tenant, String exportId) {
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

  List<SessionExport> exports(String tenant, String sessionId) {
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
}
