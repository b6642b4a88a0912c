package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/**
 * An opportunity shared with a team, with the team's status and notes on it. One per (tenant, team,
 * opportunity): an opportunity is shared with a team once. {@link #version()} is 0 for one never
 * saved; storage increments it on every save and rejects a save with a stale version. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface SharedOpportunity {
  String tenant();

  String teamId();

  OpportunityId opportunityId();

  /** The host user id of the member who shared it; at most 200 characters. */
  String sharedBy();

  Instant sharedAt();

  @Value.Default
  default TeamStatus status() {
    return TeamStatus.NEW;
  }

  /** The team's notes, oldest first. */
  List<TeamNote> notes();

  /** 0 for one never stored; incremented by storage on every write. */
  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("shared.tenant", tenant());
    Checks.notBlank("shared.teamId", teamId());
    Checks.maxLength("shared.teamId", teamId(), 100);
    Checks.notBlank("shared.sharedBy", sharedBy());
    Checks.maxLength("shared.sharedBy", sharedBy(), 200);
    if (!opportunityId().tenant().equals(tenant())) {
      throw new ValidationException(
          "shared opportunity of tenant " + tenant() + " names opportunity " + opportunityId());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link SharedOpportunity}; {@code build()} throws {@code ValidationException} on bad
   * input.
   */
  final class Builder extends ImmutableSharedOpportunity.Builder {
    @Override
    public SharedOpportunity build() {
      return Checks.build("SharedOpportunity", super::build);
    }
  }
}
