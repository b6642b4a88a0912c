package io.github.discoverysdk.storage;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCursor;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The sessions of an {@link InMemoryStorage}: one map per kind, keyed with the tenant. Thread-safe:
 * every method runs under the state's lock, and every write goes through {@link MemoryState#put} or
 * {@link MemoryState#remove}, so a rollback restores every map.
 */
final class MemorySessionStore implements SessionStore {
  private static final Comparator<Session> NEWEST_FIRST =
      Comparator.comparing(Session::createdAt).thenComparing(Session::id).reversed();

  private final MemoryState state;
  private final Map<List<String>, Session> sessions = new HashMap<>();
  private final Map<List<String>, Response> responses = new HashMap<>();
  private final Map<List<String>, Note> notes = new HashMap<>();
  private final Map<List<String>, SessionExport> exports = new HashMap<>();
  private final Map<List<String>, String> links = new HashMap<>();

  MemorySessionStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public Session save(Session session) {
    Objects.requireNonNull(session, "session");
    return versioned(
        sessions,
        List.of(session.tenant(), session.id()),
        "session",
        session.id(),
        session.version(),
        Session::version,
        () -> Session.builder().from(session).version(session.version() + 1).build());
  }

  @Override
  public Optional<Session> find(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return state.read(() -> Optional.ofNullable(sessions.get(List.of(tenant, sessionId))));
  }

  @Override
  public List<Session> list(
      String tenant, String accountId, String owner, Optional<SessionCursor> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(after, "after");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            sessions.values().stream()
                .filter(s -> s.tenant().equals(tenant))
                .filter(s -> s.accountId().equals(accountId) && s.owner().equals(owner))
                .filter(s -> after.map(c -> c.precedes(s)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList());
  }

  @Override
  public Response saveResponse(Response response) {
    Objects.requireNonNull(response, "response");
    return versioned(
        responses,
        List.of(response.tenant(), response.sessionId(), response.questionId()),
        "response",
        response.sessionId() + "/" + response.questionId(),
        response.version(),
        Response::version,
        () -> Response.builder().from(response).version(response.version() + 1).build());
  }

  @Override
  public List<Response> responses(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return state.read(
        () ->
            responses.values().stream()
                .filter(r -> r.tenant().equals(tenant) && r.sessionId().equals(sessionId))
                .sorted(Comparator.comparing(Response::questionId))
                .toList());
  }

  @Override
  public Note saveNote(Note note) {
    Objects.requireNonNull(note, "note");
    return versioned(
        notes,
        List.of(note.tenant(), note.sessionId(), note.id()),
        "note",
        note.id(),
        note.version(),
        Note::version,
        () -> Note.builder().from(note).version(note.version() + 1).build());
  }

  @Override
  public boolean deleteNote(String tenant, String sessionId, String noteId, long version) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(noteId, "noteId");
    return state.write(
        () -> {
          List<String> key = List.of(tenant, sessionId, noteId);
          Note stored = notes.get(key);
          if (stored == null) {
            return false;
          }
          if (stored.version() != version) {
            throw new ConcurrentUpdateException(
                "note " + noteId + " is at version " + stored.version() + ", not " + version);
          }
          state.remove(notes, key);
          return true;
        });
  }

  @Override
  public List<Note> notes(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return state.read(
        () ->
            notes.values().stream()
                .filter(n -> n.tenant().equals(tenant) && n.sessionId().equals(sessionId))
                .sorted(Comparator.comparing(Note::createdAt).thenComparing(Note::id))
                .toList());
  }

  @Override
  public SessionExport saveExport(SessionExport export) {
    Objects.requireNonNull(export, "export");
    return state.write(
        () -> {
          List<String> key = List.of(export.tenant(), export.id());
          SessionExport stored = exports.get(key);
          if (stored != null && !stored.sessionId().equals(export.sessionId())) {
            throw new ConcurrentUpdateException(
                "export " + export.id() + " already exists for another session");
          }
          return versioned(
              exports,
              key,
              "export",
              export.id(),
              export.version(),
              SessionExport::version,
              () -> SessionExport.builder().from(export).version(export.version() + 1).build());
        });
  }

  @Override
  public Optional<SessionExport> findExport(String tenant, String exportId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(exportId, "exportId");
    return state.read(() -> Optional.ofNullable(exports.get(List.of(tenant, exportId))));
  }

  @Override
  public List<SessionExport> exports(String tenant, String sessionId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    return state.read(
        () -> {
          List<SessionExport> out = new ArrayList<>();
          for (SessionExport e : exports.values()) {
            if (e.tenant().equals(tenant) && e.sessionId().equals(sessionId)) {
              out.add(e);
            }
          }
          out.sort(Comparator.comparing(SessionExport::createdAt).thenComparing(SessionExport::id));
          return List.copyOf(out);
        });
  }

  @Override
  public void linkProfile(String tenant, String sessionId, String profileId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(profileId, "profileId");
    state.write(
        () -> {
          List<String> key = List.of(tenant, profileId, sessionId);
          if (!links.containsKey(key)) {
            state.put(links, key, sessionId);
          }
          return null;
        });
  }

  @Override
  public List<String> linkedSessions(String tenant, String profileId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(profileId, "profileId");
    return state.read(
        () ->
            links.keySet().stream()
                .filter(k -> k.get(0).equals(tenant) && k.get(1).equals(profileId))
                .map(k -> k.get(2))
                .sorted()
                .toList());
  }

  /** Saves {@code next()} under {@code key} if {@code version} is the stored one (0: none). */
  private <T> T versioned(
      Map<List<String>, T> map,
      List<String> key,
      String kind,
      String id,
      long version,
      ToLongFunction<T> storedVersion,
      Supplier<T> next) {
    return state.write(
        () -> {
          MemoryState.checkVersion(kind, id, version, map.get(key), storedVersion);
          T saved = next.get();
          state.put(map, key, saved);
          return saved;
        });
  }
}
