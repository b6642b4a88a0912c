package io.github.discoverysdk;

import static io.github.discoverysdk.AccessWorld.*;
import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Permission;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rows of the access matrix: one per public method of {@link SecuredEngine} and its facets. */
final class AccessMatrixRows {
  private AccessMatrixRows() {}

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

  @FunctionalInterface
  interface Call {
    /** Calls the method on the target's data; true if it reached it. */
    boolean reached(SecuredEngine se, AccessWorld w, Target t) throws Exception;
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
            se.outbox(50).stream()
                .anyMatch(e -> e.opportunityId().equals(Optional.of(w.opportunity(t).id()))));
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
        "insight.accountHealth",
        ACCOUNT_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.insight().accountHealth(w.account(t).id()).risks().get(RiskFlag.FUNDING).stream()
                .anyMatch(c -> c.opportunityId().equals(w.opportunity(t).id())));
    row(
        "insight.inboxStats",
        ANALYTICS_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.insight().inboxStats(w.cardedAt(t), w.cardedAt(t).plusSeconds(1)).cards() > 0);
    row(
        "insight.dashboard",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) ->
            se.insight().dashboard(w.cardedAt(t), w.cardedAt(t).plusSeconds(1)).cards() > 0);
    row(
        "insight.inbox",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.insight().inbox(InboxQuery.all(), Optional.empty(), 100).items().stream()
                .anyMatch(c -> c.opportunityId().equals(w.opportunity(t).id())));
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
    AccessMatrixDraftRows.add();
    // A scoped user never finds another account's card through search.
    row(
        "search.search",
        FEED_READ,
        Reach.SCOPED,
        (se, w, t) ->
            se.search().search("signal", Set.of(), Optional.empty(), 100).items().stream()
                .anyMatch(
                    h -> h.opportunityId().equals(Optional.of(w.opportunity(t).id().value()))));
    SessionAccessRows.add();
    DealAccessRows.add();
  }
}
