package io.github.discoverysdk.access;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A named set of permissions with the scope they reach: data a host defines in its {@link
 * AccessPolicy}. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Role {
  /** Longest role name accepted. */
  int MAX_NAME = 64;

  /** Unique within a policy, compared exactly (no case folding). */
  @Value.Parameter
  String name();

  @Value.Parameter
  Set<Permission> permissions();

  @Value.Parameter
  Scope scope();

  /** Whether the role grants {@code permission}. */
  default boolean grants(Permission permission) {
    return permissions().contains(permission);
  }

  @Value.Check
  default void check() {
    Fields.identifier("role.name", name(), MAX_NAME);
  }

  /** A role; throws {@code ValidationException} on a blank or overlong name. */
  static Role of(String name, Scope scope, Set<Permission> permissions) {
    return Fields.build("Role", () -> ImmutableRole.of(name, permissions, scope));
  }
}
