package io.github.discoverysdk.session;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.Question;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.support.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery sessions: started for an account, answered question by question, completed and
 * archived, each change written with an audit entry (with the actor's IP and user agent) in the
 * same transaction. Notes are in {@link #notes()}, exports in {@link #exports()}, insights in
 * {@link #insights}.
 *
 * <p>Reached through {@code DiscoveryEngine.sessions()} for trusted system calls, and through
 * {@code SecuredEngine.sessions()} for principals, which checks access and then calls this class
 * with the principal's {@link Actor}. This class checks no permission.
 *
 * <p>Thread-safe: all state lives in storage; versions guard concurrent changes.
 */
public final class Sessions {
  private static final Logger log = LoggerFactory.getLogger(Sessions.class);

  /** The audit entity type of a session. */
  public static final String ENTITY = "session";

  /** The audit entity type of a response; its id is {@code sessionId/questionId}. */
  public static final String RESPONSE = "session_response";

  /** Most sessions a listing returns per page. */
  public static final int MAX_LIMIT = 200;

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AuditLog audit;
  private final Catalogue catalogue;
  private final SessionNotes notes;
  private final SessionExports exports;
  private final SessionLinks links;
  private final SessionHooks.Completion completion;

  /**
   * Sessions without export sinks and with nothing done on completion; for tests and tools. Hosts
   * use {@code DiscoveryEngine.sessions()}.
   */
  public Sessions(
      Storage storage, Clock clock, Supplier<String> ids, AuditLog audit, Catalogue catalogue) {
    this(storage, clock, ids, audit, catalogue, SessionHooks.none());
  }

  /** For the engine, which builds one per engine; hosts use {@code DiscoveryEngine.sessions()}. */
  public Sessions(
      Storage storage,
      Clock clock,
      Supplier<String> ids,
      AuditLog audit,
      Catalogue catalogue,
      SessionHooks hooks) {
    Objects.requireNonNull(hooks, "hooks");
    this.completion = hooks.completion();
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.notes = new SessionNotes(storage, clock, ids, audit);
    this.exports = new SessionExports(storage, clock, ids, audit, catalogue, hooks);
    this.links = new SessionLinks(storage, audit, catalogue);
  }

  /** The catalogue the sessions answer. */
  public Catalogue catalogue() {
    return catalogue;
  }

  /** Typed notes of sessions. */
  public SessionNotes notes() {
    return notes;
  }

  /** Links of sessions to discovery profiles, and the citations they give. */
  public SessionLinks links() {
    return links;
  }

  /** JSON and CSV exports of sessions, tracked. */
  public SessionExports exports() {
    return exports;
  }

  /**
   * Starts a session of {@code owner} with an account, in progress. If the tenant monitors the
   * account, the session takes its team, so that the account's team and managers may act on it.
   *
   * @throws ValidationException if the vertical is not in the catalogue or a value is invalid
   */
  public Session start(
      Actor actor,
      String tenant,
      String owner,
      String accountId,
      String accountName,
      String vertical) {
    Objects.requireNonNull(actor, "actor");
    Tenants.check("tenant", tenant);
    if (catalogue.vertical(vertical).isEmpty()) {
      throw new ValidationException(
          "vertical must be one of "
              + catalogue.verticals().stream().map(v -> v.id()).toList()
              + ", was "
              + vertical);
    }
    Instant now = clock.instant();
    return storage.inTransaction(
        tx -> {
          Optional<Account> account = tx.accounts().find(tenant, accountId);
          Session s =
              tx.sessions()
                  .save(
                      Session.builder()
                          .tenant(tenant)
                          .id(ids.get())
                          .owner(owner)
                          .accountId(accountId)
                          .accountName(accountName)
                          .team(account.flatMap(Account::team))
                          .vertical(vertical)
                          .createdAt(now)
                          .updatedAt(now)
                          .build());
          record(tx, actor, s, AuditAction.CREATE, Map.of(), SessionRows.fields(s));
          return s;
        });
  }

  /**
   * Completes a session in progress, stamping {@code completedAt}. Once the completion committed,
   * the engine's completion rule runs: with {@code applyCompletedSessions} on for the tenant, the
   * session's incumbents are applied to its owner's profiles for the account; a failure there is
   * logged and leaves the session completed.
   */
  public Session complete(Actor actor, String tenant, String sessionId, long version) {
    return move(actor, tenant, sessionId, version, SessionStatus.COMPLETED);
  }

  /** Archives a completed session. */
  public Session archive(Actor actor, String tenant, String sessionId, long version) {
    return move(actor, tenant, sessionId, version, SessionStatus.ARCHIVED);
  }

  /**
   * Moves a session to {@code target}.
   *
   * @throws IllegalSessionTransitionException if its status does not allow it
   * @throws ConcurrentUpdateException if the version is stale
   * @throws NotFoundException if there is no such session
   */
  public Session move(
      Actor actor, String tenant, String sessionId, long version, SessionStatus target) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(target, "target");
    Session moved =
        storage.inTransaction(
            tx -> {
              Session stored = SessionRows.get(tx, tenant, sessionId);
              if (!stored.status().canMoveTo(target)) {
                throw new IllegalSessionTransitionException(sessionId, stored.status(), target);
              }
              SessionRows.stale("session", sessionId, stored.version(), version);
              Instant now = clock.instant();
              Session.Builder b = Session.builder().from(stored).status(target).updatedAt(now);
              if (target == SessionStatus.COMPLETED) {
                b.completedAt(now);
              }
              Session saved = tx.sessions().save(b.build());
              record(
                  tx,
                  actor,
                  saved,
                  AuditAction.UPDATE,
                  SessionRows.fields(stored),
                  SessionRows.fields(saved));
              return saved;
            });
    if (target == SessionStatus.COMPLETED) {
      completed(actor, moved);
    }
    return moved;
  }

  /** Runs the completion rule; its failure is logged, and the session stays completed. */
  private void completed(Actor actor, Session s) {
    try {
      completion.completed(this, actor, s);
    } catch (RuntimeException e) {
      log.warn(
          "session {} of tenant {} was completed, but the completion rule failed: {}",
          s.id(),
          s.tenant(),
          e.toString());
    }
  }

  public Optional<Session> find(String tenant, String sessionId) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(sessionId, "sessionId");
    return storage.sessions().find(tenant, sessionId);
  }

  /**
   * The sessions of {@code owner} with an account, newest first, after {@code cursor} (the previous
   * page's {@link Page#nextCursor()}, empty for the first page).
   *
   * @throws ValidationException if {@code limit} is not in 1..{@link #MAX_LIMIT} or the cursor is
   *     not one
   */
  public Page<Session> list(
      String tenant, String accountId, String owner, Optional<String> cursor, int limit) {
    Tenants.check("tenant", tenant);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    Optional<SessionCursor> after = cursor.map(SessionCursor::decode);
    List<Session> found = storage.sessions().list(tenant, accountId, owner, after, limit + 1);
    if (found.size() <= limit) {
      return Page.of(found, Optional.empty());
    }
    List<Session> page = List.copyOf(found.subList(0, limit));
    return Page.of(page, Optional.of(SessionCursor.after(page.get(limit - 1)).encode()));
  }

  /**
   * Saves the answer to one question of a session in progress, validated against the question:
   * inserted with {@code version} 0, updated from the stored version. Idempotent: an answer equal
   * to the stored one returns the stored response unchanged, whatever the version, so that a retry
   * after a lost reply is harmless.
   *
   * @throws ValidationException if the question is not one of the session's vertical, the answer
   *     does not fit it, or the session is not in progress
   * @throws ConcurrentUpdateException if the version is stale
   */
  public Response answer(
      Actor actor,
      String tenant,
      String sessionId,
      String questionId,
      Answer answer,
      long version) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(answer, "answer");
    return storage.inTransaction(
        tx -> {
          Session s = SessionRows.get(tx, tenant, sessionId);
          if (s.status() != SessionStatus.IN_PROGRESS) {
            throw new ValidationException(
                "session "
                    + sessionId
                    + " is "
                    + s.status()
                    + ": only sessions in progress take answers");
          }
          Question q = question(s, questionId);
          Answer checked = AnswerCheck.check(catalogue, q, answer);
          Optional<Response> stored =
              tx.sessions().responses(tenant, sessionId).stream()
                  .filter(r -> r.questionId().equals(questionId))
                  .findFirst();
          if (stored.isPresent() && stored.get().answer().equals(checked)) {
            return stored.get();
          }
          SessionRows.stale(
              "response",
              sessionId + "/" + questionId,
              stored.map(Response::version).orElse(0L),
              version);
          Response saved =
              tx.sessions()
                  .saveResponse(
                      Response.builder()
                          .tenant(tenant)
                          .sessionId(sessionId)
                          .questionId(questionId)
                          .answer(checked)
                          .answeredBy(actor.id())
                          .updatedAt(clock.instant())
                          .version(version)
                          .build());
          audit.record(
              tx.audit(),
              actor,
              tenant,
              RESPONSE,
              sessionId + "/" + questionId,
              stored.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE,
              AuditLog.diff(
                  stored
                      .map(r -> Map.of("answer", SessionText.answer(r.answer())))
                      .orElse(Map.of()),
                  Map.of("answer", SessionText.answer(checked))),
              Optional.empty());
          return saved;
        });
  }

  /** The session with its responses (in catalogue order), notes and exports. */
  public SessionView view(String tenant, String sessionId) {
    return SessionRows.view(storage, catalogue, tenant, sessionId);
  }

  /** The insights of a session's answers; see {@link SessionInsights}. */
  public SessionInsights insights(String tenant, String sessionId) {
    return SessionInsights.of(catalogue, view(tenant, sessionId));
  }

  Question question(Session s, String questionId) {
    Fields.identifier("questionId", questionId, 100);
    Question q =
        catalogue
            .question(questionId)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "questionId " + questionId + " is not in the catalogue"));
    if (!q.vertical().equals(s.vertical())) {
      throw new ValidationException(
          "question " + questionId + " is not of the session's vertical " + s.vertical());
    }
    return q;
  }

  private void record(
      Storage tx,
      Actor actor,
      Session s,
      AuditAction action,
      Map<String, String> before,
      Map<String, String> after) {
    SessionAudit.record(audit, tx, actor, s.tenant(), ENTITY, s.id(), action, before, after);
  }
}
