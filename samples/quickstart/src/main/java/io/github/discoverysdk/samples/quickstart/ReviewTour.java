package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Account monitoring with review, on the quickstart's offline signals: Stripe is an account of the
 * AM {@code ana}; the run cards its opportunities for review; one card is refined, approved and
 * activated (pushed to a stand-in CRM through the outbox); then its history and the audit trail are
 * printed. In memory: the JDBC stores of accounts, cards and audit come separately.
 */
public final class ReviewTour {
  private ReviewTour() {}

  /** A CRM stand-in that keeps what it was sent. */
  static final class DemoCrm implements OpportunitySink {
    final Map<String, Opportunity> records = new ConcurrentHashMap<>();

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity opportunity, Profile profile) {
      records.put(opportunity.id().value(), opportunity);
    }
  }

  public static void main(String[] args) {
    run(System.out, Clock.systemUTC());
  }

  /** Runs the tour, printing to {@code out}; returns the activated card. */
  static ReviewCard run(PrintStream out, Clock clock) {
    DemoCrm crm = new DemoCrm();
    InMemoryStorage storage = InMemoryStorage.create();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .addSource(
                JsonFileSource.fromClasspath(
                    "demo-signals", ReviewTour.class.getClassLoader(), Quickstart.SIGNAL_FILES))
            .scorer(Scoring.defaults())
            .clock(clock)
            .addOpportunitySink(crm)
            .review(ReviewSettings.defaults())
            .build()) {
      Actor ana = Actor.user("ana", RequestContext.of("192.0.2.10", "review-tour", "req-1"));
      Actor mia = Actor.user("mia", RequestContext.of("192.0.2.11", "review-tour", "req-2"));
      Instant now = clock.instant();
      engine
          .accounts()
          .create(
              ana,
              Account.builder()
                  .tenant(Quickstart.TENANT)
                  .id("acc-stripe")
                  .name("Stripe")
                  .addDomains("stripe.com")
                  .owner("ana")
                  .team("emea")
                  .manager("mia")
                  .tier("enterprise")
                  .createdAt(now)
                  .updatedAt(now)
                  .build());
      for (Profile p : Quickstart.demoProfiles()) {
        engine.profiles().save(p);
      }
      engine.discoverAll(Quickstart.TENANT);

      List<ReviewCard> inbox =
          engine
              .reviews()
              .list(
                  Quickstart.TENANT,
                  AccessScope.of("ana", java.util.Set.of()),
                  java.util.Set.of(ReviewState.PENDING_REVIEW),
                  Optional.empty(),
                  50)
              .items();
      out.printf("== ana's inbox: %d card(s) awaiting review%n", inbox.size());
      ReviewCard card = inbox.get(0);
      Opportunity o = engine.findOpportunity(card.opportunityId()).orElseThrow();
      out.printf("card %s: %s%n", card.opportunityId(), o.title());

      card =
          engine
              .reviews()
              .refine(
                  ana,
                  card.opportunityId(),
                  card.version(),
                  Refinement.builder()
                      .narrative("Stripe is expanding: pitch the payouts integration")
                      .scoreOverride(0.9)
                      .scoreReason("their CFO asked for a call last week")
                      .note("loop in the solutions engineer")
                      .build());
      card =
          engine
              .reviews()
              .approve(mia, card.opportunityId(), card.version(), Optional.of("strong fit"));
      card = engine.reviews().activate(ana, card.opportunityId(), card.version(), "crm");
      out.printf("card is %s; the CRM holds %d record(s)%n%n", card.state(), crm.records.size());

      out.println("== history of the card");
      for (AuditEntry e : engine.reviews().history(card.opportunityId())) {
        out.printf(
            "#%d %s %-8s by %-12s %s%s%n",
            e.sequence(),
            e.at(),
            e.action(),
            e.actor(),
            changes(e.changes()),
            e.reason().map(r -> "  reason: " + r).orElse(""));
      }
      out.println();
      out.println("== audit trail of the tenant");
      // The storage's audit log, read by time: the engine appended every entry in its change's
      // transaction.
      for (AuditEntry e :
          storage
              .audit()
              .byTime(Quickstart.TENANT, Instant.EPOCH, clock.instant().plusSeconds(1), 0, 500)) {
        out.printf(
            "#%d %-11s %-12s %-8s by %s%n",
            e.sequence(), e.entityType(), clip(e.entityId()), e.action(), e.actor());
      }
      return card;
    }
  }

  private static String changes(List<FieldChange> changes) {
    return changes.stream()
        .map(c -> c.field() + ": " + c.before().orElse("-") + " -> " + clip(c.after().orElse("-")))
        .collect(Collectors.joining(", "));
  }

  private static String clip(String s) {
    return s.length() <= 24 ? s : s.substring(0, 23) + "…";
  }
}
