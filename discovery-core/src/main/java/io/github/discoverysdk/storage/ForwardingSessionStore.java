package io.github.discoverysdk.storage;

import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCursor;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingSessionStore implements SessionStore {
  private final SessionStore delegate;

  protected ForwardingSessionStore(SessionStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected SessionStore delegate() {
    return delegate;
  }

  @Override
  public Session save(Session session) {
    return delegate.save(session);
  }

  @Override
  public Optional<Session> find(String tenant, String sessionId) {
    return delegate.find(tenant, sessionId);
  }

  @Override
  public List<Session> list(
      String tenant, String accountId, String owner, Optional<SessionCursor> after, int limit) {
    return delegate.list(tenant, accountId, owner, after, limit);
  }

  @Override
  public Response saveResponse(Response response) {
    return delegate.saveResponse(response);
  }

  @Override
  public List<Response> responses(String tenant, String sessionId) {
    return delegate.responses(tenant, sessionId);
  }

  @Override
  public Note saveNote(Note note) {
    return delegate.saveNote(note);
  }

  @Override
  public boolean deleteNote(String tenant, String sessionId, String noteId, long version) {
    return delegate.deleteNote(tenant, sessionId, noteId, version);
  }

  @Override
  public List<Note> notes(String tenant, String sessionId) {
    return delegate.notes(tenant, sessionId);
  }

  @Override
  public SessionExport saveExport(SessionExport export) {
    return delegate.saveExport(export);
  }

  @Override
  public Optional<SessionExport> findExport(String tenant, String exportId) {
    return delegate.findExport(tenant, exportId);
  }

  @Override
  public List<SessionExport> exports(String tenant, String sessionId) {
    return delegate.exports(tenant, sessionId);
  }

  @Override
  public void linkProfile(String tenant, String sessionId, String profileId) {
    delegate.linkProfile(tenant, sessionId, profileId);
  }

  @Override
  public List<String> linkedSessions(String tenant, String profileId) {
    return delegate.linkedSessions(tenant, profileId);
  }
}
