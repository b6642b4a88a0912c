package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.RateLimit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import io.github.discoverysdk.connectors.sinks.IcsExport;
import io.github.discoverysdk.connectors.sinks.SlackWebhookSink;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The quickstart: three demo profiles, a discovery run over the bundled offline signals, the feed
 * of each profile as a table with its score breakdown and timing, and a second run that shows
 * discovery is incremental and idempotent.
 *
 * <p>Data lives in an embedded H2 database in the folder given as the first argument (default
 * {@code discovery-data} in the working directory), so it survives between invocations: the next
 * invocation processes only what changed at the source. Delete the folder to reset the demo.
 */
public final class Quickstart {
  static final String TENANT = "demo";
  static final String[] SIGNAL_FILES = {
    "signals/events.json",
    "signals/news.json",
    "signals/jobs.json",
    "signals/funding.json",
    "signals/filings.json"
  };

  private Quickstart() {}

  /**
   * Where the demo also delivers its STRONG opportunities: a Slack-shaped incoming webhook and an
   * iCalendar file of outreach dates, both optional.
   *
   * @param slackWebhook the webhook URL, if any
   * @param allowLoopback whether the webhook may be on this machine (a local demo receiver); the
   *     SDK refuses loopback and private addresses otherwise
   * @param ics where to write the calendar, if anywhere
   * @param slackRate how fast messages may go out; Slack allows about one a second
   */
  record Delivery(
      Optional<String> slackWebhook,
      boolean allowLoopback,
      Optional<Path> ics,
      RateLimit slackRate) {
    static Delivery none() {
      return new Delivery(Optional.empty(), false, Optional.empty(), RateLimit.perSecond(1));
    }
  }

