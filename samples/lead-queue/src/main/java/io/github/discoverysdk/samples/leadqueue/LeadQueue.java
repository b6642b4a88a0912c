package io.github.discoverysdk.samples.leadqueue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.jdbc.JdbcRecordSource;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.DerivedField;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Storage;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The lead-queue sample: a call centre's system of record (users, claims, claim requirements) is
 * tracked incrementally by four hourly jobs staggered at :00, :15, :30 and :45 and daily aging jobs
 * at 02:00 (one per record type; the requirements' one recomputes their hours outstanding and
 * escalates those past 72 h), each one builder call. A generator makes users sign and requirements
 * get approved over simulated hours; at the end the sample prints each job's health and the
 * conversions found, next to the number the generator made.
 *
 * <pre>
 * ./mvnw -q -B -pl samples/lead-queue -am -DskipTests package exec:java
 * ... -Dexec.args="--replica-url jdbc:mariadb://127.0.0.1:3306/demo?user=root --store-url jdbc:postgresql://127.0.0.1/test"
 * </pre>
 *
 * By default both sides are embedded H2 databases in memory, the record side in MySQL mode.
 */
public final class LeadQueue {
  static final String TENANT = "callcentre";
  static final Instant START = Instant.parse("2026-11-23T06:00:00Z");

  private LeadQueue() {}

  /** What a run of the sample found, for its test. */
  record Result(
      long signingsMade,
      long approvalsMade,
      List<Conversion> conversions,
      List<RecordJobHealth> health,
      long unsignedQueue) {}

