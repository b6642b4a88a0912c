package io.github.discoverysdk.access;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.ValidationException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of an engine, as data: which permissions each role grants and how far they reach. A
 * host starts from {@link #defaults()} and changes roles with {@link #with} and {@link #without},
 * or builds its own from {@link #of}. Immutable and thread-safe.
 *
 * <p><b>Why no policy library.</b> The model is four kinds of fact: roles, permissions, a scope per
 * role, and who owns an account or a profile. Ownership lives in the SDK's own stores and has to be
 * applied inside store queries (an inbox lists only the caller's accounts in one query), which a
 * general engine such as jCasbin cannot do: it would decide per row after loading. A typed enum of
 * permissions also lets the access matrix test enumerate every cell, which string policies cannot
 * promise. So the SDK keeps the small model here and adds no dependency.
 *
 * <p>Default roles:
 *
 * <ul>
 *   <li>{@code admin}: every permission, the whole tenant;
 *   <li>{@code manager}: every permission, over its teams' accounts, profiles and cards ({@link
 *       Scope#TEAM});
 *   <li>{@code account_manager}: profiles, runs, the feed, feedback, review (refine, approve,
 *       reject), activation, accounts and discovery sessions, over its own ({@link Scope#OWN});
 *   <li>{@code viewer}: reads only (sessions included), over its teams.
 * </ul>
 */
public final class AccessPolicy {
  /** Role names of {@link #defaults()}. */
  public static final String ADMIN = "admin";

  public static final String MANAGER = "manager";
  public static final String ACCOUNT_MANAGER = "account_manager";
  public static final String VIEWER = "viewer";

  private final Map<String, Role> roles;

  private AccessPolicy(Map<String, Role> roles) {
    this.roles = Map.copyOf(roles);
  }

  /** The four default roles described above. */
  public static AccessPolicy defaults() {
    return of(
        Role.of(ADMIN, Scope.TENANT, EnumSet.allOf(Permission.class)),
        Role.of(MANAGER, Scope.TEAM, EnumSet.allOf(Permission.class)),
        Role.of(
            ACCOUNT_MANAGER,
            Scope.OWN,
            EnumSet.of(
                PROFILE_READ,
                PROFILE_WRITE,
                RUN,
                FEED_READ,
                FEEDBACK,
                REVIEW_REFINE,
                REVIEW_DECIDE,
                PUSH,
                TEAM_READ,
                ACCOUNT_READ,
                ANALYTICS_READ,
                SESSION_READ,
                SESSION_WRITE)),
        Role.of(
            VIEWER,
            Scope.TEAM,
            EnumSet.of(
                PROFILE_READ, FEED_READ, TEAM_READ, ACCOUNT_READ, ANALYTICS_READ, SESSION_READ)));
  }

  /**
   * A policy of exactly these roles.
   *
   * @throws ValidationException if two roles share a name
   */
  public static AccessPolicy of(Role... roles) {
    Map<String, Role> byName = new LinkedHashMap<>();
    for (Role r : roles) {
      Objects.requireNonNull(r, "role");
      if (byName.putIfAbsent(r.name(), r) != null) {
        throw new ValidationException("two roles are named " + r.name());
      }
    }
    return new AccessPolicy(byName);
  }

  /** This policy with {@code role} added, or replacing the role of the same name. */
  public AccessPolicy with(Role role) {
    Objects.requireNonNull(role, "role");
    Map<String, Role> copy = new LinkedHashMap<>(roles);
    copy.put(role.name(), role);
    return new AccessPolicy(copy);
  }

  /** This policy without the role named {@code name}, if it had one. */
  public AccessPolicy without(String name) {
    Map<String, Role> copy = new LinkedHashMap<>(roles);
    copy.remove(name);
    return new AccessPolicy(copy);
  }

  /** The role named {@code name}. */
  public Optional<Role> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  /** The names of the roles, in no particular order. */
  public Set<String> roleNames() {
    return roles.keySet();
  }

  /**
   * How far {@code permission} reaches for {@code principal}: the widest scope of its roles that
   * grant it, or empty if none does (unknown role names grant nothing).
   */
  public Optional<Scope> scope(Principal principal, Permission permission) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(permission, "permission");
    Scope widest = null;
    for (String name : principal.roles()) {
      Role r = roles.get(name);
      if (r != null && r.grants(permission)) {
        widest = widest == null ? r.scope() : widest.widest(r.scope());
      }
    }
    return Optional.ofNullable(widest);
  }

  @Override
  public String toString() {
    return "AccessPolicy" + roles.keySet();
  }
}
