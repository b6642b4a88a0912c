package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredSessions;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportResult;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionInsights;
import io.github.discoverysdk.spi.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A discovery session, end to end: a sales engineer starts a session with an account, answers a few
 * questions of the security vertical, adds notes, exports the session as JSON and CSV, and prints
 * the insights. Every call goes through {@code engine.as(principal)}.
 *
 * <p>Runs on an in-memory H2 database: {@code ./mvnw -q -B -pl samples/quickstart -am -DskipTests
 * package exec:java -Dsample.main=io.github.discoverysdk.samples.quickstart.SessionWalkthrough}.
 */
public final class SessionWalkthrough {
  private SessionWalkthrough() {}

  /** No arguments. */
  public static void main(String[] args) {
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      run(System.out, Clock.systemUTC(), storage);
    }
  }

  /** Runs the session against {@code storage}; returns its insights. */
  static SessionInsights run(PrintStream out, Clock clock, Storage storage) {
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .scorer(Scoring.defaults())
            .closeTimeout(Duration.ofSeconds(10))
            .build()) {
      Principal sam = Principal.of("sam", "demo", Set.of("account_manager"), Set.of("emea"));
      SecuredSessions sessions =
          engine
              .as(sam, RequestContext.of("198.51.100.23", "Mozilla/5.0 (demo)", "req-7"))
              .sessions();

      Session s = sessions.start("acc-globex", "Globex Corp", "security");
      out.println("Session " + s.id() + " with " + s.accountName() + ": " + s.status());
      sessions.answer(
          s.id(), "security.network", Answer.vendors(List.of("Palo Alto", "Fortinet")), 0);
      sessions.answer(
          s.id(),
          "security.endpoint",
          Answer.vendors(List.of("CrowdStrike", "Symantec"), List.of("In-house EDR")),
          0);
      sessions.answer(s.id(), "security.identity", Answer.vendors(List.of("Okta", "Azure AD")), 0);
      sessions.answer(
          s.id(),
          "security.sizing",
          Answer.sizing(Map.of("locations", 14.0, "endpoints", 5200.0, "users", 4800.0)),
          0);
      sessions.addNote(
          s.id(), NoteType.RISK, "Symantec renewal due in March", Optional.of("security.endpoint"));
      sessions.addNote(s.id(), NoteType.ACTION_ITEM, "Send the SASE comparison", Optional.empty());

      ExportResult json = sessions.export(s.id(), ExportFormat.JSON);
      ExportResult csv = sessions.export(s.id(), ExportFormat.CSV);
      out.println(
          "JSON export " + json.export().status() + ", " + json.content().length() + " characters");
      out.println("CSV export " + csv.export().status() + ":");
      out.print(csv.content());

      SessionInsights insights = sessions.insights(s.id());
      out.println("Vendors by category: " + insights.vendorsByCategory());
      insights.consolidation().forEach(c -> out.println("Consolidation candidate: " + c));
      insights.gaps().forEach(g -> out.println("Gap: " + g));
      out.println(
          "Maturity of "
              + insights.maturity().vertical()
              + ": "
              + insights.maturity().score()
              + "/100 because "
              + String.join("; ", insights.maturity().reasons()));
      insights
          .alternatives()
          .forEach((vendor, alts) -> out.println("Alternatives to " + vendor + ": " + alts));
      Session done = sessions.complete(s.id(), s.version());
      out.println("Session " + done.id() + " " + done.status() + " at " + done.completedAt().get());
      return insights;
    }
  }
}
