package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.spi.TeamStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TeamStore} in SQL: teams and shared opportunities. Thread-safe when its {@link Access} is.
 */
final class SqlTeamStore implements TeamStore {
  private final Sql db;

  SqlTeamStore(Sql sql) {
    this.db = sql;
  }

  // ---- teams

  private static final String TEAM_COLUMNS = "tenant, id, name, members, created_at, version";
  private static final String SHARE_COLUMNS =
      "tenant, team_id, opportunity_id, shared_by, shared_at, status, notes, version";

  private Team team(ResultSet rs) throws SQLException {
    return Team.builder()
        .tenant(rs.getString("tenant"))
        .id(rs.getString("id"))
        .name(rs.getString("name"))
        .members(Json.readStrings(rs.getString("members")))
        .createdAt(db.getInstant(rs, "created_at"))
        .version(rs.getLong("version"))
        .build();
  }

  private SharedOpportunity shared(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    return SharedOpportunity.builder()
        .tenant(tenant)
        .teamId(rs.getString("team_id"))
        .opportunityId(OpportunityId.of(tenant, rs.getString("opportunity_id")))
        .sharedBy(rs.getString("shared_by"))
        .sharedAt(db.getInstant(rs, "shared_at"))
        .status(TeamStatus.valueOf(rs.getString("status")))
        .notes(Json.readTeamNotes(rs.getString("notes")))
        .version(rs.getLong("version"))
        .build();
  }

  @Override
  public Team save(Team team) {
    Objects.requireNonNull(team, "team");
    Team saved =
        Team.builder()
            .from(team)
            .createdAt(Sql.micros(team.createdAt()))
            .version(team.version() + 1)
            .build();
    return db.access()
        .run(
            "save team " + team.id() + " of tenant " + team.tenant(),
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_team",
                  TEAM_COLUMNS,
                  new String[] {team.tenant(), team.id()},
                  (ps, i) -> {
                    ps.setString(i++, team.name());
                    ps.setString(i++, Json.stringSet(team.members()));
                    db.setInstant(ps, i++, saved.createdAt());
                    return i;
                  },
                  team.version(),
                  "team " + team.id() + " of tenant " + team.tenant(),
                  "team",
                  team.id());
              return saved;
            });
  }

  @Override
  public Optional<Team> find(String tenant, String teamId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(teamId, "teamId");
    return db.access()
        .run(
            "find team " + teamId + " of tenant " + tenant,
            c ->
                Sql.one(
                    c,
                    "SELECT " + TEAM_COLUMNS + " FROM discovery_team WHERE tenant = ? AND id = ?",
                    this::team,
                    tenant,
                    teamId));
  }

  @Override
  public List<Team> list(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return db.access()
        .run(
            "list the teams of tenant " + tenant,
            c ->
                Sql.many(
                    c,
                    "SELECT " + TEAM_COLUMNS + " FROM discovery_team WHERE tenant = ? ORDER BY id",
                    this::team,
                    tenant));
  }

  /**
   * Inserts a share unless the primary key (tenant, team, opportunity) holds one already, or
   * updates the status and notes of one at the caller's version. The foreign keys require the team
   * and the opportunity; deleting the opportunity deletes its shares.
   */
  @Override
  public SharedOpportunity saveShared(SharedOpportunity shared) {
    Objects.requireNonNull(shared, "shared");
    SharedOpportunity saved =
        SharedOpportunity.builder()
            .from(shared)
            .sharedAt(Sql.micros(shared.sharedAt()))
            .version(shared.version() + 1)
            .build();
    String id = shared.teamId() + " of " + shared.opportunityId();
    return db.access()
        .atomic(
            "share opportunity " + shared.opportunityId() + " with team " + shared.teamId(),
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_team_share",
                  SHARE_COLUMNS,
                  new String[] {shared.tenant(), shared.teamId(), shared.opportunityId().value()},
                  (ps, i) -> {
                    ps.setString(i++, shared.sharedBy());
                    db.setInstant(ps, i++, saved.sharedAt());
                    ps.setString(i++, shared.status().name());
                    ps.setString(i++, Json.teamNotes(shared.notes()));
                    return i;
                  },
                  shared.version(),
                  "share with team " + id,
                  "share with team",
                  id);
              return saved;
            });
  }

  @Override
  public Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(teamId, "teamId");
    Objects.requireNonNull(id, "id");
    if (!id.tenant().equals(tenant)) {
      return Optional.empty();
    }
    return db.access()
        .run(
            "find the share of " + id + " with team " + teamId,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + SHARE_COLUMNS
                        + " FROM discovery_team_share"
                        + " WHERE tenant = ? AND team_id = ? AND opportunity_id = ?",
                    this::shared,
                    tenant,
                    teamId,
                    id.value()));
  }

  @Override
  public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(teamId, "teamId");
    Sql.checkLimit(limit);
    return db.access()
        .run(
            "list the opportunities shared with team " + teamId + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + SHARE_COLUMNS
                          + " FROM discovery_team_share WHERE tenant = ? AND team_id = ?"
                          + " ORDER BY shared_at DESC, opportunity_id DESC LIMIT ?")) {
                ps.setString(1, tenant);
                ps.setString(2, teamId);
                ps.setInt(3, limit);
                return Sql.all(ps, this::shared);
              }
            });
  }
}
