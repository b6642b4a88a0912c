package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.access.Scope;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.model.CostSummary;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamFeedItem;
import io.github.discoverysdk.model.TeamStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine as one principal sees it: every call checks that a role of the principal grants the
 * permission named in its documentation, that the data lies in the principal's tenant and in the
 * role's {@link Scope} (own accounts and profiles, the teams', or the whole tenant), and records
 * changes in the audit log in the same transaction, attributed to the principal with the request
 * context. A refusal throws {@link AccessDeniedException} naming the missing permission, and is
 * audited. Obtain one per request from {@link DiscoveryEngine#as}; it is cheap, immutable and
 * thread-safe.
 *
 * <p>An opportunity belongs to the account of its review card if it has one, else to its profile's
 * owner; a profile to its owner. {@link Scope#TEAM} covers the principal's own data, the accounts
 * of its teams, and profiles owned by members of its teams.
 */
public final class SecuredEngine {
  private final EngineParts parts;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;
  private final String tenant;

  SecuredEngine(EngineParts parts, Principal principal, RequestContext context) {
    this.parts = parts;
    this.guard = parts.guard();
    this.principal = Objects.requireNonNull(principal, "principal");
    this.actor = Actor.user(principal.user(), Objects.requireNonNull(context, "context"));
    this.tenant = principal.tenant();
  }

  /** The principal this view acts for. */
  public Principal principal() {
    return principal;
  }

  /** Accounts as this principal sees them. */
  public SecuredAccounts accounts() {
    return new SecuredAccounts(parts, principal, actor);
  }

  /** Tracking of a system of record as this principal sees it: queues, jobs, conversions. */
  public SecuredRecords records() {
    return new SecuredRecords(parts, principal, actor);
  }

  /** The review workflow as this principal sees it: inbox, actions, history, statistics. */
  public SecuredReviews reviews() {
    return new SecuredReviews(parts, principal, actor);
  }

  /** Playbook matches and outreach drafts of cards as this principal sees them. */
  public SecuredDrafts drafts() {
    return new SecuredDrafts(parts, principal, actor);
  }

  /** Full-text search within the principal's accounts. */
  public SecuredSearch search() {
    return new SecuredSearch(parts, principal, actor);
  }

  /** Discovery sessions as this principal sees them: its own, its teams', or the tenant's. */
  public SecuredSessions sessions() {
    return new SecuredSessions(parts, principal, actor);
  }

  /** Closed-deal enrichment, the ICP and its monthly chain, in the principal's tenant. */
  public SecuredClosedDeals closedDeals() {
    return new SecuredClosedDeals(parts, principal, actor);
  }

  /** Account health, inbox figures, the filtered inbox and the dashboard, in this scope. */
  public SecuredInsight insight() {
    return new SecuredInsight(parts, principal, actor);
  }

  // ---- profiles

  /**
   * Saves a profile ({@link Profiles#save}). Needs {@link
   * io.github.discoverysdk.access.Permission#PROFILE_WRITE} over the profile's owner, and over its
   * stored owner when it is an update.
   */
  public Profile saveProfile(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    String id = profile.id().value();
    if (profile.version() > 0) {
      ownedProfile(PROFILE_WRITE, profile.id());
    }
    guard.requireOwned(
        principal,
        actor,
        PROFILE_WRITE,
        profile.tenant(),
        Profiles.ENTITY,
        id,
        new Guard.Owner(profile.owner(), Optional.empty()));
    return parts.profiles().save(actor, profile);
  }

  /** The profile, if it exists. Needs {@code PROFILE_READ} over its owner. */
  public Optional<Profile> findProfile(ProfileId id) {
    Objects.requireNonNull(id, "id");
    guard.require(principal, actor, PROFILE_READ, id.tenant(), Profiles.ENTITY, id.value());
    if (parts.storage().profiles().find(id).isEmpty()) {
      return Optional.empty();
    }
    ownedProfile(PROFILE_READ, id);
    viewed(Profiles.ENTITY, id.value());
    return parts.profiles().find(id);
  }

  /** The profiles of the principal's tenant in its scope. Needs {@code PROFILE_READ}. */
  public List<Profile> listProfiles() {
    Scope scope = guard.require(principal, actor, PROFILE_READ, tenant, "tenant", tenant);
    return parts.profiles().list(tenant).stream()
        .filter(p -> guard.covers(principal, scope, new Guard.Owner(p.owner(), Optional.empty())))
        .toList();
  }

  /** Deletes a profile ({@link Profiles#delete}). Needs {@code PROFILE_WRITE} over its owner. */
  public boolean deleteProfile(ProfileId id) {
    ownedProfile(PROFILE_WRITE, id);
    return parts.profiles().delete(actor, id);
  }

  // ---- runs

  /**
   * Runs discovery for one profile ({@link DiscoveryEngine#discover}). Needs {@code RUN} over it.
   */
  public RunReport discover(ProfileId id) {
    ownedProfile(RUN, id);
    return parts.runs().discover(id);
  }

  /** Runs discovery for the whole tenant. Needs {@code RUN} over the whole tenant. */
  public RunReport discoverAll() {
    guard.requireTenantWide(principal, actor, RUN, tenant, "tenant", tenant);
    return parts.runs().discoverAll(tenant);
  }

  /** The tenant's latest run reports. Needs {@code RUN}. */
  public List<RunReport> runs(int limit) {
    guard.require(principal, actor, RUN, tenant, "tenant", tenant);
    return parts.insights().runs(tenant, limit);
  }

  // ---- the feed and feedback

  /**
   * A page of the feed. Needs {@code FEED_READ}; without it over the whole tenant the query must
   * name a profile in the principal's scope.
   */
  public Page<Opportunity> feed(FeedQuery query) {
    Objects.requireNonNull(query, "query");
    Scope scope = guard.require(principal, actor, FEED_READ, query.tenant(), "tenant", tenant);
    if (scope != Scope.TENANT) {
      ProfileId profile =
          query
              .profileId()
              .orElseThrow(
                  () ->
                      guard.deny(
                          principal,
                          actor,
                          FEED_READ,
                          "tenant",
                          tenant,
                          "a feed across the tenant needs FEED_READ over the whole tenant:"
                              + " name a profile"));
      ownedProfile(FEED_READ, profile);
    }
    return parts.opportunities().feed(query);
  }

  /** The opportunity, if it exists. Needs {@code FEED_READ} over it. */
  public Optional<Opportunity> findOpportunity(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    guard.require(principal, actor, FEED_READ, id.tenant(), Opportunities.ENTITY, id.value());
    if (parts.opportunities().find(id).isEmpty()) {
      return Optional.empty();
    }
    ownedOpportunity(FEED_READ, id);
    viewed(Opportunities.ENTITY, id.value());
    return parts.opportunities().find(id);
  }

  /** Records feedback ({@link DiscoveryEngine#feedback}). Needs {@code FEEDBACK} over it. */
  public Opportunity feedback(OpportunityId id, Feedback feedback) {
    ownedOpportunity(FEEDBACK, id);
    return parts.opportunities().feedback(actor, id, feedback);
  }

  /** The feedback on an opportunity, oldest first. Needs {@code FEED_READ} over it. */
  public List<Feedback> feedbackOf(OpportunityId id) {
    ownedOpportunity(FEED_READ, id);
    return parts.opportunities().feedbackOf(id);
  }

  // ---- deliveries

  /** Pushes an opportunity to a sink ({@link DiscoveryEngine#push}). Needs {@code PUSH} over it. */
  public boolean push(OpportunityId id, String sinkId) {
    ownedOpportunity(PUSH, id);
    return parts.deliveries().push(actor, id, sinkId);
  }

  /** The tenant's outbox, newest first. Needs {@code OUTBOX_RETRY} over the whole tenant. */
  public List<OutboxEntry> outbox(int limit) {
    guard.requireTenantWide(principal, actor, OUTBOX_RETRY, tenant, "tenant", tenant);
    return parts.deliveries().outbox(tenant, limit);
  }

  // ---- teams: membership rules of Teams apply on top of the permission

  /** Creates a team ({@link Teams#create}). Needs {@code TEAM_WRITE}. */
  public Team createTeam(String name, String... members) {
    guard.require(principal, actor, TEAM_WRITE, tenant, Teams.ENTITY, "new");
    return teams().create(actor, tenant, name, members);
  }

  /** The team, if the principal is a member. Needs {@code TEAM_READ}. */
  public Optional<Team> findTeam(String teamId) {
    guard.require(principal, actor, TEAM_READ, tenant, Teams.ENTITY, String.valueOf(teamId));
    return teams().find(tenant, teamId, principal.user());
  }

  /** The teams the principal is a member of. Needs {@code TEAM_READ}. */
  public List<Team> listTeams() {
    guard.require(principal, actor, TEAM_READ, tenant, "tenant", tenant);
    return teams().list(tenant, principal.user());
  }

  /** Adds a member ({@link Teams#addMember}). Needs {@code TEAM_WRITE}. */
  public Team addTeamMember(String teamId, String user) {
    guard.require(principal, actor, TEAM_WRITE, tenant, Teams.ENTITY, String.valueOf(teamId));
    return teams().addMember(tenant, teamId, principal.user(), user);
  }

  /**
   * Shares an opportunity ({@link Teams#share}). Needs {@code TEAM_WRITE} and read access to it.
   */
  public SharedOpportunity share(OpportunityId id, String teamId) {
    ownedOpportunity(TEAM_WRITE, id);
    return teams().share(id, teamId, principal.user());
  }

  /**
   * The share of an opportunity with a team ({@link Teams#findShared}). Needs {@code TEAM_READ}.
   */
  public Optional<SharedOpportunity> findShared(OpportunityId id, String teamId) {
    Objects.requireNonNull(id, "id");
    guard.require(principal, actor, TEAM_READ, id.tenant(), Opportunities.ENTITY, id.value());
    return teams().findShared(id, teamId, principal.user());
  }

  /** A team's feed ({@link Teams#feed}). Needs {@code TEAM_READ}. */
  public List<TeamFeedItem> teamFeed(String teamId, int limit) {
    guard.require(principal, actor, TEAM_READ, tenant, Teams.ENTITY, String.valueOf(teamId));
    return teams().feed(tenant, teamId, principal.user(), limit);
  }

  /** Notes an opportunity shared with a team ({@link Teams#note}). Needs {@code TEAM_WRITE}. */
  public SharedOpportunity note(OpportunityId id, String teamId, String text) {
    Objects.requireNonNull(id, "id");
    guard.require(principal, actor, TEAM_WRITE, id.tenant(), Opportunities.ENTITY, id.value());
    return teams().note(id, teamId, principal.user(), text);
  }

  /** Sets a team's status on an opportunity ({@link Teams#setStatus}). Needs {@code TEAM_WRITE}. */
  public SharedOpportunity setTeamStatus(OpportunityId id, String teamId, TeamStatus status) {
    Objects.requireNonNull(id, "id");
    guard.require(principal, actor, TEAM_WRITE, id.tenant(), Opportunities.ENTITY, id.value());
    return teams().setStatus(id, teamId, principal.user(), status);
  }

  // ---- insights

  /** The tenant's discovery health. Needs {@code HEALTH_READ}. */
  public HealthSnapshot health() {
    guard.require(principal, actor, HEALTH_READ, tenant, "tenant", tenant);
    return parts.insights().health(tenant);
  }

  /** Figures over the tenant's runs. Needs {@code ANALYTICS_READ} over the whole tenant. */
  public RunAnalytics analytics(Instant from, Instant to) {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, "tenant", tenant);
    return parts.insights().analytics(tenant, from, to);
  }

  /** What the tenant's discovery cost. Needs {@code ANALYTICS_READ} over the whole tenant. */
  public CostSummary costs(Instant from, Instant to) {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, "tenant", tenant);
    return parts.insights().costs(tenant, from, to);
  }

  // ---- the audit log

  /**
   * The audit entries of one entity, oldest first, after {@code afterSequence} (0 for the first
   * page). Needs {@code AUDIT_READ}: over the entity's owner for profiles and opportunities, over
   * the whole tenant for other entities.
   */
  public List<AuditEntry> auditOf(
      String entityType, String entityId, long afterSequence, int limit) {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
    if (entityType.equals(Opportunities.ENTITY)) {
      ownedOpportunity(AUDIT_READ, OpportunityId.of(tenant, entityId));
    } else if (entityType.equals(Profiles.ENTITY)) {
      ownedProfile(AUDIT_READ, ProfileId.of(tenant, entityId));
    } else {
      guard.requireTenantWide(principal, actor, AUDIT_READ, tenant, entityType, entityId);
    }
    return parts.storage().audit().byEntity(tenant, entityType, entityId, afterSequence, limit);
  }

  /**
   * The audit entries of one actor, oldest first. Needs {@code AUDIT_READ}: any scope for the
   * principal's own entries, the whole tenant for another actor's.
   */
  public List<AuditEntry> auditBy(String actorId, long afterSequence, int limit) {
    Objects.requireNonNull(actorId, "actorId");
    if (actorId.equals(principal.user())) {
      guard.require(principal, actor, AUDIT_READ, tenant, "actor", actorId);
    } else {
      guard.requireTenantWide(principal, actor, AUDIT_READ, tenant, "actor", actorId);
    }
    return parts.storage().audit().byActor(tenant, actorId, afterSequence, limit);
  }

  /** The tenant's audit entries in {@code [from, to)}. Needs {@code AUDIT_READ} tenant-wide. */
  public List<AuditEntry> auditBetween(Instant from, Instant to, long afterSequence, int limit) {
    guard.requireTenantWide(principal, actor, AUDIT_READ, tenant, "tenant", tenant);
    return parts.storage().audit().byTime(tenant, from, to, afterSequence, limit);
  }

  // ---- helpers

  private Teams teams() {
    return parts.teams().withContext(actor.context());
  }

  private void ownedProfile(io.github.discoverysdk.access.Permission permission, ProfileId id) {
    guard.profile(principal, actor, permission, id);
  }

  private void ownedOpportunity(
      io.github.discoverysdk.access.Permission permission, OpportunityId id) {
    guard.opportunity(principal, actor, permission, id);
  }

  private void viewed(String type, String id) {
    guard.viewed(actor, tenant, type, id);
  }
}
