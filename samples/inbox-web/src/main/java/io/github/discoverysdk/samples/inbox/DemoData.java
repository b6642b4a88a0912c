package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo at start, once per database: accounts with owners, the quickstart's three
 * profiles, a discovery run over the offline signals, review decisions (one card refined and
 * approved, one rejected), a discovery session and the bundled closed deals ({@link DemoDeals}).
 * Skipped when the Stripe account exists. Off with {@code inbox.seed-demo=false}.
 */
@Component
@ConditionalOnProperty(name = "inbox.seed-demo", havingValue = "true", matchIfMissing = true)
public class DemoData implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  private static final String T = EngineWiring.TENANT;

  private final DiscoveryEngine engine;
  private final Storage storage;
  private final Clock clock;

  /** Seeds {@code engine}, and its {@code storage} with the closed deals. */
  public DemoData(DiscoveryEngine engine, Storage storage, Clock clock) {
    this.engine = engine;
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    SecuredEngine admin = as("admin");
    if (admin.accounts().find("acct-stripe").isPresent()) {
      LOG.info("Demo data already there; delete target/inbox-db* to reset it");
      return;
    }
    account(admin, "acct-stripe", "Stripe", "stripe.com", "ana", "emea", "enterprise");
    account(admin, "acct-adyen", "Adyen", "adyen.com", "ana", "emea", "enterprise");
    account(admin, "acct-klarna", "Klarna", "klarna.com", "mia", "emea", "standard");
    account(admin, "acct-snowflake", "Snowflake", "snowflake.com", "ben", "na", "enterprise");
    account(admin, "acct-databricks", "Databricks", "databricks.com", "ben", "na", "standard");
    for (Profile p : profiles()) {
      as(p.owner()).saveProfile(p);
    }
    RunReport run = admin.discoverAll();
    LOG.info("Demo discovery run {}: {} new opportunities", run.status(), run.opportunitiesNew());
    review();
    session();
    admin.createTeam("EMEA sellers", "ana", "mia", "vic");
    var deals = DemoDeals.importInto(storage, clock, T);
    LOG.info("Demo closed deals: {} imported, {} rejected", deals.deals(), deals.rejected().size());
  }

  private void review() {
    SecuredEngine ana = as("ana");
    List<ReviewCard> fresh =
        ana.reviews().list(EnumSet.of(ReviewState.NEW), Optional.empty(), 3).items();
    for (ReviewCard c : fresh) {
      ana.reviews().submit(c.opportunityId(), c.version());
    }
    List<ReviewCard> pending =
        ana.reviews().list(EnumSet.of(ReviewState.PENDING_REVIEW), Optional.empty(), 2).items();
    if (!pending.isEmpty()) {
      ReviewCard first = pending.get(0);
      ReviewCard refined =
          ana.reviews()
              .refine(
                  first.opportunityId(),
                  first.version(),
                  Refinement.builder()
                      .narrative("Payments expansion in EMEA: intro through our Adyen champion.")
                      .note("Call before the conference")
                      .build());
      as("mia").reviews().approve(refined.opportunityId(), refined.version(), Optional.of("Go"));
    }
    if (pending.size() > 1) {
      ReviewCard second = pending.get(1);
      as("mia")
          .reviews()
          .reject(second.opportunityId(), second.version(), "Already in touch through a partner");
    }
  }

  private void session() {
    var sessions = as("ana").sessions();
    Session s = sessions.start("acct-stripe", "Stripe", "security");
    sessions.answer(
        s.id(), "security.network", Answer.vendors(List.of("Palo Alto", "Fortinet")), 0);
    sessions.answer(s.id(), "security.identity", Answer.vendors(List.of("Okta")), 0);
    sessions.addNote(
        s.id(), NoteType.RISK, "Firewall renewal due in March", Optional.of("security.network"));
  }

  private SecuredEngine as(String user) {
    Principal p = DemoUsers.principal(user);
    return engine.as(p, RequestContext.of("127.0.0.1", "inbox-web seed", "seed-" + user));
  }

  private void account(
      SecuredEngine admin,
      String id,
      String name,
      String domain,
      String owner,
      String team,
      String tier) {
    Instant now = clock.instant();
    Account.Builder a =
        Account.builder()
            .tenant(T)
            .id(id)
            .name(name)
            .addDomains(domain)
            .owner(owner)
            .team(team)
            .tier(tier)
            .createdAt(now)
            .updatedAt(now);
    if (team.equals("emea")) {
      a.manager("mia");
    }
    admin.accounts().create(a.build());
  }

  /** The quickstart's profiles, owned by the demo users. */
  static List<Profile> profiles() {
    return List.of(
        Profile.builder()
            .tenant(T)
            .id(ProfileId.of(T, "fintech-emea"))
            .owner("ana")
            .name("Fintech payments EMEA")
            .addWatchlist(
                Company.of("Stripe", "stripe.com"),
                Company.of("Adyen", "adyen.com"),
                Company.of("Checkout.com", "checkout.com"),
                Company.of("Klarna", "klarna.com"),
                Company.of("Revolut", "revolut.com"))
            .addCompetitors("Worldline")
            .addIndustries("fintech")
            .addRegions("EMEA", "Europe")
            .addTargetTitles("VP Sales", "Chief Revenue Officer", "Head of Payments")
            .build(),
        Profile.builder()
            .tenant(T)
            .id(ProfileId.of(T, "data-infra-na"))
            .owner("ben")
            .name("Data infrastructure NA")
            .addWatchlist(
                Company.of("Snowflake", "snowflake.com"),
                Company.of("Databricks", "databricks.com"),
                Company.of("Datadog", "datadoghq.com"),
                Company.of("Confluent", "confluent.io"),
                Company.of("MongoDB", "mongodb.com"))
            .addCompetitors("Teradata")
            .addKeywords("data platform")
            .addIndustries("data infrastructure")
            .addRegions("North America")
            .addTargetTitles("VP Engineering", "Chief Data Officer", "CTO")
            .build(),
        Profile.builder()
            .tenant(T)
            .id(ProfileId.of(T, "revenue-tech"))
            .owner("mia")
            .name("Revenue tech")
            .addWatchlist(
                Company.of("Gong", "gong.io"),
                Company.of("Outreach", "outreach.io"),
                Company.of("Salesloft", "salesloft.com"),
                Company.of("HubSpot", "hubspot.com"),
                Company.of("Clari", "clari.com"))
            .addCompetitors("Salesforce")
            .addKeywords("revenue operations")
            .addIndustries("sales technology")
            .addTargetTitles("Head of Revenue Operations", "VP Sales", "CRO")
            .build());
  }
}