  /**
   * Arguments: {@code [data-folder] [--slack-webhook URL] [--allow-local-webhook] [--ics FILE]}.
   */
  public static void main(String[] args) {
    Path data = Path.of("discovery-data");
    Optional<String> slack = Optional.empty();
    Optional<Path> ics = Optional.empty();
    boolean local = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--slack-webhook" -> slack = Optional.of(value(args, ++i, "--slack-webhook"));
        case "--ics" -> ics = Optional.of(Path.of(value(args, ++i, "--ics")));
        case "--allow-local-webhook" -> local = true;
        default -> data = Path.of(args[i]);
      }
    }
    data = data.toAbsolutePath();
    System.out.println("Data folder: " + data + " (delete it to reset the demo)");
    try (JdbcStorage storage = JdbcStorage.h2File(data)) {
      run(
          System.out,
          Clock.systemUTC(),
          storage,
          new Delivery(slack, local, ics, RateLimit.perSecond(1)));
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** Runs the demo against {@code storage}, printing to {@code out}; returns the two reports. */
  static List<RunReport> run(PrintStream out, Clock clock, Storage storage) {
    return run(out, clock, storage, Delivery.none());
  }

  /** Runs the demo, delivering STRONG opportunities as {@code delivery} says. */
  static List<RunReport> run(PrintStream out, Clock clock, Storage storage, Delivery delivery) {
    DiscoveryEngine.Builder builder =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(
                JsonFileSource.fromClasspath(
                    "demo-signals", Quickstart.class.getClassLoader(), SIGNAL_FILES))
            .scorer(Scoring.defaults())
            .clock(clock)
            // Shows where a run stands once it has taken longer than a second.
            .addRunListener(new ProgressPrinter(out, Duration.ofSeconds(1), System::nanoTime));
    if (delivery.slackWebhook().isPresent()) {
      HttpToolkit http =
          HttpToolkit.builder()
              .urlGuard(
                  delivery.allowLoopback()
                      ? UrlGuard.strict().allowingHosts("127.0.0.1", "localhost")
                      : UrlGuard.strict())
              .build();
      // The HTTP layer paces and times out on real time, whatever clock the demo runs on.
      SlackWebhookSink slack =
          SlackWebhookSink.builder()
              .webhookUrl(Secret.of(delivery.slackWebhook().get()))
              .http(http)
              .rateLimit(delivery.slackRate())
              .build();
      // Every STRONG opportunity goes to Slack through the outbox: at least once, no duplicates.
      builder.addOpportunitySink(slack).pushWhen(slack.id(), PushRule.strong());
    }
    try (DiscoveryEngine engine = builder.build()) {
      List<Profile> profiles = saveDemoProfiles(engine);

      out.println("== Discovery run 1 of 2");
      RunReport first = engine.discoverAll(TENANT);
      for (Profile p : profiles) {
        printFeed(out, engine, p);
      }
      out.println();
      out.print(first.summary());
      out.printf("%d new opportunities%n%n", first.opportunitiesNew());

      out.println("== Discovery run 2 of 2 (nothing changed at the source since run 1)");
      RunReport second = engine.discoverAll(TENANT);
      out.print(second.summary());
      out.printf(
          "%d new opportunities, %d updated: no duplicates%n",
          second.opportunitiesNew(), second.opportunitiesUpdated());
      deliver(out, clock, engine, delivery);
      return List.of(first, second);
    }
  }

  private static void deliver(
      PrintStream out, Clock clock, DiscoveryEngine engine, Delivery delivery) {
    if (delivery.slackWebhook().isPresent()) {
      long sent =
          engine.outbox(TENANT, 1_000).stream()
              .filter(e -> e.status() == OutboxStatus.SENT)
              .count();
      out.printf("%nSlack: %d STRONG opportunities delivered to the webhook%n", sent);
    }
    if (delivery.ics().isPresent()) {
      List<Opportunity> strong =
          engine
              .feed(
                  FeedQuery.forTenant(TENANT)
                      .addStrengths(SignalStrength.STRONG)
                      .limit(FeedQuery.MAX_LIMIT)
                      .build())
              .items();
      try {
        IcsExport.builder().clock(clock).build().write(strong, delivery.ics().get());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + delivery.ics().get(), e);
      }
      out.printf(
          "Calendar: %d outreach dates written to %s%n", strong.size(), delivery.ics().get());
    }
  }

  private static List<Profile> saveDemoProfiles(DiscoveryEngine engine) {
    List<Profile> saved = new ArrayList<>();
    for (Profile p : demoProfiles()) {
      Optional<Profile> existing = engine.profiles().find(p.id());
      saved.add(existing.orElseGet(() -> engine.profiles().save(p)));
    }
    return saved;
  }

  static List<Profile> demoProfiles() {
    Profile fintech =
        Profile.builder()
            .tenant(TENANT)
            .id(ProfileId.of(TENANT, "fintech-emea"))
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
            .build();
    Profile data =
        Profile.builder()
            .tenant(TENANT)
            .id(ProfileId.of(TENANT, "data-infra-na"))
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
            .build();
    Profile revenue =
        Profile.builder()
            .tenant(TENANT)
            .id(ProfileId.of(TENANT, "revenue-tech"))
            .owner("chloe")
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
            .build();
    return List.of(fintech, data, revenue);
  }

  private static void printFeed(PrintStream out, DiscoveryEngine engine, Profile profile) {
    List<Opportunity> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<Opportunity> page =
          engine.feed(
              FeedQuery.forProfile(profile.id())
                  .sortBy(FeedSort.RELEVANCE)
                  .limit(10)
                  .cursor(cursor)
                  .build());
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());

    out.printf("%n-- %s: %d opportunities%n", profile.name(), all.size());
    out.printf(
        "%-6s %-6s %-8s %-10s %-13s %-44s %s%n",
        "score", "band", "urgency", "outreach", "company", "signal", "why");
    for (Opportunity o : all) {
      out.printf(
          "%6.1f %-6s %-8s %-10s %-13s %-44s %s%n",
          o.score().total(),
          o.strength(),
          o.temporal().urgency(),
          o.temporal().outreachDate().map(Object::toString).orElse("-"),
          clip(o.company().orElse("-"), 13),
          clip("[" + o.signalType() + "] " + o.title(), 44),
          why(o));
      out.printf(
          "%7s breakdown: %s | %s%n",
          "",
          o.score().factors().stream()
              .map(f -> String.format(Locale.ROOT, "%s %.2f", f.name(), f.contribution()))
              .collect(Collectors.joining(" + ")),
          o.temporal().recommendedAction());
    }
  }

  /** The evidence (impact) and the most telling other reason. */
  private static String why(Opportunity o) {
    String impact =
        o.score().factors().stream()
            .filter(f -> f.name().equals("impact"))
            .findFirst()
            .map(f -> f.reason())
            .orElse("");
    String top = o.score().reasons().get(0);
    return top.equals(impact) ? impact : impact + "; " + top;
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
