package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.SourceRow;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExportSink;
import io.github.discoverysdk.session.SessionView;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MemorySearchIndex;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant with data of two users in two teams, and another tenant: the world of the access matrix,
 * fresh for every cell.
 */
/** A tenant with data of two users in two teams, and another tenant. Fresh for every cell. */
final class AccessWorld {
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

  final InMemoryStorage storage = InMemoryStorage.create();
  final MemorySearchIndex searchIndex = new MemorySearchIndex();
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
  final Session sOwn;
  final Session sOther;
  final Session sExt;

  AccessWorld() {
    this(true);
  }

  AccessWorld(boolean systemCalls) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .scorer(Scoring.defaults())
            .addSource(ScriptedSource.feed("news"))
            .addOpportunitySink(new Crm())
            .addSessionExportSink(new SessionCrm())
            .addRecordJob(usersJob(TENANT, users))
            .addRecordJob(usersJob(OTHER_TENANT, usersExt))
            .searchIndex(searchIndex)
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
    sOwn = session(setup, aOwn);
    sOther = session(setup, aOther);
    sExt = session(setup, aExt);
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
    setup.search().rebuild(TENANT);
    setup.search().rebuild(OTHER_TENANT);
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
    storage
        .insight()
        .recordAll(
            List.of(
                new CardInsight(
                    o.id(),
                    Optional.of(a.id()),
                    "news",
                    T0.minusSeconds(60),
                    T0.minusSeconds(30),
                    cardedAt(o),
                    Set.of(RiskFlag.FUNDING),
                    true,
                    true)));
  }

  /** When the card of the target's opportunity was created: a second apart per target. */
  Instant cardedAt(Target t) {
    return cardedAt(opportunity(t));
  }

  private Instant cardedAt(Opportunity o) {
    return T0.plusSeconds(o == oOwn ? 0 : o == oOther ? 1 : 2);
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

  /** A session of the account's owner, with a response and a note. */
  private static Session session(DiscoveryEngine setup, Account a) {
    Sessions sessions = setup.sessions();
    Session s = sessions.start(SYS, a.tenant(), a.owner(), a.id(), a.name(), "security");
    sessions.answer(
        SYS, a.tenant(), s.id(), "security.network", Answer.vendors(List.of("Fortinet")), 0);
    sessions.notes().add(SYS, a.tenant(), s.id(), NoteType.RISK, "renewal", Optional.empty());
    return s;
  }

  /** The target's session as stored. */
  Session session(Target t) {
    Session s = t == Target.OWN ? sOwn : t == Target.OTHER_ACCOUNT ? sOther : sExt;
    return storage.sessions().find(s.tenant(), s.id()).orElseThrow();
  }

  /** The target's session, completed by the system. */
  Session completedSession(Target t) {
    Session s = session(t);
    return system.sessions().complete(SYS, s.tenant(), s.id(), s.version());
  }

  /** The note of the target's session. */
  Note note(Target t) {
    Session s = session(t);
    return storage.sessions().notes(s.tenant(), s.id()).get(0);
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
            .filter(x -> x.opportunityId().equals(Optional.of(opportunity(t).id())))
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

  /** A CRM that keeps one record per session, keyed by the session. */
  static final class SessionCrm implements SessionExportSink {
    @Override
    public String id() {
      return "crm";
    }

    @Override
    public String export(String tenant, SessionView view, Catalogue catalogue) {
      return "rec-" + view.session().id();
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
