package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.spi.TeamStore;
import io.github.discoverysdk.storage.MemoryState.ShareKey;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The teams and shared opportunities of an {@link InMemoryStorage}. Thread-safe: every method runs
 * under the state's lock.
 */
final class MemoryTeamStore implements TeamStore {
  private final MemoryState state;

  MemoryTeamStore(MemoryState state) {
    this.state = state;
  }

  // ---- teams

  @Override
  public Team save(Team team) {
    Objects.requireNonNull(team, "team");
    return state.write(
        () -> {
          TenantData t = state.writable(team.tenant());
          Team stored = t.teams.get(team.id());
          MemoryState.checkVersion("team", team.id(), team.version(), stored, Team::version);
          Team saved = Team.builder().from(team).version(team.version() + 1).build();
          state.put(t.teams, team.id(), saved);
          return saved;
        });
  }

  @Override
  public Optional<Team> find(String tenant, String teamId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(teamId, "teamId");
    return state.read(() -> Optional.ofNullable(state.readable(tenant).teams.get(teamId)));
  }

  @Override
  public List<Team> list(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return state.read(() -> List.copyOf(state.readable(tenant).teams.values()));
  }

  @Override
  public SharedOpportunity saveShared(SharedOpportunity shared) {
    Objects.requireNonNull(shared, "shared");
    return state.write(
        () -> {
          TenantData t = state.writable(shared.tenant());
          ShareKey key = new ShareKey(shared.teamId(), shared.opportunityId().value());
          SharedOpportunity stored = t.shared.get(key);
          String id = shared.teamId() + " of " + shared.opportunityId();
          if (stored == null && shared.version() == 0) {
            if (!t.teams.containsKey(shared.teamId())) {
              throw new ValidationException(
                  "team " + shared.teamId() + " does not exist for tenant " + shared.tenant());
            }
            if (!t.opportunities.containsKey(shared.opportunityId().value())) {
              throw new ValidationException(
                  "opportunity " + shared.opportunityId() + " does not exist");
            }
          }
          MemoryState.checkVersion(
              "share with team", id, shared.version(), stored, SharedOpportunity::version);
          SharedOpportunity saved =
              SharedOpportunity.builder().from(shared).version(shared.version() + 1).build();
          state.put(t.shared, key, saved);
          if (stored == null) {
            // Lets deleting the opportunity (with its profile) find its shares without a scan.
            state.index(t.teamsByOpportunity, key.opportunityId(), key.teamId());
          }
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
    return state.read(
        () ->
            Optional.ofNullable(
                state.readable(tenant).shared.get(new ShareKey(teamId, id.value()))));
  }

  @Override
  public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(teamId, "teamId");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).shared.values().stream()
                .filter(s -> s.teamId().equals(teamId))
                .sorted(
                    Comparator.comparing(SharedOpportunity::sharedAt)
                        .thenComparing(s -> s.opportunityId().value())
                        .reversed())
                .limit(limit)
                .toList());
  }
}
