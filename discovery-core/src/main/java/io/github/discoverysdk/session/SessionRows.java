package io.github.discoverysdk.session;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.Question;
import io.github.discoverysdk.spi.Storage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and checks shared by the session facets ({@link Sessions}, {@link SessionNotes}, {@link
 * SessionExports}...): a session by id, its view, the version check and its audited fields.
 * Stateless.
 */
final class SessionRows {
  private SessionRows() {}

  /**
   * The session with its responses in catalogue order, notes and exports, read through {@code
   * storage}.
   */
  static SessionView view(Storage storage, Catalogue catalogue, String tenant, String sessionId) {
    Session s = get(storage, tenant, sessionId);
    List<String> order = catalogue.questions().stream().map(Question::id).toList();
    List<Response> responses =
        storage.sessions().responses(tenant, sessionId).stream()
            .sorted(Comparator.comparingInt(r -> rank(order, r.questionId())))
            .toList();
    return new SessionView(
        s,
        responses,
        storage.sessions().notes(tenant, sessionId),
        storage.sessions().exports(tenant, sessionId));
  }

  private static int rank(List<String> order, String questionId) {
    int i = order.indexOf(questionId);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  /**
   * The tenant's session.
   *
   * @throws NotFoundException if there is none
   */
  static Session get(Storage tx, String tenant, String sessionId) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(sessionId, "sessionId");
    return tx.sessions()
        .find(tenant, sessionId)
        .orElseThrow(
            () -> new NotFoundException("no session " + sessionId + " for tenant " + tenant));
  }

  /** Throws a {@link ConcurrentUpdateException} unless {@code given} is the stored version. */
  static void stale(String kind, String id, long stored, long given) {
    if (stored != given) {
      throw new ConcurrentUpdateException(
          kind + " " + id + " is at version " + stored + ", not " + given + ": read it again");
    }
  }

  /** The session's audited fields. */
  static Map<String, String> fields(Session s) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("accountId", s.accountId());
    f.put("accountName", s.accountName());
    f.put("owner", s.owner());
    s.team().ifPresent(t -> f.put("team", t));
    f.put("vertical", s.vertical());
    f.put("status", s.status().name());
    s.completedAt().ifPresent(t -> f.put("completedAt", t.toString()));
    return f;
  }
}
