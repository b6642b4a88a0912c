package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.Storage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
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

  public static void main(String[] args) {
    Path data = Path.of(args.length > 0 ? args[0] : "discovery-data").toAbsolutePath();
    System.out.println("Data folder: " + data + " (delete it to reset the demo)");
    try (JdbcStorage storage = JdbcStorage.h2File(data)) {
      run(System.out, Clock.systemUTC(), storage);
    }
  }

  /** Runs the demo against {@code storage}, printing to {@code out}; returns the two reports. */
  static List<RunReport> run(PrintStream out, Clock clock, Storage storage) {
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .addSource(
                JsonFileSource.fromClasspath(
                    "demo-signals", Quickstart.class.getClassLoader(), SIGNAL_FILES))
            .scorer(Scoring.defaults())
            .clock(clock)
            .build()) {
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
      return List.of(first, second);
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
