package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo users and their bearer tokens, mapped to the SDK's {@link Principal}: roles from {@link
 * AccessPolicy#defaults()} and teams. Which accounts an account manager sees follows from the
 * accounts' owners (seeded by {@link DemoData}). A real host maps its own identity provider's users
 * here instead. Immutable and thread-safe.
 */
public final class DemoUsers {
  /** One demo user: its token, principal and a line for the login page. */
  public record User(String token, Principal principal, String description) {}

  private static final Map<String, User> BY_TOKEN = new LinkedHashMap<>();

  static {
    add("admin-token", "admin", Set.of(AccessPolicy.ADMIN), Set.of(), "admin: everything");
    add(
        "mia-token",
        "mia",
        Set.of(AccessPolicy.MANAGER),
        Set.of("emea"),
        "manager of team emea: its accounts, profiles and cards; approves");
    add(
        "ana-token",
        "ana",
        Set.of(AccessPolicy.ACCOUNT_MANAGER),
        Set.of("emea"),
        "account manager: only her accounts (Stripe, Adyen) and profiles");
    add(
        "ben-token",
        "ben",
        Set.of(AccessPolicy.ACCOUNT_MANAGER),
        Set.of("na"),
        "account manager: only his accounts (Snowflake, Databricks) and profiles");
    add(
        "vic-token",
        "vic",
        Set.of(AccessPolicy.VIEWER),
        Set.of("emea"),
        "viewer of team emea: reads only");
  }

  private DemoUsers() {}

  private static void add(
      String token, String user, Set<String> roles, Set<String> teams, String description) {
    BY_TOKEN.put(
        token, new User(token, Principal.of(user, EngineWiring.TENANT, roles, teams), description));
  }

  /** The user of {@code token}, if it is a demo token. */
  public static Optional<User> byToken(String token) {
    return Optional.ofNullable(BY_TOKEN.get(token));
  }

  /** The principal of {@code user}, which must be a demo user. */
  public static Principal principal(String user) {
    return BY_TOKEN.values().stream()
        .map(User::principal)
        .filter(p -> p.user().equals(user))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no demo user " + user));
  }

  /** Every demo user, in the order of the README. */
  public static List<User> all() {
    return List.copyOf(BY_TOKEN.values());
  }
}
