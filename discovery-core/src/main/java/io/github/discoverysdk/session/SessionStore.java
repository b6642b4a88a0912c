package io.github.discoverysdk.session;

import java.util.List;
import java.util.Optional;

/**
 * Discovery sessions with their responses, notes and exports: {@code Storage.sessions()}. Values
 * carry their tenant; lookups by id take it first. Every save is versioned: a value of version 0 is
 * inserted, one whose version equals the stored one updates it; the stored value comes back with
 * the version incremented, and anything else throws {@link
 * io.github.discoverysdk.ConcurrentUpdateException} and changes nothing. Thread-safe, as every
 * store is.
 */
public interface SessionStore {
  Session save(Session session);

  Optional<Session> find(String tenant, String sessionId);

  /**
   * The sessions of {@code owner} with an account of the tenant, newest first by (createdAt, id),
   * after {@code after} (empty for the first page), at most {@code limit}.
   */
  List<Session> list(
      String tenant, String accountId, String owner, Optional<SessionCursor> after, int limit);

  /** Inserts or updates the response of (tenant, session, question), versioned. */
  Response saveResponse(Response response);

  /** The responses of a session, by question id. */
  List<Response> responses(String tenant, String sessionId);

  /** Inserts or updates a note by (tenant, session, id), versioned. */
  Note saveNote(Note note);

  /**
   * Deletes a note at {@code version}; false if there is none.
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException if the stored version differs
   */
  boolean deleteNote(String tenant, String sessionId, String noteId, long version);

  /** The notes of a session, oldest first by (createdAt, id). */
  List<Note> notes(String tenant, String sessionId);

  /** Inserts or updates an export by (tenant, id), versioned. */
  SessionExport saveExport(SessionExport export);

  Optional<SessionExport> findExport(String tenant, String exportId);

  /** The exports of a session, oldest first by (createdAt, id). */
  List<SessionExport> exports(String tenant, String sessionId);

  /**
   * Records that a session's incumbents were applied to a discovery profile, so that evidence on
   * the profile's opportunities can cite the session. Idempotent.
   */
  void linkProfile(String tenant, String sessionId, String profileId);

  /** The ids of the sessions applied to a profile, in id order. */
  List<String> linkedSessions(String tenant, String profileId);
}
