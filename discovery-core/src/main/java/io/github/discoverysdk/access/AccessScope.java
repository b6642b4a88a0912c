package io.github.discoverysdk.access;

import io.github.discoverysdk.model.DiscoveryStyle;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The rows of a tenant a listing may return, resolved from a principal's scope for one permission:
 * either all of them, or those owned by {@link #owner()} or belonging to one of {@link #teams()}.
 * Stores apply it inside their queries, never after them. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface AccessScope {
  /** Every row of the tenant. */
  boolean all();

  /** Rows owned by this user are in scope (ignored when {@link #all()}). */
  Optional<String> owner();

  /** Rows of these teams are in scope (ignored when {@link #all()}). */
  Set<String> teams();

  /** Whether a row owned by {@code rowOwner} in team {@code rowTeam} is in scope. */
  default boolean covers(String rowOwner, Optional<String> rowTeam) {
    return all()
        || owner().filter(o -> o.equals(rowOwner)).isPresent()
        || rowTeam.filter(teams()::contains).isPresent();
  }

  /** Every row of the tenant: for admins and trusted system calls. */
  static AccessScope tenant() {
    return ImmutableAccessScope.builder().all(true).build();
  }

  /** Rows owned by {@code user} or belonging to one of {@code teams}. */
  static AccessScope of(String user, Set<String> teams) {
    return ImmutableAccessScope.builder().all(false).owner(user).teams(teams).build();
  }

  /** The scope of {@code principal} at {@code scope}. */
  static AccessScope of(Principal principal, Scope scope) {
    switch (scope) {
      case TENANT:
        return tenant();
      case TEAM:
        return of(principal.user(), principal.teams());
      default:
        return of(principal.user(), Set.of());
    }
  }
}
