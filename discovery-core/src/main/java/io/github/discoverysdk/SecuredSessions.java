package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.PROFILE_WRITE;
import static io.github.discoverysdk.access.Permission.SESSION_READ;
import static io.github.discoverysdk.access.Permission.SESSION_WRITE;

import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.account.Accounts;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportResult;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCitation;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionInsights;
import io.github.discoverysdk.session.SessionView;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Discovery sessions as one principal sees them ({@link SecuredEngine#sessions()}): a session
 * belongs to its owner and to the team of its account, so its owner, their team (with a role of
 * team scope) and the tenant's admins may act on it; others get {@link AccessDeniedException},
 * audited. Reads need {@code SESSION_READ}, changes {@code SESSION_WRITE}; changes are audited by
 * {@link Sessions} with the principal and its request context. Immutable and thread-safe.
 */
public final class SecuredSessions {
  private final Sessions sessions;
  private final Accounts accounts;
  private final SessionProfileLink link;
  private final Storage storage;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;
  private final String tenant;

  SecuredSessions(EngineParts parts, Principal principal, Actor actor) {
    this.sessions = parts.sessions();
    this.accounts = parts.accounts();
    this.link = new SessionProfileLink(parts.storage(), parts.profiles(), parts.sessions());
    this.storage = parts.storage();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
    this.tenant = principal.tenant();
  }

  /**
   * Starts a session of the principal with an account ({@link Sessions#start}). Needs {@code
   * SESSION_WRITE}; when the tenant monitors the account, over the account's owner and team.
   */
  public Session start(String accountId, String accountName, String vertical) {
    Objects.requireNonNull(accountId, "accountId");
    guard.require(principal, actor, SESSION_WRITE, tenant, Sessions.ENTITY, accountId);
    Optional<Account> account = accounts.find(tenant, accountId);
    if (account.isPresent()) {
      guard.account(principal, actor, SESSION_WRITE, accountId);
    }
    return sessions.start(actor, tenant, principal.user(), accountId, accountName, vertical);
  }

  /** The session, if the tenant has it. Needs {@code SESSION_READ} over it. */
  public Optional<Session> find(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    guard.require(principal, actor, SESSION_READ, tenant, Sessions.ENTITY, sessionId);
    if (sessions.find(tenant, sessionId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(owned(SESSION_READ, sessionId));
  }

  /**
   * The principal's own sessions with an account, newest first ({@link Sessions#list}). Needs
   * {@code SESSION_READ}.
   */
  public Page<Session> list(String accountId, Optional<String> cursor, int limit) {
    guard.require(principal, actor, SESSION_READ, tenant, Sessions.ENTITY, accountId);
    return sessions.list(tenant, accountId, principal.user(), cursor, limit);
  }

  /** The session with its responses, notes and exports. Needs {@code SESSION_READ} over it. */
  public SessionView view(String sessionId) {
    owned(SESSION_READ, sessionId);
    guard.viewed(actor, tenant, Sessions.ENTITY, sessionId);
    return sessions.view(tenant, sessionId);
  }

  /** The session's insights ({@link Sessions#insights}). Needs {@code SESSION_READ} over it. */
  public SessionInsights insights(String sessionId) {
    owned(SESSION_READ, sessionId);
    return sessions.insights(tenant, sessionId);
  }

  /** Completes the session. Needs {@code SESSION_WRITE} over it. */
  public Session complete(String sessionId, long version) {
    owned(SESSION_WRITE, sessionId);
    return sessions.complete(actor, tenant, sessionId, version);
  }

  /** Archives the completed session. Needs {@code SESSION_WRITE} over it. */
  public Session archive(String sessionId, long version) {
    owned(SESSION_WRITE, sessionId);
    return sessions.archive(actor, tenant, sessionId, version);
  }

  /** Saves an answer ({@link Sessions#answer}). Needs {@code SESSION_WRITE} over the session. */
  public Response answer(String sessionId, String questionId, Answer answer, long version) {
    owned(SESSION_WRITE, sessionId);
    return sessions.answer(actor, tenant, sessionId, questionId, answer, version);
  }

  /** Adds a note. Needs {@code SESSION_WRITE} over the session. */
  public Note addNote(String sessionId, NoteType type, String text, Optional<String> questionId) {
    owned(SESSION_WRITE, sessionId);
    return sessions.notes().add(actor, tenant, sessionId, type, text, questionId);
  }

  /** Changes a note's text. Needs {@code SESSION_WRITE} over the session. */
  public Note updateNote(String sessionId, String noteId, long version, String text) {
    owned(SESSION_WRITE, sessionId);
    return sessions.notes().update(actor, tenant, sessionId, noteId, version, text);
  }

  /** Deletes a note. Needs {@code SESSION_WRITE} over the session. */
  public void deleteNote(String sessionId, String noteId, long version) {
    owned(SESSION_WRITE, sessionId);
    sessions.notes().delete(actor, tenant, sessionId, noteId, version);
  }

  /** Exports the session as JSON or CSV, tracked. Needs {@code SESSION_WRITE} over it. */
  public ExportResult export(String sessionId, ExportFormat format) {
    owned(SESSION_WRITE, sessionId);
    return sessions.exports().export(actor, tenant, sessionId, format);
  }

  /**
   * Exports the session to a registered session export sink (Salesforce, a CRM) through the outbox
   * ({@link io.github.discoverysdk.session.SessionExports#exportTo}), tracked and audited: a retry
   * never writes a second record. Needs {@code SESSION_WRITE} over the session.
   *
   * @return the export after the first attempt: SUCCESS with the record id, FAILED, or PENDING
   *     while the outbox retries
   * @throws ValidationException if no session export sink has the id {@code sinkId}
   */
  public SessionExport exportTo(String sessionId, String sinkId) {
    owned(SESSION_WRITE, sessionId);
    return sessions.exports().exportTo(actor, tenant, sessionId, sinkId);
  }

  /** The session's exports. Needs {@code SESSION_READ} over it. */
  public List<SessionExport> exports(String sessionId) {
    owned(SESSION_READ, sessionId);
    return sessions.exports().list(tenant, sessionId);
  }

  /**
   * Makes the completed session's incumbent vendors competitors and keywords of the principal's
   * discovery profile, so that later signals about them match and score for the account; the
   * session is linked to the profile so that {@link #evidence} cites it. Needs {@code
   * SESSION_WRITE} over the session and {@code PROFILE_WRITE} over the profile. Audited on both.
   */
  public Profile applyToProfile(String sessionId, ProfileId profileId) {
    owned(SESSION_WRITE, sessionId);
    guard.profile(principal, actor, PROFILE_WRITE, profileId);
    return link.apply(actor, tenant, sessionId, profileId);
  }

  /**
   * The discovery sessions behind an opportunity's competitor matches ({@link
   * io.github.discoverysdk.session.SessionLinks#citations}). Needs {@code SESSION_READ} over the
   * opportunity.
   */
  public List<SessionCitation> evidence(OpportunityId opportunityId) {
    guard.opportunity(principal, actor, SESSION_READ, opportunityId);
    Opportunity o =
        storage
            .opportunities()
            .find(opportunityId)
            .orElseThrow(() -> new NotFoundException("no opportunity " + opportunityId));
    return sessions.links().citations(tenant, o.profileId(), o.matches());
  }

  /** The session after the permission, tenant and scope checks; denials are audited. */
  private Session owned(Permission permission, String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    guard.require(principal, actor, permission, tenant, Sessions.ENTITY, sessionId);
    Session s =
        sessions
            .find(tenant, sessionId)
            .orElseThrow(() -> new NotFoundException("no session " + sessionId));
    guard.requireOwned(
        principal,
        actor,
        permission,
        tenant,
        Sessions.ENTITY,
        sessionId,
        new Guard.Owner(s.owner(), s.team()));
    return s;
  }
}
