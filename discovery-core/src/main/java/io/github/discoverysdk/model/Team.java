package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A team of a tenant: host users who share opportunities, notes and a status per opportunity.
 * Members are host user ids, as the host identifies its users. {@link #version()} is 0 for a team
 * never saved; storage increments it on every save and rejects a save with a stale version.
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Team {
  String tenant();

  /** Unique within the tenant. */
  String id();

  String name();

  /** The host user ids of the members. */
  Set<String> members();

  Instant createdAt();

  /** 0 for a team never stored; incremented by storage on every write. */
  @Value.Default
  default long version() {
    return 0;
  }

  /** Whether {@code user} is a member. */
  default boolean hasMember(String user) {
    return members().contains(user);
  }

  @Value.Check
  default void check() {
    Tenants.check("team.tenant", tenant());
    Checks.notBlank("team.id", id());
    Checks.maxLength("team.id", id(), 100);
    Checks.notBlank("team.name", name());
    Checks.maxLength("team.name", name(), 200);
    Checks.noBlankElements("team.members", members());
    for (String m : members()) {
      Checks.maxLength("team.members", m, 200);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Team}; {@code build()} throws {@code ValidationException} on bad input. */
  final class Builder extends ImmutableTeam.Builder {
    @Override
    public Team build() {
      return Checks.build("Team", super::build);
    }
  }
}
