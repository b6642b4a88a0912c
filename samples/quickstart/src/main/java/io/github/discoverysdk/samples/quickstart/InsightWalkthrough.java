package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.draft.Citation;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.lucene.LuceneSearchIndex;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opportunity cards an account manager can act on: after a discovery run on the bundled signals,
 * Ana (account manager of Stripe) reads her inbox figures and Stripe's health with its risk flags,
 * filters her inbox by account, has the top card matched to a playbook with the reasons and its
 * outreach drafts written from the evidence, and searches her cards and drafts in full text; her
 * admin reads the tenant's dashboard with the signal-to-card latency. Every call goes through
 * {@code engine.as(principal)}.
 *
 * <p>Run it: {@code ./mvnw -q -B -pl samples/quickstart -am -DskipTests package exec:java
 * -Dsample.main=io.github.discoverysdk.samples.quickstart.InsightWalkthrough}.
 */
public final class InsightWalkthrough {
  static final String TENANT = "demo";

  private InsightWalkthrough() {}

  /** No arguments. */
  public static void main(String[] args) {
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      run(System.out, Clock.systemUTC(), storage);
    }
  }

  /** Runs the walkthrough on {@code storage}; returns the top card's drafts. */
  static List<Draft> run(PrintStream out, Clock clock, Storage storage) {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory();
        DiscoveryEngine engine =
            DiscoveryEngine.builder()
                .storage(storage)
                .clock(clock)
                .addSource(
                    JsonFileSource.fromClasspath(
                        "demo-signals",
                        InsightWalkthrough.class.getClassLoader(),
                        Quickstart.SIGNAL_FILES))
                .scorer(Scoring.defaults())
                .accessPolicy(AccessPolicy.defaults())
                .review(ReviewSettings.builder().escalateAfter(Duration.ofHours(24)).build())
                .searchIndex(index)
                .closeTimeout(Duration.ofSeconds(10))
                .build()) {
      RequestContext web = RequestContext.of("198.51.100.23", "Mozilla/5.0 (demo)", "req-7");
      SecuredEngine admin = engine.as(Principal.of("root", TENANT, "admin"), web);
      SecuredEngine ana =
          engine.as(Principal.of("ana", TENANT, Set.of("account_manager"), Set.of("emea")), web);
      Instant now = clock.instant();
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
                  .tier("enterprise")
                  .createdAt(now)
                  .updatedAt(now)
                  .build());
      Profile profile = ana.saveProfile(Quickstart.demoProfiles().get(0));
      ana.discover(profile.id());
      Instant until = clock.instant().plusSeconds(1); // the cards were carded during the run

      out.println("== Ana's inbox, last 30 days");
      InboxStats stats = ana.insight().inboxStats(until.minus(Duration.ofDays(30)), until);
      out.printf(
          "%d cards (%d new this week); by review state %s; by band %s; by urgency %s%n",
          stats.cards(),
          stats.newThisWeek(),
          stats.byState(),
          stats.byStrength(),
          stats.byUrgency());

      out.println("== Stripe's health");
      AccountHealth health = ana.insight().accountHealth("acct-stripe");
      out.printf("signals per week %s, trend %s%n", weeks(health), health.trend());
      health.risks().forEach((flag, cards) -> out.printf("risk %s: %s%n", flag, titles(cards)));
      out.printf("top open cards: %s%n", titles(health.topOpen()));

      out.println("== Ana's inbox filtered to Stripe, score 40 and up");
      Page<CardSummary> inbox =
          ana.insight()
              .inbox(
                  InboxQuery.builder().account("acct-stripe").minScore(40).build(),
                  Optional.empty(),
                  5);
      for (CardSummary c : inbox.items()) {
        out.printf(
            "  %-60s score %3.0f %-6s %s%n",
            c.title(), c.score(), c.strength(), c.reviewState().map(Enum::name).orElse("-"));
      }

      CardSummary top = inbox.items().get(0);
      out.println("== Playbook and drafts for: " + top.title());
      PlaybookMatch match = ana.drafts().match(top.opportunityId()).orElseThrow();
      out.printf("playbook %s, because %s%n", match.playbookName(), match.reasons());
      List<Draft> drafts = ana.drafts().generate(top.opportunityId(), Optional.empty());
      for (Draft d : drafts) {
        out.printf("-- %s draft v%d (%s)%n%s%n", d.channel(), d.version(), d.generator(), d.text());
        for (Citation c : d.citations()) {
          out.printf("   cites %s %s%n", c.signalKey(), c.url().map(Object::toString).orElse(""));
        }
      }

      out.println("== Ana searches \"stripe payments\" across her cards, signals and drafts");
      for (SearchHit h :
          ana.search().search("stripe payments", Set.of(), Optional.empty(), 5).items()) {
        out.printf("  %-11s %s — %s%n", h.kind(), h.title(), String.join(" … ", h.highlights()));
      }

      out.println("== The tenant's dashboard (admin), last 30 days");
      Dashboard d = admin.insight().dashboard(until.minus(Duration.ofDays(30)), until);
      out.printf(
          "%d cards in %d accounts; with evidence %d, with a score breakdown %d;"
              + " signal-to-card latency P50 %s, P95 %s%n",
          d.cards(),
          d.accounts(),
          d.withEvidence(),
          d.withBreakdown(),
          d.p50Latency().map(Object::toString).orElse("-"),
          d.p95Latency().map(Object::toString).orElse("-"));
      return drafts;
    }
  }

  private static List<Long> weeks(AccountHealth health) {
    return health.weeks().stream().map(AccountHealth.Week::signals).toList();
  }

  private static List<String> titles(List<CardSummary> cards) {
    return cards.stream().map(CardSummary::title).toList();
  }
}
