package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Account monitoring with review, end to end: an admin sets up an account, its account manager's
 * discovery run turns a signal about it into a card awaiting review, the manager refines it, their
 * manager approves it, the manager activates it in a CRM, and the card's history and the audit
 * trail are printed. Every call goes through {@code engine.as(principal)}: the engine is built
 * without trusted system calls, as a multi-user host should build it.
 *
 * <p>Runs on an in-memory H2 database: {@code ./mvnw -q -B -pl samples/quickstart -am -DskipTests
 * package exec:java -Dsample.main=io.github.discoverysdk.samples.quickstart.ReviewWalkthrough}.
 */
public final class ReviewWalkthrough {
  static final String TENANT = "demo";

  private ReviewWalkthrough() {}

  /** No arguments. */
  public static void main(String[] args) {
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      run(System.out, Clock.systemUTC(), storage);
    }
  }

  /** A CRM stand-in: records what it receives. A host plugs in HubSpotSink or SalesforceSink. */
  static final class DemoCrm implements OpportunitySink {
    final List<String> received = new ArrayList<>();

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public synchronized void accept(Opportunity opportunity, Profile profile) {
      received.add(opportunity.title());
    }
  }

  /** Walks one card through review against {@code storage}; returns the activated card. */
  static ReviewCard run(PrintStream out, Clock clock, Storage storage) {
    DemoCrm crm = new DemoCrm();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .addSource(
                JsonFileSource.fromClasspath(
                    "demo-signals",
                    ReviewWalkthrough.class.getClassLoader(),
                    Quickstart.SIGNAL_FILES))
            .scorer(Scoring.defaults())
            .addOpportunitySink(crm)
            .accessPolicy(AccessPolicy.defaults())
            .review(ReviewSettings.builder().escalateAfter(Duration.ofHours(24)).build())
            .closeTimeout(Duration.ofSeconds(10))
            .build()) {
      RequestContext web = RequestContext.of("198.51.100.23", "Mozilla/5.0 (demo)", "req-42");
      SecuredEngine admin = engine.as(Principal.of("root", TENANT, "admin"), web);
      SecuredEngine ana =
          engine.as(Principal.of("ana", TENANT, Set.of("account_manager"), Set.of("emea")), web);
      SecuredEngine mia =
          engine.as(Principal.of("mia", TENANT, Set.of("manager"), Set.of("emea")), web);

      out.println("== 1. The admin sets up the Stripe account for Ana, in team emea");
      Account stripe =
          admin
              .accounts()
              .create(
                  Account.builder()
                      .tenant(TENANT)
                      .id("acct-stripe")
                      .name("Stripe")
                      .addDomains("stripe.com")
                      .owner("ana")
                      .team("emea")
                      .manager("mia")
                      .tier("enterprise")
                      .putCrmIds("hubspot", "9001")
                      .createdAt(clock.instant())
                      .updatedAt(clock.instant())
                      .build());
      out.printf("account %s owned by %s, team %s%n", stripe.name(), stripe.owner(), "emea");

      out.println("== 2. Ana's discovery run turns signals about Stripe into cards for review");
      Profile fintech = ana.saveProfile(Quickstart.demoProfiles().get(0));
      RunReport run = ana.discover(fintech.id());
      out.printf("run %s: %d new opportunities%n", run.status(), run.opportunitiesNew());
      Page<ReviewCard> inbox =
          ana.reviews().list(EnumSet.of(ReviewState.PENDING_REVIEW), Optional.empty(), 10);
      out.printf("Ana's inbox: %d card(s) awaiting review%n", inbox.items().size());
      ReviewCard card = inbox.items().get(0);
      Opportunity opportunity = ana.findOpportunity(card.opportunityId()).orElseThrow();
      out.printf("card: %s (score %.0f)%n", opportunity.title(), opportunity.score().total());

      out.println("== 3. Ana refines it: a narrative and a score override with a reason");
      card =
          ana.reviews()
              .refine(
                  card.opportunityId(),
                  card.version(),
                  Refinement.builder()
                      .narrative("New payments lead in EMEA: intro through our Adyen champion.")
                      .scoreOverride(0.9)
                      .scoreReason("Renewal due next quarter")
                      .note("Call before the conference")
                      .build());
      out.printf("state %s, version %d%n", card.state(), card.version());

      out.println("== 4. Mia, manager of team emea, approves it");
      card = mia.reviews().approve(card.opportunityId(), card.version(), Optional.of("Go"));
      out.printf("state %s by %s%n", card.state(), card.decidedBy().orElse("?"));

      out.println("== 5. Ana activates it: pushed to the CRM through the outbox");
      card = ana.reviews().activate(card.opportunityId(), card.version(), crm.id());
      out.printf("state %s; the CRM received %s%n", card.state(), crm.received);

      out.println("== History of the card");
      for (AuditEntry e : ana.reviews().history(card.opportunityId())) {
        out.printf(
            "#%d %s %-8s by %-12s %s%s%n",
            e.sequence(),
            e.at(),
            e.action(),
            e.actor(),
            changes(e.changes()),
            e.reason().map(r -> " — " + r).orElse(""));
      }
      out.println("== Audit trail of the tenant (admin view)");
      for (AuditEntry e :
          admin.auditBetween(
              clock.instant().minusSeconds(60), clock.instant().plusSeconds(60), 0, 100)) {
        out.printf(
            "#%d %-8s %-12s %s/%s from %s%n",
            e.sequence(),
            e.action(),
            e.actor(),
            e.entityType(),
            e.entityId(),
            e.context().ip().orElse("-"));
      }
      return card;
    }
  }

  private static String changes(List<FieldChange> changes) {
    return changes.stream()
        .map(c -> c.field() + ": " + c.before().orElse("∅") + " → " + c.after().orElse("∅"))
        .collect(Collectors.joining("; "));
  }
}
