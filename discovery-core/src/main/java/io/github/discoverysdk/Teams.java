package io.github.discoverysdk;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.internal.Conflicts;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamFeedItem;
import io.github.discoverysdk.model.TeamNote;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Team sharing: teams of a tenant's users, opportunities shared with a team, the team's notes and
 * status on each, and the team's feed. Obtained from {@link DiscoveryEngine#teams()}; thread-safe.
 *
 * <p>Every call but {@link #create} names the acting user (a host user id) and is allowed only to
 * members of the team. <b>To anyone else the team does not exist</b>: reads and writes by a
 * non-member throw {@link NotFoundException} with the same message as for a team id that was never
 * created, so that team ids cannot be probed. The same holds for another tenant's teams, which are
 * never visible. The host authenticates its users; the SDK trusts the actor it is given.
 *
 * <p>Sharing is idempotent: sharing an opportunity that is already shared with the team returns the
 * existing share unchanged (the first sharer, time, status and notes stay). Notes and status
 * changes are read-modify-write updates retried on concurrent changes, so concurrent notes are all
 * kept.
 *
 * <pre>{@code
 * Team team = engine.teams().create("acme", "EMEA sellers", "alice", "bob");
 * engine.teams().share(opportunity.id(), team.id(), "alice");
 * engine.teams().note(opportunity.id(), team.id(), "bob", "I know their CFO");
 * engine.teams().setStatus(opportunity.id(), team.id(), "bob", TeamStatus.WORKING);
 * List<TeamFeedItem> feed = engine.teams().feed("acme", team.id(), "alice", 50);
 * }</pre>
 */
public final class Teams {
  /** The audit entity type of teams; shares are audited on their team. */
  static final String ENTITY = "team";

  /** The largest page of {@link #feed}. */
  public static final int MAX_FEED_LIMIT = 500;

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AuditLog audit;
  private final RequestContext context;

  Teams(Storage storage, Clock clock, Supplier<String> ids, AuditLog audit) {
    this(storage, clock, ids, audit, RequestContext.none());
  }

  private Teams(
      Storage storage, Clock clock, Supplier<String> ids, AuditLog audit, RequestContext context) {
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.audit = audit;
    this.context = context;
  }

  /** This facet with its audit entries carrying {@code context}. */
  Teams withContext(RequestContext context) {
    return new Teams(storage, clock, ids, audit, context);
  }

  /**
   * Creates a team with a new id (from the engine's id generator) and its first members.
   *
   * @throws ValidationException if the tenant or name is blank, or no member is given
   */
  public Team create(String tenant, String name, String... members) {
    return create(Profiles.SYSTEM, tenant, name, members);
  }

  /** {@link #create(String, String, String...)} on behalf of {@code actor}. */
  Team create(Actor actor, String tenant, String name, String... members) {
    Objects.requireNonNull(members, "members");
    requireText("tenant", tenant);
    Set<String> memberSet = new LinkedHashSet<>(Arrays.asList(members));
    if (memberSet.isEmpty()) {
      throw new ValidationException("a team needs at least one member");
    }
    memberSet.forEach(m -> requireText("member", m));
    Team team =
        Team.builder()
            .tenant(tenant)
            .id(ids.get())
            .name(name == null ? "" : name)
            .members(memberSet)
            .createdAt(clock.instant())
            .build();
    return storage.inTransaction(
        tx -> {
          Team saved = tx.teams().save(team);
          record(
              tx, actor, saved.tenant(), saved.id(), AuditAction.CREATE, Optional.empty(), saved);
          return saved;
        });
  }

  /** The team, if it exists and {@code actor} is a member; empty otherwise. */
  public Optional<Team> find(String tenant, String teamId, String actor) {
    requireText("tenant", tenant);
    requireText("teamId", teamId);
    requireText("actor", actor);
    return storage.teams().find(tenant, teamId).filter(t -> t.hasMember(actor));
  }

  /** The tenant's teams that {@code actor} is a member of, ordered by id. */
  public List<Team> list(String tenant, String actor) {
    requireText("tenant", tenant);
    requireText("actor", actor);
    return storage.teams().list(tenant).stream().filter(t -> t.hasMember(actor)).toList();
  }

  /**
   * Adds {@code user} to the team; nothing changes if they are a member already.
   *
   * @return the team as stored
   * @throws NotFoundException if there is no such team or {@code actor} is not a member
   */
  public Team addMember(String tenant, String teamId, String actor, String user) {
    requireText("user", user);
    return Conflicts.retry(
        () -> {
          Team team = member(tenant, teamId, actor);
          if (team.hasMember(user)) {
            return team;
          }
          return storage.inTransaction(
              tx -> {
                Team saved = tx.teams().save(Team.builder().from(team).addMembers(user).build());
                record(
                    tx,
                    Actor.user(actor, context),
                    tenant,
                    teamId,
                    AuditAction.UPDATE,
                    Optional.of(team),
                    saved);
                return saved;
              });
        });
  }

  /**
   * Shares an opportunity with a team, with status {@link TeamStatus#NEW} and no notes. Sharing one
   * that is shared already returns the existing share unchanged.
   *
   * @throws NotFoundException if there is no such team, {@code actor} is not a member, or the
   *     opportunity does not exist for its tenant
   */
  public SharedOpportunity share(OpportunityId opportunityId, String teamId, String actor) {
    Objects.requireNonNull(opportunityId, "opportunityId");
    String tenant = opportunityId.tenant();
    member(tenant, teamId, actor);
    if (storage.opportunities().find(opportunityId).isEmpty()) {
      throw new NotFoundException("no opportunity " + opportunityId);
    }
    Optional<SharedOpportunity> existing =
        storage.teams().findShared(tenant, teamId, opportunityId);
    if (existing.isPresent()) {
      return existing.get();
    }
    SharedOpportunity share =
        SharedOpportunity.builder()
            .tenant(tenant)
            .teamId(teamId)
            .opportunityId(opportunityId)
            .sharedBy(actor)
            .sharedAt(clock.instant())
            .build();
    try {
      return storage.inTransaction(
          tx -> {
            SharedOpportunity saved = tx.teams().saveShared(share);
            recordShare(tx, actor, Optional.empty(), saved);
            return saved;
          });
    } catch (ConcurrentUpdateException e) {
      // Another member shared it at the same moment: theirs is the share.
      return storage.teams().findShared(tenant, teamId, opportunityId).orElseThrow(() -> e);
    }
  }

  /** The share of an opportunity with a team, if {@code actor} is a member and it is shared. */
  public Optional<SharedOpportunity> findShared(
      OpportunityId opportunityId, String teamId, String actor) {
    Objects.requireNonNull(opportunityId, "opportunityId");
    member(opportunityId.tenant(), teamId, actor);
    return storage.teams().findShared(opportunityId.tenant(), teamId, opportunityId);
  }

  /**
   * The team's feed: the opportunities shared with it, newest shared first, at most {@code limit},
   * each with the team's status and notes and the opportunity as it is now.
   *
   * @throws NotFoundException if there is no such team or {@code actor} is not a member
   * @throws ValidationException if {@code limit} is not between 1 and {@link #MAX_FEED_LIMIT}
   */
  public List<TeamFeedItem> feed(String tenant, String teamId, String actor, int limit) {
    if (limit < 1 || limit > MAX_FEED_LIMIT) {
      throw new ValidationException(
          "limit must be between 1 and " + MAX_FEED_LIMIT + ", was " + limit);
    }
    member(tenant, teamId, actor);
    List<TeamFeedItem> items = new ArrayList<>();
    for (SharedOpportunity s : storage.teams().listShared(tenant, teamId, limit)) {
      // A deleted opportunity takes its shares with it; one deleted between the two reads is
      // simply left out.
      Optional<Opportunity> o = storage.opportunities().find(s.opportunityId());
      o.ifPresent(opportunity -> items.add(new TeamFeedItem(s, opportunity)));
    }
    return List.copyOf(items);
  }

  /**
   * Adds a note by {@code actor}, stamped now, to an opportunity shared with the team.
   *
   * @return the share as stored
   * @throws NotFoundException if there is no such team, {@code actor} is not a member, or the
   *     opportunity is not shared with the team
   * @throws ValidationException if the text is blank or longer than {@link TeamNote#MAX_TEXT}
   */
  public SharedOpportunity note(
      OpportunityId opportunityId, String teamId, String actor, String text) {
    requireText("actor", actor);
    TeamNote note = TeamNote.of(actor, text == null ? "" : text, clock.instant());
    return update(
        opportunityId,
        teamId,
        actor,
        s -> SharedOpportunity.builder().from(s).addNotes(note).build());
  }

  /**
   * Sets the team's status on an opportunity shared with it. Members setting it at once each get
   * theirs applied in turn: a lost version race is retried on the share as the other left it.
   *
   * @return the share as stored
   * @throws NotFoundException if there is no such team, {@code actor} is not a member, or the
   *     opportunity is not shared with the team
   */
  public SharedOpportunity setStatus(
      OpportunityId opportunityId, String teamId, String actor, TeamStatus status) {
    Objects.requireNonNull(status, "status");
    return update(
        opportunityId,
        teamId,
        actor,
        s -> SharedOpportunity.builder().from(s).status(status).build());
  }

  private SharedOpportunity update(
      OpportunityId opportunityId,
      String teamId,
      String actor,
      UnaryOperator<SharedOpportunity> change) {
    Objects.requireNonNull(opportunityId, "opportunityId");
    String tenant = opportunityId.tenant();
    // A note or a status applies to the share as it is when stored: re-read and re-applied after
    // a lost version race, so racing members all get theirs in.
    return Conflicts.retry(
        () -> {
          member(tenant, teamId, actor);
          SharedOpportunity current =
              storage
                  .teams()
                  .findShared(tenant, teamId, opportunityId)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "opportunity "
                                  + opportunityId
                                  + " is not shared with team "
                                  + teamId));
          return storage.inTransaction(
              tx -> {
                SharedOpportunity saved = tx.teams().saveShared(change.apply(current));
                recordShare(tx, actor, Optional.of(current), saved);
                return saved;
              });
        });
  }

  private void record(
      Storage tx,
      Actor actor,
      String tenant,
      String teamId,
      AuditAction action,
      Optional<Team> before,
      Team after) {
    audit.record(
        tx.audit(),
        actor,
        tenant,
        ENTITY,
        teamId,
        action,
        AuditLog.diff(AuditFields.team(before), AuditFields.team(Optional.of(after))),
        Optional.empty());
  }

  private void recordShare(
      Storage tx, String actor, Optional<SharedOpportunity> before, SharedOpportunity after) {
    Map<String, String> afterFields = AuditFields.share(Optional.of(after));
    Map<String, String> beforeFields = AuditFields.share(before);
    afterFields.put("opportunity", after.opportunityId().value());
    before.ifPresent(b -> beforeFields.put("opportunity", b.opportunityId().value()));
    audit.record(
        tx.audit(),
        Actor.user(actor, context),
        after.tenant(),
        ENTITY,
        after.teamId(),
        AuditAction.SHARE,
        AuditLog.diff(beforeFields, afterFields),
        Optional.empty());
  }

  /** The team, if {@code actor} is a member; else not found, exactly as for a missing team. */
  private Team member(String tenant, String teamId, String actor) {
    requireText("tenant", tenant);
    requireText("teamId", teamId);
    requireText("actor", actor);
    return storage
        .teams()
        .find(tenant, teamId)
        .filter(t -> t.hasMember(actor))
        .orElseThrow(() -> new NotFoundException("no team " + teamId + " in tenant " + tenant));
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field + " must not be blank");
    }
  }
}