  public static void main(String[] args) throws Exception {
    String replicaUrl =
        "jdbc:h2:mem:lead-queue-replica;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    String storeUrl = null;
    int users = 2_000;
    int hours = 6;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--replica-url" -> replicaUrl = value(args, ++i, "--replica-url");
        case "--store-url" -> storeUrl = value(args, ++i, "--store-url");
        case "--users" -> users = Integer.parseInt(value(args, ++i, "--users"));
        case "--hours" -> hours = Integer.parseInt(value(args, ++i, "--hours"));
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; use --replica-url, --store-url, --users, --hours");
      }
    }
    try (HikariDataSource replica = pool(replicaUrl);
        HikariDataSource storePool = storeUrl == null ? null : pool(storeUrl);
        JdbcStorage storage =
            storePool == null
                ? JdbcStorage.h2InMemory()
                : JdbcStorage.builder().dataSource(storePool).build()) {
      if (storePool != null) {
        storage.migrate();
      }
      run(
          System.out,
          replica,
          replicaUrl.startsWith("jdbc:mariadb:") || replicaUrl.startsWith("jdbc:mysql:"),
          storage,
          users,
          hours);
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** The sample's six jobs, as a host declares them. */
  static List<RecordJob> jobs(DataSource replica) {
    JdbcRecordSource usersCreated =
        JdbcRecordSource.builder()
            .id("users-created")
            .dataSource(replica)
            .table("users")
            .keyColumn("id")
            .timestampColumn("created_at")
            .stateColumns("status")
            .ownerColumn("agent")
            .activityColumn("last_called_at")
            .build();
    JdbcRecordSource usersUpdated =
        JdbcRecordSource.builder()
            .id("users-updated")
            .dataSource(replica)
            .table("users")
            .keyColumn("id")
            .timestampColumn("updated_at")
            .stateColumns("status")
            .ownerColumn("agent")
            .activityColumn("last_called_at")
            .build();
    JdbcRecordSource requirementsCreated =
        JdbcRecordSource.builder()
            .id("requirements-created")
            .dataSource(replica)
            .table("claim_requirements")
            .keyColumn("id")
            .timestampColumn("created_at")
            .stateColumns("status")
            .build();
    JdbcRecordSource requirementsUpdated =
        JdbcRecordSource.builder()
            .id("requirements-updated")
            .dataSource(replica)
            .table("claim_requirements")
            .keyColumn("id")
            .timestampColumn("updated_at")
            .stateColumns("status")
            .build();
    QueueRule unsignedUsers = new QueueRule("unsigned_users", States.is("status", "unsigned"));
    QueueRule outstanding =
        new QueueRule("requirements_outstanding", States.is("status", "outstanding"));
    // A time-based field: the hours a requirement has been outstanding since the engine first saw
    // it (the new-requirements job sees it within the hour of its creation). Every job of the type
    // declares it, so the record's state is the same whichever job wrote it last; the daily aging
    // job recomputes it and escalates the requirements outstanding for 72 h or more.
    DerivedField hoursOutstanding =
        DerivedField.hoursSince(
            "hours_outstanding",
            r ->
                "outstanding".equals(r.state().get("status"))
                    ? Optional.of(r.firstSeenAt())
                    : Optional.empty());
    QueueRule escalated =
        new QueueRule("requirements_escalated", States.atLeast("hours_outstanding", 72));
    return List.of(
        RecordJob.newRecords(TENANT, "new-users", usersCreated)
            .type("users")
            .cron("0 * * * *")
            .addQueue(unsignedUsers)
            .build(),
        RecordJob.newRecords(TENANT, "new-requirements", requirementsCreated)
            .type("requirements")
            .cron("15 * * * *")
            .addDerived(hoursOutstanding)
            .addQueue(escalated)
            .addQueue(outstanding)
            .build(),
        RecordJob.tracking(TENANT, "unsigned-conversions", usersUpdated)
            .type("users")
            .cron("30 * * * *")
            .addTransition(
                new TransitionRule(
                    "signed",
                    States.is("status", "unsigned"),
                    States.is("status", "signed"),
                    "signed",
                    1.0))
            .addQueue(unsignedUsers)
            .build(),
        RecordJob.tracking(TENANT, "requirements-conversions", requirementsUpdated)
            .type("requirements")
            .cron("45 * * * *")
            .addTransition(
                new TransitionRule(
                    "approved",
                    States.is("status", "outstanding"),
                    States.is("status", "approved"),
                    "approved",
                    1.0))
            .addDerived(hoursOutstanding)
            .addQueue(escalated)
            .addQueue(outstanding)
            .build(),
        RecordJob.aging(TENANT, "aging", "users")
            .cron("0 2 * * *")
            .addQueue(unsignedUsers)
            .maxQueueAge(Duration.ofDays(14))
            .build(),
        RecordJob.aging(TENANT, "aging-requirements", "requirements")
            .cron("0 2 * * *")
            .addDerived(hoursOutstanding)
            .addQueue(escalated)
            .addQueue(outstanding)
            .maxQueueAge(Duration.ofDays(30))
            .build());
  }

  static Result run(
      PrintStream out,
      DataSource replica,
      boolean mariaDb,
      Storage storage,
      int userCount,
      int hours)
      throws SQLException {
    SimulatedClock clock = new SimulatedClock(START);
    SystemOfRecord sor = new SystemOfRecord(replica, mariaDb, 13);
    sor.create();
    sor.seed(userCount, START);
    DiscoveryEngine.Builder builder =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock);
    jobs(replica).forEach(builder::addRecordJob);
    try (DiscoveryEngine engine = builder.build()) {
      out.printf("System of record: %d users. Backfilling once...%n", sor.userCount());
      for (String job : List.of("unsigned-conversions", "requirements-conversions")) {
        RecordJobHealth h;
        do {
          h = engine.records().backfill(TENANT, job);
        } while (!h.backfillDone());
      }
      int newUsersPerHour = Math.max(1, userCount / 100);
      for (int hour = 0; hour < hours; hour++) {
        Instant start = START.plus(Duration.ofHours(hour));
        List<SystemOfRecord.Event> events = sor.eventsOf(start, newUsersPerHour);
        for (int quarter = 0; quarter < 4; quarter++) {
          Instant at = start.plus(Duration.ofMinutes(15L * quarter));
          sor.apply(events, at);
          clock.set(at);
          engine.runDue();
        }
        sor.apply(events, start.plus(Duration.ofHours(1)));
      }
      // The last hour's changes are caught by the next hour's :30 and :45 runs.
      for (int quarter = 0; quarter < 4; quarter++) {
        clock.set(START.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(15L * quarter)));
        engine.runDue();
      }
      return report(out, engine, sor);
    }
  }

  private static Result report(PrintStream out, DiscoveryEngine engine, SystemOfRecord sor) {
    out.println();
    out.println(
        "job                        last run              examined  new  conversions  queue changes  time    errors");
    List<RecordJobHealth> health = engine.records().health(TENANT);
    for (RecordJobHealth h : health) {
      out.printf(
          Locale.ROOT,
          "%-26s %-21s %8d %4d %12d %14d %5dms %6d%n",
          h.job(),
          h.lastRunAt().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("never"),
          h.examined(),
          h.newRecords(),
          h.conversions(),
          h.queueChanges(),
          h.processingTime().toMillis(),
          h.errors());
    }
    List<Conversion> conversions = new ArrayList<>();
    long after = 0;
    while (true) {
      List<Conversion> page = engine.records().conversions(TENANT, after, 500);
      conversions.addAll(page);
      if (page.size() < 500) {
        break;
      }
      after = page.get(page.size() - 1).sequence();
    }
    long signed = conversions.stream().filter(c -> c.conversionType().equals("signed")).count();
    long approved = conversions.stream().filter(c -> c.conversionType().equals("approved")).count();
    out.println();
    out.printf(
        "Conversions found: %d signed (the generator made %d), %d approved (made %d)%n",
        signed, sor.signings(), approved, sor.approvals());
    conversions.stream()
        .limit(5)
        .forEach(
            c ->
                out.printf(
                    "  %s %s %s at %s%n", c.conversionType(), c.type(), c.key(), c.sourceAt()));
    long unsigned =
        engine
            .records()
            .queue(
                TENANT,
                QueueQuery.of("users", "unsigned_users", 100_000).activeSince(Instant.EPOCH))
            .size();
    out.printf("Queue unsigned_users: %d users%n", unsigned);
    return new Result(sor.signings(), sor.approvals(), conversions, health, unsigned);
  }
}
