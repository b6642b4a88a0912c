package io.github.discoverysdk;

import static io.github.discoverysdk.AccessMatrixRows.*;
import static io.github.discoverysdk.AccessWorld.*;
import static io.github.discoverysdk.access.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.access.Scope;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role × every public method of {@link SecuredEngine} × own data / another user's data in the
 * same tenant / another tenant's data, each cell asserting allow or deny. The expected cells come
 * from the role table below, written out by hand rather than read from {@code AccessPolicy}, so
 * that a change of the default roles shows up here as a failing cell. A new public method of {@code
 * SecuredEngine} fails {@link #everyPublicMethodIsInTheMatrix()} until it has a row; a new public
 * method of {@code DiscoveryEngine} fails {@link #everyEngineMethodIsGatedOrSecured()}.
 */
class AccessMatrixTest {
  /** The default roles as the documentation states them; {@code null} scope grants nothing. */
  record RoleSpec(Scope scope, Set<Permission> permissions) {}

  static final Map<String, RoleSpec> ROLES = new LinkedHashMap<>();

  static {
    ROLES.put("admin", new RoleSpec(Scope.TENANT, EnumSet.allOf(Permission.class)));
    ROLES.put("manager", new RoleSpec(Scope.TEAM, EnumSet.allOf(Permission.class)));
    ROLES.put(
        "account_manager",
        new RoleSpec(
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
                SESSION_WRITE)));
    ROLES.put(
        "viewer",
        new RoleSpec(
            Scope.TEAM,
            EnumSet.of(
                PROFILE_READ, FEED_READ, TEAM_READ, ACCOUNT_READ, ANALYTICS_READ, SESSION_READ)));
    ROLES.put("ghost", new RoleSpec(null, Set.of()));
    ROLES.put("(none)", new RoleSpec(null, Set.of()));
  }

  /** Public methods of SecuredEngine that read no tenant data. */
  static final Set<String> NOT_DATA =
      Set.of(
          "principal",
          "accounts",
          "reviews",
          "records",
          "drafts",
          "search",
          "sessions",
          "insight",
          "closedDeals");

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Row r : ROWS) {
      for (String role : ROLES.keySet()) {
        for (Target t : Target.values()) {
          cells.add(Arguments.of(r.method(), role, t, r));
        }
      }
    }
    return cells.stream();
  }

  static boolean expected(Row r, String role, Target t) {
    RoleSpec spec = ROLES.get(role);
    if (t == Target.OTHER_TENANT || spec.scope() == null) {
      return false;
    }
    if (!spec.permissions().contains(r.permission())) {
      return false;
    }
    switch (r.reach()) {
      case TENANT_LEVEL:
        return true;
      case TENANT_WIDE:
        return spec.scope() == Scope.TENANT;
      case MEMBERSHIP:
        return t == Target.OWN;
      default:
        return t == Target.OWN || spec.scope() == Scope.TENANT;
    }
  }

  @ParameterizedTest(name = "{0} as {1} on {2}")
  @MethodSource("cells")
  void cell(String method, String role, Target target, Row row) throws Exception {
    AccessWorld w = new AccessWorld();
    SecuredEngine se = w.engine.as(w.principal(role));
    boolean reached;
    try {
      reached = row.call().reached(se, w, target);
    } catch (AccessDeniedException e) {
      assertThat(e.permission()).contains(row.permission());
      assertThat(w.denials()).as("a denial is audited").isPositive();
      reached = false;
    } catch (NotFoundException e) {
      reached = false;
    }
    assertThat(reached)
        .as("%s as %s on %s", method, role, target)
        .isEqualTo(expected(row, role, target));
  }

  @Test
  void everyPublicMethodIsInTheMatrix() {
    Set<String> methods = new TreeSet<>(publicMethods(SecuredEngine.class, ""));
    methods.removeAll(NOT_DATA);
    methods.addAll(publicMethods(SecuredAccounts.class, "accounts."));
    methods.addAll(publicMethods(SecuredReviews.class, "reviews."));
    methods.addAll(publicMethods(SecuredRecords.class, "records."));
    methods.addAll(publicMethods(SecuredDrafts.class, "drafts."));
    methods.addAll(publicMethods(SecuredSearch.class, "search."));
    methods.addAll(publicMethods(SecuredSessions.class, "sessions."));
    methods.addAll(publicMethods(SecuredInsight.class, "insight."));
    methods.addAll(publicMethods(SecuredClosedDeals.class, "closedDeals."));
    Set<String> rows =
        ROWS.stream().map(Row::method).collect(Collectors.toCollection(TreeSet::new));
    assertThat(rows).isEqualTo(methods);
  }

  private static Set<String> publicMethods(Class<?> type, String prefix) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .map(m -> prefix + m.getName())
        .collect(Collectors.toSet());
  }

  @Test
  void matrixSize() {
    assertThat(cells().count()).isEqualTo((long) ROWS.size() * ROLES.size() * 3);
  }

  /** Engine methods that need no system-call switch: they act on no tenant's data. */
  static final Set<String> UNGATED = Set.of("builder", "as", "close");

  @Test
  void everyEngineMethodIsGatedOrSecured() throws Exception {
    AccessWorld w = new AccessWorld(false);
    List<String> leaks = new ArrayList<>();
    for (Method m : DiscoveryEngine.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || UNGATED.contains(m.getName())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = placeholder(m.getParameterTypes()[i], w);
      }
      try {
        m.invoke(w.engine, args);
        leaks.add(m.getName());
      } catch (java.lang.reflect.InvocationTargetException e) {
        if (!(e.getCause() instanceof AccessDeniedException)) {
          leaks.add(m.getName() + " threw " + e.getCause());
        }
      }
    }
    assertThat(leaks).as("public engine methods reachable without a principal").isEmpty();
  }

  private static Object placeholder(Class<?> type, AccessWorld w) {
    if (type == String.class) {
      return TENANT;
    }
    if (type == int.class) {
      return 10;
    }
    if (type == Instant.class) {
      return T0;
    }
    if (type == io.github.discoverysdk.model.ProfileId.class) {
      return w.own.id();
    }
    if (type == io.github.discoverysdk.model.OpportunityId.class) {
      return w.oOwn.id();
    }
    if (type == FeedQuery.class) {
      return FeedQuery.forTenant(TENANT).build();
    }
    if (type == Feedback.class) {
      return Feedback.save();
    }
    throw new AssertionError("no placeholder for " + type + ": add one");
  }

  @Test
  void principalWithoutRolesOrWithUnknownRoleMayDoNothing() {
    AccessWorld w = new AccessWorld();
    for (Principal p :
        List.of(
            Principal.of(ME, TENANT, Set.of(), Set.of()),
            Principal.of(ME, TENANT, Set.of("root", "ADMIN"), Set.of()))) {
      assertThatThrownBy(() -> w.engine.as(p).findProfile(w.own.id()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("PROFILE_READ");
    }
  }

  @Test
  void hostilePrincipalsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> Principal.of("", TENANT, "admin"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Principal.of("ana\u0000", TENANT, "admin"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Principal.of("ana\nadmin", TENANT, "admin"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Principal.of("ana", "acme ", "admin"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Principal.of("a".repeat(201), TENANT, "admin"))
        .isInstanceOf(ValidationException.class);
  }
}
