package io.github.discoverysdk.session;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Typed notes of sessions ({@link Sessions#notes()}): added, edited (the text only: type and link
 * stay) and deleted, each with an audit entry (entity type {@code "session_note"}, id {@code
 * sessionId/noteId}) in the same transaction. An archived session's notes are read-only.
 * Thread-safe.
 */
public final class SessionNotes {
  /** The audit entity type of a note. */
  public static final String ENTITY = "session_note";

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AuditLog audit;

  SessionNotes(Storage storage, Clock clock, Supplier<String> ids, AuditLog audit) {
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.audit = audit;
  }

  /**
   * Adds a note, linked to the response of {@code questionId} if given.
   *
   * @throws ValidationException if the text is invalid, the session is archived, or the linked
   *     question has no response in the session
   */
  public Note add(
      Actor actor,
      String tenant,
      String sessionId,
      NoteType type,
      String text,
      Optional<String> questionId) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(questionId, "questionId");
    return storage.inTransaction(
        tx -> {
          writable(tx, tenant, sessionId);
          questionId.ifPresent(
              q -> {
                boolean answered =
                    tx.sessions().responses(tenant, sessionId).stream()
                        .anyMatch(r -> r.questionId().equals(q));
                if (!answered) {
                  throw new ValidationException(
                      "note.questionId " + q + " has no response in session " + sessionId);
                }
              });
          Instant now = clock.instant();
          Note note =
              tx.sessions()
                  .saveNote(
                      Note.builder()
                          .tenant(tenant)
                          .sessionId(sessionId)
                          .id(ids.get())
                          .type(type)
                          .text(text)
                          .questionId(questionId)
                          .author(actor.id())
                          .createdAt(now)
                          .updatedAt(now)
                          .build());
          record(tx, actor, note, AuditAction.CREATE, Map.of(), fields(note));
          return note;
        });
  }

  /**
   * Changes a note's text from its current version; its type and link stay.
   *
   * @throws NotFoundException if the session has no such note
   * @throws io.github.discoverysdk.ConcurrentUpdateException if the version is stale
   */
  public Note update(
      Actor actor, String tenant, String sessionId, String noteId, long version, String text) {
    Objects.requireNonNull(actor, "actor");
    return storage.inTransaction(
        tx -> {
          writable(tx, tenant, sessionId);
          Note stored = find(tx, tenant, sessionId, noteId);
          SessionRows.stale("note", noteId, stored.version(), version);
          Note saved =
              tx.sessions()
                  .saveNote(
                      Note.builder().from(stored).text(text).updatedAt(clock.instant()).build());
          record(tx, actor, saved, AuditAction.UPDATE, fields(stored), fields(saved));
          return saved;
        });
  }

  /**
   * Deletes a note at its current version.
   *
   * @throws NotFoundException if the session has no such note
   * @throws io.github.discoverysdk.ConcurrentUpdateException if the version is stale
   */
  public void delete(Actor actor, String tenant, String sessionId, String noteId, long version) {
    Objects.requireNonNull(actor, "actor");
    storage.inTransaction(
        tx -> {
          writable(tx, tenant, sessionId);
          Note stored = find(tx, tenant, sessionId, noteId);
          tx.sessions().deleteNote(tenant, sessionId, noteId, version);
          record(tx, actor, stored, AuditAction.DELETE, fields(stored), Map.of());
          return null;
        });
  }

  /** The notes of a session, oldest first. */
  public List<Note> list(String tenant, String sessionId) {
    SessionRows.get(storage, tenant, sessionId);
    return storage.sessions().notes(tenant, sessionId);
  }

  private static void writable(Storage tx, String tenant, String sessionId) {
    Session s = SessionRows.get(tx, tenant, sessionId);
    if (s.status() == SessionStatus.ARCHIVED) {
      throw new ValidationException(
          "session " + sessionId + " is archived: its notes are read-only");
    }
  }

  private static Note find(Storage tx, String tenant, String sessionId, String noteId) {
    Objects.requireNonNull(noteId, "noteId");
    return tx.sessions().notes(tenant, sessionId).stream()
        .filter(n -> n.id().equals(noteId))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("no note " + noteId + " in session " + sessionId));
  }

  private void record(
      Storage tx,
      Actor actor,
      Note n,
      AuditAction action,
      Map<String, String> before,
      Map<String, String> after) {
    SessionAudit.record(
        audit, tx, actor, n.tenant(), ENTITY, n.sessionId() + "/" + n.id(), action, before, after);
  }

  private static Map<String, String> fields(Note n) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("type", n.type().name());
    f.put("text", n.text());
    n.questionId().ifPresent(q -> f.put("questionId", q));
    return f;
  }
}
