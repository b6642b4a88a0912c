package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import java.util.List;
import java.util.Optional;

/**
 * Teams and the opportunities shared with them: {@link Storage#teams()}. Teams and shares carry
 * their tenant; lookups by a team id, which has none, take it first. Thread-safe, as every store
 * is.
 */
public interface TeamStore {
  /**
   * Inserts a team whose version is 0, or updates one whose version equals the stored version.
   * Returns the stored team with its version incremented.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while the id exists
   */
  Team save(Team team);

  Optional<Team> find(String tenant, String teamId);

  /** The tenant's teams ordered by id. */
  List<Team> list(String tenant);

  /**
   * Inserts a share whose version is 0, or updates one whose version equals the stored version;
   * returns it with the version incremented. An opportunity is shared with a team once: its team
   * and its opportunity must have been saved, and its tenant, team and opportunity never change.
   * Deleting the opportunity (with its profile) deletes its shares.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while the same (tenant, team,
   *     opportunity) is already shared
   * @throws io.github.discoverysdk.ValidationException if the team or the opportunity does not
   *     exist for the tenant
   */
  SharedOpportunity saveShared(SharedOpportunity shared);

  Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id);

  /**
   * The opportunities shared with a team, newest shared first (ties by opportunity id, descending),
   * at most {@code limit}.
   */
  List<SharedOpportunity> listShared(String tenant, String teamId, int limit);
}
