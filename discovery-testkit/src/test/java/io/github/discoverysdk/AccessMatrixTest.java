package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.access.Scope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.SourceRow;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String TENANT = "acme";
  static final String OTHER_TENANT = "globex";
  static final String ME = "u-own";
  static final String MATE = "u-mate";
  static final String OTHER = "u-other";
  static final Actor SYS = Actor.system("test");

  /** Whose data a cell touches. */
  enum Target {
    OWN,
    OTHER_ACCOUNT,
    OTHER_TENANT
  }

  /** How a method's reach depends on scope. */
  enum Reach {
    /** Own data needs the permission; another user's data needs it over the whole tenant. */
    SCOPED,
    /** Needs the permission over the whole tenant, whatever the target. */
    TENANT_WIDE,
    /** Needs the permission in any scope: the data is the tenant's, not a user's. */
    TENANT_LEVEL,
    /** Needs the permission, and team membership: another team is never reached. */
    MEMBERSHIP
  }

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
                ANALYTICS_READ)));
    ROLES.put(
        "viewer",
        new RoleSpec(
            Scope.TEAM,
            EnumSet.of(PROFILE_READ, FEED_READ, TEAM_READ, ACCOUNT_READ, ANALYTICS_READ)));
    ROLES.put("ghost", new RoleSpec(null, Set.of()));
    ROLES.put("(none)", new RoleSpec(null, Set.of()));
  }

  @FunctionalInterface
  interface Call {
    /** Calls the method on the target's data; true if it reached it. */
    boolean reached(SecuredEngine se, World w, Target t) throws Exception;
  }

  record Row(String method, Permission permission, Reach reach, Call call) {}

  static final List<Row> ROWS = new ArrayList<>();

  static void row(String method, Permission p, Reach reach, Call call) {
    ROWS.add(new Row(method, p, reach, call));
  }

  static {
    row(
        "saveProfile",
        PROFILE_WRITE,
        Reach.SCOPED,
        (se, w, t) -> {
          Profile p = w.profile(t);
          return se.saveProfile(Profile.builder().from(p).name("renamed").build()).version()
              > p.version();
        });
    row(
        "findProfile",
        PROFILE_READ,
        Reach.SCOPED,
        (se, w, t) -> se.findProfile(w.profile(t).id()).isPresent());
    row(
        "listProfiles",
        PROFILE_READ,
        Reach.SCOPED,
        (se, w, t) -> se.listProfiles().stream().anyMatch(p -> p.id().equals(w.profile(t).id())));
    row(
        "deleteProfile",
        PROFILE_WRITE,
        Reach.SCOPED,
        (se, w, t) -> se.deleteProfile(w.profile(t).id()));
    row("discover", RUN, Reach.SCOPED, (se, w, t) -> se.discover(w.profile(t).id()) != null);
    row(
        "discoverAll",
        RUN,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.discoverAll().tenant().equals(w.tenant(t)));
    row(
        "runs",
        RUN,
        Reach.TENANT_LEVEL,
        (se, w, t) -> se.runs(10).stream().anyMatch(r -> r.tenant().equals(w.tenant(t))));
    row(
        "feed",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.feed(FeedQuery.forProfile(w.profile(t).id()).build()).items().stream()
                .anyMatch(o -> o.id().equals(w.opportunity(t).id())));
    row(
        "findOpportunity",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> se.findOpportunity(w.opportunity(t).id()).isPresent());
    row(
        "feedback",
        FEEDBACK,
        Reach.SCOPED,
        (se, w, t) -> se.feedback(w.opportunity(t).id(), Feedback.save()) != null);
    row(
        "feedbackOf",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> se.feedbackOf(w.opportunity(t).id()) != null);
    row("push", PUSH, Reach.SCOPED, (se, w, t) -> se.push(w.opportunity(t).id(), "crm"));
    row(
        "outbox",
        OUTBOX_RETRY,
        Reach.TENANT_WIDE,
        (se, w, t) ->
            se.outbox(50).stream().anyMatch(e -> e.opportunityId().equals(w.opportunity(t).id())));
    row(
        "createTeam",
        TEAM_WRITE,
        Reach.TENANT_LEVEL,
        (se, w, t) -> se.createTeam("new team", ME).tenant().equals(w.tenant(t)));
    row(
        "findTeam",
        TEAM_READ,
        Reach.MEMBERSHIP,
        (se, w, t) -> se.findTeam(w.team(t).id()).isPresent());
    row(
        "listTeams",
        TEAM_READ,
        Reach.MEMBERSHIP,
        (se, w, t) -> se.listTeams().stream().anyMatch(x -> x.id().equals(w.team(t).id())));
    row(
        "addTeamMember",
        TEAM_WRITE,
        Reach.MEMBERSHIP,
        (se, w, t) -> se.addTeamMember(w.team(t).id(), "u-new").hasMember("u-new"));
    row(
        "share",
        TEAM_WRITE,
        Reach.SCOPED,
        (se, w, t) -> se.share(w.opportunity(t).id(), w.myTeam(t).id()) != null);
    row(
        "findShared",
        TEAM_READ,
        Reach.MEMBERSHIP,
        (se, w, t) -> se.findShared(w.sharedOpportunity(t), w.team(t).id()).isPresent());
    row(
        "teamFeed",
        TEAM_READ,
        Reach.MEMBERSHIP,
        (se, w, t) -> !se.teamFeed(w.team(t).id(), 10).isEmpty());
    row(
        "note",
        TEAM_WRITE,
        Reach.MEMBERSHIP,
        (se, w, t) -> !se.note(w.sharedOpportunity(t), w.team(t).id(), "hi").notes().isEmpty());
    row(
        "setTeamStatus",
        TEAM_WRITE,
        Reach.MEMBERSHIP,
        (se, w, t) ->
            se.setTeamStatus(w.sharedOpportunity(t), w.team(t).id(), TeamStatus.WORKING).status()
                == TeamStatus.WORKING);
    row(
        "health",
        HEALTH_READ,
        Reach.TENANT_LEVEL,
        (se, w, t) -> se.health().tenant().equals(w.tenant(t)));
    row(
        "analytics",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.analytics(T0, T0.plusSeconds(60)).tenant().equals(w.tenant(t)));
    row(
        "costs",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.costs(T0, T0.plusSeconds(60)).tenant().equals(w.tenant(t)));
    row(
        "auditOf",
        AUDIT_READ,
        Reach.SCOPED,
        (se, w, t) -> !se.auditOf("opportunity", w.opportunity(t).id().value(), 0, 10).isEmpty());
    row(
        "auditBy",
        AUDIT_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.auditBy(w.owner(t), 0, 10).stream().anyMatch(e -> e.tenant().equals(w.tenant(t))));
    row(
        "auditBetween",
        AUDIT_READ,
        Reach.TENANT_WIDE,
        (se, w, t) ->
            se.auditBetween(T0.minusSeconds(1), T0.plusSeconds(3600), 0, 100).stream()
                .anyMatch(e -> e.entityId().equals(w.opportunity(t).id().value())));
    row(
        "accounts.create",
        ACCOUNT_WRITE,
        Reach.SCOPED,
        (se, w, t) -> se.accounts().create(w.newAccount(t)).version() == 1);
    row(
        "accounts.update",
        ACCOUNT_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.accounts()
                    .update(Account.builder().from(w.account(t)).tier("enterprise").build())
                    .version()
                == 2);
    row(
        "accounts.reassign",
        ACCOUNT_ASSIGN,
        Reach.SCOPED,
        (se, w, t) ->
            se.accounts()
                    .reassign(w.account(t).id(), 1, w.owner(t), w.account(t).team(), "cover")
                    .version()
                == 2);
    row(
        "accounts.find",
        ACCOUNT_READ,
        Reach.SCOPED,
        (se, w, t) -> se.accounts().find(w.account(t).id()).isPresent());
    row(
        "accounts.list",
        ACCOUNT_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.accounts().list("", 100).items().stream()
                .anyMatch(a -> a.id().equals(w.account(t).id()) && a.tenant().equals(w.tenant(t))));
    row(
        "accounts.view",
        ACCOUNT_READ,
        Reach.SCOPED,
        (se, w, t) -> se.accounts().view(w.account(t).id()).account().tenant().equals(w.tenant(t)));
    row(
        "reviews.find",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> se.reviews().find(w.opportunity(t).id()).isPresent());
    row(
        "reviews.submit",
        REVIEW_REFINE,
        Reach.SCOPED,
        (se, w, t) ->
            se.reviews().submit(w.opportunity(t).id(), 1).state() == ReviewState.PENDING_REVIEW);
    row(
        "reviews.approve",
        REVIEW_DECIDE,
        Reach.SCOPED,
        (se, w, t) ->
            se.reviews().approve(w.opportunity(t).id(), w.submitted(t), Optional.empty()).state()
                == ReviewState.APPROVED);
    row(
        "reviews.reject",
        REVIEW_DECIDE,
        Reach.SCOPED,
        (se, w, t) ->
            se.reviews().reject(w.opportunity(t).id(), w.submitted(t), "not now").state()
                == ReviewState.REJECTED);
    row(
        "reviews.refine",
        REVIEW_REFINE,
        Reach.SCOPED,
        (se, w, t) ->
            se.reviews()
                    .refine(
                        w.opportunity(t).id(),
                        1,
                        Refinement.builder().narrative("Their CFO changed").build())
                    .state()
                == ReviewState.PENDING_REVIEW);
    row(
        "reviews.activate",
        PUSH,
        Reach.SCOPED,
        (se, w, t) ->
            se.reviews().activate(w.opportunity(t).id(), w.approved(t), "crm").state()
                == ReviewState.ACTIVATED);
    row(
        "reviews.history",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) -> !se.reviews().history(w.opportunity(t).id()).isEmpty());
    row(
        "reviews.list",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se
                .reviews()
                .list(EnumSet.allOf(ReviewState.class), Optional.empty(), 100)
                .items()
                .stream()
                .anyMatch(c -> c.opportunityId().equals(w.opportunity(t).id())));
    row(
        "reviews.stats",
        ANALYTICS_READ,
        Reach.SCOPED,
        (se, w, t) -> {
          w.rejected(t);
          return se.reviews().stats(T0, T0.plusSeconds(3600)).count(ReviewState.REJECTED) > 0;
        });
    row(
        "reviews.retryDelivery",
        OUTBOX_RETRY,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.reviews().retryDelivery(w.deadDelivery(t)).tenant().equals(w.tenant(t)));
    row(
        "records.jobs",
        HEALTH_READ,
        Reach.TENANT_LEVEL,
        (se, w, t) -> se.records().jobs().stream().anyMatch(j -> j.tenant().equals(w.tenant(t))));
    row(
        "records.health",
        HEALTH_READ,
        Reach.TENANT_LEVEL,
        (se, w, t) -> !se.records().health().isEmpty() && t != Target.OTHER_TENANT);
    row(
        "records.run",
        RUN,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.records().run("users") != null && t != Target.OTHER_TENANT);
    row(
        "records.backfill",
        RUN,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.records().backfill("users") != null && t != Target.OTHER_TENANT);
    row(
        "records.queue",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se
                .records()
                .queue(
                    QueueQuery.of("users", "unsigned_users", 50)
                        .owner(w.owner(t))
                        .activeSince(Instant.EPOCH))
                .stream()
                .anyMatch(r -> r.tenant().equals(w.tenant(t)) && r.key().equals(w.rowKey(t))));
    row(
        "records.conversions",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.records().conversions(0, 10) != null && t != Target.OTHER_TENANT);
    row(
        "records.queueChanges",
        FEED_READ,
        Reach.TENANT_WIDE,
        (se, w, t) -> !se.records().queueChanges("users", w.rowKey(t), 10).isEmpty());
  }

  /** Public methods of SecuredEngine that read no tenant data. */
  static final Set<String> NOT_DATA = Set.of("principal", "accounts", "reviews", "records");

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
    World w = new World();
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
    World w = new World(false);
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

  private static Object placeholder(Class<?> type, World w) {
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
    World w = new World();
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

  /** A tenant with data of two users in two teams, and another tenant. Fresh for every cell. */
  static final class World {
    final InMemoryStorage storage = InMemoryStorage.create();
    final MutableClock clock = MutableClock.at(T0);
    final DiscoveryEngine engine;
    DiscoveryEngine system;
    final Profile own;
    final Profile other;
    final Profile ext;
    final Opportunity oOwn;
    final Opportunity oOther;
    final Opportunity oExt;
    final Team t1;
    final Team t2;
    final Team tExt;
    final Account aOwn;
    final Account aOther;
    final Account aExt;

    World() {
      this(true);
    }

    World(boolean systemCalls) {
      DiscoveryEngine.Builder b =
          DiscoveryEngine.builder()
              .storage(storage)
              .clock(clock)
              .scorer(Scoring.defaults())
              .addSource(ScriptedSource.feed("news"))
              .addOpportunitySink(new Crm())
              .addRecordJob(usersJob(TENANT, users))
              .addRecordJob(usersJob(OTHER_TENANT, usersExt))
              .closeTimeout(Duration.ofSeconds(5));
      DiscoveryEngine setup = b.allowSystemCalls().build();
      own = setup.profiles().save(owned(TENANT, ME, "own"));
      other = setup.profiles().save(owned(TENANT, OTHER, "other"));
      ext = setup.profiles().save(owned(OTHER_TENANT, ME, "ext"));
      oOwn = storage.opportunities().save(opportunity(own, "o-own"));
      oOther = storage.opportunities().save(opportunity(other, "o-other"));
      oExt = storage.opportunities().save(opportunity(ext, "o-ext"));
      t1 = setup.teams().create(TENANT, "own team", ME, MATE);
      t2 = setup.teams().create(TENANT, "other team", OTHER);
      tExt = setup.teams().create(OTHER_TENANT, "ext team", ME);
      setup.teams().share(oOwn.id(), t1.id(), ME);
      setup.teams().share(oOther.id(), t2.id(), OTHER);
      setup.teams().share(oExt.id(), tExt.id(), ME);
      setup.feedback(oOwn.id(), Feedback.save());
      setup.feedback(oOther.id(), Feedback.save());
      setup.feedback(oExt.id(), Feedback.save());
      // Audit entries by each user about their opportunity.
      setup.as(Principal.of(ME, TENANT, "admin")).feedback(oOwn.id(), Feedback.save());
      setup.as(Principal.of(OTHER, TENANT, "admin")).feedback(oOther.id(), Feedback.save());
      setup.as(Principal.of(ME, OTHER_TENANT, "admin")).feedback(oExt.id(), Feedback.save());
      aOwn = setup.accounts().create(SYS, account(TENANT, "a-own", ME, t1.id()));
      aOther = setup.accounts().create(SYS, account(TENANT, "a-other", OTHER, t2.id()));
      aExt = setup.accounts().create(SYS, account(OTHER_TENANT, "a-ext", ME, tExt.id()));
      card(oOwn, aOwn);
      card(oOther, aOther);
      card(oExt, aExt);
      setup.push(oOwn.id(), "crm");
      setup.push(oOther.id(), "crm");
      setup.push(oExt.id(), "crm");
      users.put(
          new SourceRow("u1", T0, Map.of("status", "unsigned"), Optional.of(ME), Optional.empty()));
      users.put(
          new SourceRow(
              "u2", T0, Map.of("status", "unsigned"), Optional.of(OTHER), Optional.empty()));
      usersExt.put(
          new SourceRow("g1", T0, Map.of("status", "unsigned"), Optional.of(ME), Optional.empty()));
      setup.records().run(TENANT, "users");
      setup.records().run(OTHER_TENANT, "users");
      setup.discover(own.id());
      setup.discover(ext.id());
      setup.close();
      // Different versions of the same objects, so push dedupe does not hide a second push.
      storage
          .opportunities()
          .save(Opportunity.builder().from(own(oOwn)).signalHash("hash-v2").build());
      storage
          .opportunities()
          .save(Opportunity.builder().from(own(oOther)).signalHash("hash-v2").build());
      storage
          .opportunities()
          .save(Opportunity.builder().from(own(oExt)).signalHash("hash-v2").build());
      system = b.build();
      engine =
          systemCalls
              ? b.build()
              : DiscoveryEngine.builder()
                  .storage(storage)
                  .clock(clock)
                  .scorer(Scoring.defaults())
                  .build();
    }

    private void card(Opportunity o, Account a) {
      storage
          .reviews()
          .save(
              ReviewCard.builder()
                  .opportunityId(o.id())
                  .accountId(a.id())
                  .createdAt(T0)
                  .updatedAt(T0)
                  .build());
    }

    private static Account account(String tenant, String id, String owner, String team) {
      return Account.builder()
          .tenant(tenant)
          .id(id)
          .name("Company " + id)
          .owner(owner)
          .team(team)
          .createdAt(T0)
          .updatedAt(T0)
          .build();
    }

    Account account(Target t) {
      return t == Target.OWN ? aOwn : t == Target.OTHER_ACCOUNT ? aOther : aExt;
    }

    Account newAccount(Target t) {
      Account a = account(t);
      return Account.builder().from(a).id(a.id() + "-2").name(a.name() + " 2").version(0).build();
    }

    private Reviews reviews() {
      return system.reviews();
    }

    /** Submits the target's card; returns its version. */
    long submitted(Target t) {
      return reviews().submit(SYS, opportunity(t).id(), 1).version();
    }

    /** Submits and approves the target's card; returns its version. */
    long approved(Target t) {
      return reviews().approve(SYS, opportunity(t).id(), submitted(t), Optional.empty()).version();
    }

    void rejected(Target t) {
      reviews().reject(SYS, opportunity(t).id(), submitted(t), "no");
    }

    /** The id of the target's push delivery, marked DEAD. */
    String deadDelivery(Target t) {
      OutboxEntry e =
          storage.outbox().list(tenant(t), 100).stream()
              .filter(x -> x.opportunityId().equals(opportunity(t).id()))
              .findFirst()
              .orElseThrow();
      return storage
          .outbox()
          .save(OutboxEntry.builder().from(e).status(OutboxStatus.DEAD).build())
          .id();
    }

    final TableRecordSource users = TableRecordSource.named("users");
    final TableRecordSource usersExt = TableRecordSource.named("users");

    private static RecordJob usersJob(String tenant, TableRecordSource source) {
      return RecordJob.tracking(tenant, "users", source)
          .type("users")
          .cron("0 * * * *")
          .addQueue(new QueueRule("unsigned_users", States.is("status", "unsigned")))
          .build();
    }

    /** The key of the target's row in the users table. */
    String rowKey(Target t) {
      return t == Target.OWN ? "u1" : t == Target.OTHER_ACCOUNT ? "u2" : "g1";
    }

    private Opportunity own(Opportunity o) {
      return storage.opportunities().find(o.id()).orElseThrow();
    }

    Principal principal(String role) {
      Set<String> roles = role.equals("(none)") ? Set.of() : Set.of(role);
      return Principal.of(ME, TENANT, roles, Set.of(t1.id()));
    }

    String tenant(Target t) {
      return t == Target.OTHER_TENANT ? OTHER_TENANT : TENANT;
    }

    String owner(Target t) {
      return t == Target.OTHER_ACCOUNT ? OTHER : ME;
    }

    Profile profile(Target t) {
      return storage
          .profiles()
          .find((t == Target.OWN ? own : t == Target.OTHER_ACCOUNT ? other : ext).id())
          .orElseThrow();
    }

    Opportunity opportunity(Target t) {
      return t == Target.OWN ? oOwn : t == Target.OTHER_ACCOUNT ? oOther : oExt;
    }

    io.github.discoverysdk.model.OpportunityId sharedOpportunity(Target t) {
      return opportunity(t).id();
    }

    /** The team the target's data is shared with. */
    Team team(Target t) {
      return t == Target.OWN ? t1 : t == Target.OTHER_ACCOUNT ? t2 : tExt;
    }

    /** A team the principal is a member of, in the target's tenant. */
    Team myTeam(Target t) {
      return t == Target.OTHER_TENANT ? tExt : t1;
    }

    long denials() {
      return storage
          .audit()
          .byTime(TENANT, T0.minusSeconds(1), T0.plusSeconds(3600), 0, 1000)
          .stream()
          .filter(e -> e.action() == AuditAction.DENY)
          .count();
    }

    private static Profile owned(String tenant, String owner, String name) {
      return Profile.builder().from(Fixtures.profile(tenant, name)).owner(owner).build();
    }

    private static Opportunity opportunity(Profile p, String id) {
      return Fixtures.opportunity(
          io.github.discoverysdk.model.OpportunityId.of(p.tenant(), id),
          p.id(),
          SignalKey.of("news", id),
          60,
          T0);
    }
  }

  static final class Crm implements OpportunitySink {
    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity o, Profile p) {}
  }
}
