package io.github.discoverysdk.access;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Who is calling: a host user of one tenant, with the names of its roles (looked up in the engine's
 * {@link AccessPolicy}) and the ids of its teams. The host authenticates the user and builds the
 * principal; the engine only authorizes. Immutable and thread-safe.
 *
 * <pre>{@code
 * Principal ana = Principal.of("ana", "acme", Set.of("account_manager"), Set.of("emea"));
 * engine.as(ana).feed(query);
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface Principal {
  /** Longest user id accepted. */
  int MAX_USER = 200;

  /** The host's id of the user, as in {@code Profile.owner()} and {@code Account.owner()}. */
  String user();

  String tenant();

  /** Role names; an unknown name grants nothing. A principal with no roles may do nothing. */
  Set<String> roles();

  /** Team ids of the tenant the user belongs to, for {@link Scope#TEAM}. */
  Set<String> teams();

  @Value.Check
  default void check() {
    Fields.identifier("principal.user", user(), MAX_USER);
    Tenants.check("principal.tenant", tenant());
    Fields.maxCount("principal.roles", roles(), 32);
    Fields.identifiers("principal.roles", roles(), Role.MAX_NAME);
    Fields.maxCount("principal.teams", teams(), 1_000);
    Fields.identifiers("principal.teams", teams(), 100);
  }

  /**
   * A principal.
   *
   * @throws io.github.discoverysdk.ValidationException if a value is blank, too long or holds
   *     control characters
   */
  static Principal of(String user, String tenant, Set<String> roles, Set<String> teams) {
    return Fields.build(
        "Principal",
        () ->
            ImmutablePrincipal.builder()
                .user(user)
                .tenant(tenant)
                .roles(roles)
                .teams(teams)
                .build());
  }

  /** A principal without teams. */
  static Principal of(String user, String tenant, String... roles) {
    return of(user, tenant, Set.of(roles), Set.of());
  }
}
