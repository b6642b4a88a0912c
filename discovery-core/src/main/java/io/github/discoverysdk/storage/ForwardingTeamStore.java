package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.spi.TeamStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TeamStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingTeamStore implements TeamStore {
  private final TeamStore delegate;

  protected ForwardingTeamStore(TeamStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected TeamStore delegate() {
    return delegate;
  }

  @Override
  public Team save(Team team) {
    return delegate.save(team);
  }

  @Override
  public Optional<Team> find(String tenant, String teamId) {
    return delegate.find(tenant, teamId);
  }

  @Override
  public List<Team> list(String tenant) {
    return delegate.list(tenant);
  }

  @Override
  public SharedOpportunity saveShared(SharedOpportunity shared) {
    return delegate.saveShared(shared);
  }

  @Override
  public Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id) {
    return delegate.findShared(tenant, teamId, id);
  }

  @Override
  public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
    return delegate.listShared(tenant, teamId, limit);
  }
}
