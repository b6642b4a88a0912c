package io.github.discoverysdk.benchmarks.records;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.jdbc.JdbcRecordSource;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark of issue #13: {@code users} users on a system of record (MariaDB when {@code
 * --replica-url} or {@code DISCOVERY_TEST_MARIADB_URL} names one, else H2 in MySQL mode), tracked
 * into the engine's store (embedded PostgreSQL by default, {@code --store=h2|memory}), with 1% of
 * the users changing per simulated hour (half of them sign, half are called). Measures the one-time
 * backfill, then each hourly incremental run against a full rescan of the table (the peer: what the
 * host does today, every user read in keyset pages of 1,000). Run by hand:
 *
 * <pre>
 * java -cp discovery-benchmarks/target/benchmarks.jar \
 *   io.github.discoverysdk.benchmarks.records.RecordsBenchmark --users=100000 --hours=3
 * </pre>
 *
 * Times are wall time ({@code System.nanoTime}); the engine's clock is simulated.
 */
public final class RecordsBenchmark {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final String TENANT = "bench";

  private RecordsBenchmark() {}

  /** One hourly run and its peer. */
  record Hour(
      int changed,
      long conversionsMade,
      long conversionsFound,
      long rowsRead,
      long queries,
      double seconds,
      long peerRows,
      long peerQueries,
      double peerSeconds) {}

  /** What a benchmark run measured. */
  record Result(
      int users,
      long backfillRows,
      long backfillQueries,
      double backfillSeconds,
      List<Hour> hours) {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    int users = 100_000;
    int hours = 3;
    String store = "postgres";
    String replicaUrl = System.getenv("DISCOVERY_TEST_MARIADB_URL");
    for (String a : args) {
      if (a.startsWith("--users=")) {
        users = Integer.parseInt(a.substring(8).replace("_", ""));
      } else if (a.startsWith("--hours=")) {
        hours = Integer.parseInt(a.substring(8));
      } else if (a.startsWith("--store=")) {
        store = a.substring(8);
      } else if (a.startsWith("--replica-url=")) {
        replicaUrl = a.substring(14);
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Result r = run(users, hours, store, replicaUrl);
    System.out.println(table(r, replicaUrl == null ? "H2 (MySQL mode)" : "MariaDB", store));
  }

  static HikariDataSource pool(String url) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setMaximumPoolSize(4);
    return new HikariDataSource(c);
  }

  static Result run(int users, int hours, String store, String replicaUrl) throws Exception {
    boolean mariaDb = replicaUrl != null && !replicaUrl.isBlank();
    String database = "records_bench_" + Long.toHexString(System.nanoTime());
    String url =
        mariaDb
            ? replicaUrl.replaceFirst("(//[^/]+/)[^?]*", "$1" + database)
            : "jdbc:h2:mem:" + database + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    if (mariaDb) {
      try (Connection c = java.sql.DriverManager.getConnection(replicaUrl);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
    }
    EmbeddedPostgres pg = store.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
    try (HikariDataSource replica = pool(url);
        HikariDataSource storePool =
            pg == null ? null : pool(pg.getJdbcUrl("postgres", "postgres"))) {
      Storage storage;
      if (storePool != null) {
        JdbcStorage jdbc = JdbcStorage.builder().dataSource(storePool).build();
        jdbc.migrate();
        storage = jdbc;
      } else {
        storage = store.equals("h2") ? JdbcStorage.h2InMemory() : InMemoryStorage.create();
      }
      return measure(replica, mariaDb, storage, users, hours);
    } finally {
      if (pg != null) {
        pg.close();
      }
      if (mariaDb) {
        try (Connection c = java.sql.DriverManager.getConnection(replicaUrl);
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE " + database);
        }
      }
    }
  }

  private static Result measure(
      HikariDataSource replica, boolean mariaDb, Storage storage, int users, int hours)
      throws Exception {
    String ts = mariaDb ? "DATETIME(6)" : "TIMESTAMP(6)";
    Random random = new Random(42);
    boolean[] signed = new boolean[users + 1];
    try (Connection c = replica.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE users (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL, agent"
              + " VARCHAR(20) NOT NULL, last_called_at "
              + ts
              + " NULL, updated_at "
              + ts
              + " NOT NULL)");
      s.execute("CREATE INDEX users_updated ON users (updated_at, id)");
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO users (id, status, agent, updated_at) VALUES (?, ?, ?, ?)")) {
        for (int id = 1; id <= users; id++) {
          signed[id] = random.nextInt(10) < 3;
          ps.setLong(1, id);
          ps.setString(2, signed[id] ? "signed" : "unsigned");
          ps.setString(3, "agent-" + (id % 20));
          ps.setObject(4, utc(T0.minusSeconds(1 + random.nextInt(30 * 86_400))));
          ps.addBatch();
          if (id % 1_000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
    Sim clock = new Sim(T0);
    CountingSource source =
        new CountingSource(
            JdbcRecordSource.builder()
                .id("users")
                .dataSource(replica)
                .table("users")
                .keyColumn("id")
                .timestampColumn("updated_at")
                .stateColumns("status")
                .ownerColumn("agent")
                .activityColumn("last_called_at")
                .build());
    RecordJob job =
        RecordJob.tracking(TENANT, "conversions", source)
            .cron("30 * * * *")
            .maxPerRun(1_000_000)
            .addTransition(
                new TransitionRule(
                    "signed",
                    States.is("status", "unsigned"),
                    States.is("status", "signed"),
                    "signed",
                    1))
            .addQueue(new QueueRule("unsigned_users", States.is("status", "unsigned")))
            .build();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addRecordJob(job)
            .build()) {
      long start = System.nanoTime();
      RecordJobHealth h;
      do {
        h = engine.records().backfill(TENANT, "conversions");
      } while (!h.backfillDone());
      double backfillSeconds = (System.nanoTime() - start) / 1e9;
      long[] backfill = source.takeCounts();
      List<Hour> out = new ArrayList<>();
      long found = 0;
      for (int hour = 0; hour < hours; hour++) {
        Instant from = T0.plus(Duration.ofHours(hour));
        int changes = users / 100;
        long made = 0;
        Set<Integer> picked = new HashSet<>();
        try (Connection c = replica.getConnection()) {
          c.setAutoCommit(false);
          try (PreparedStatement sign =
                  c.prepareStatement(
                      "UPDATE users SET status = 'signed', updated_at = ? WHERE id = ?");
              PreparedStatement call =
                  c.prepareStatement(
                      "UPDATE users SET last_called_at = ?, updated_at = ? WHERE id = ?")) {
            while (picked.size() < changes) {
              int id = 1 + random.nextInt(users);
              if (!picked.add(id)) {
                continue;
              }
              Instant at = from.plusMillis(random.nextInt(3_600_000));
              if (!signed[id] && picked.size() % 2 == 0) {
                signed[id] = true;
                made++;
                sign.setObject(1, utc(at));
                sign.setLong(2, id);
                sign.addBatch();
              } else {
                call.setObject(1, utc(at));
                call.setObject(2, utc(at));
                call.setLong(3, id);
                call.addBatch();
              }
            }
            sign.executeBatch();
            call.executeBatch();
          }
          c.commit();
        }
        clock.now = from.plus(Duration.ofHours(1));
        long t = System.nanoTime();
        RecordJobHealth run = engine.records().run(TENANT, "conversions");
        double seconds = (System.nanoTime() - t) / 1e9;
        long[] counts = source.takeCounts();
        found += run.conversions();
        long[] peer = new long[2];
        long p = System.nanoTime();
        rescan(replica, peer);
        double peerSeconds = (System.nanoTime() - p) / 1e9;
        out.add(
            new Hour(
                changes,
                made,
                run.conversions(),
                counts[1],
                counts[0],
                seconds,
                peer[1],
                peer[0],
                peerSeconds));
      }
      return new Result(users, backfill[1], backfill[0], backfillSeconds, out);
    }
  }

  /** The peer: every user read again, in keyset pages of 1,000, as a full rescan does. */
  private static void rescan(HikariDataSource replica, long[] counts) throws Exception {
    long after = 0;
    try (Connection c = replica.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, status, agent, last_called_at, updated_at FROM users WHERE id > ?"
                    + " ORDER BY id LIMIT 1000")) {
      while (true) {
        ps.setLong(1, after);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            after = rs.getLong(1);
            rs.getString(2);
            n++;
          }
        }
        counts[0]++;
        counts[1] += n;
        if (n < 1000) {
          return;
        }
      }
    }
  }

  private static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  static String table(Result r, String replica, String store) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%,d users, %s -> %s%n%n", r.users(), replica, store));
    b.append(
        String.format(
            Locale.ROOT,
            "Backfill: %,d rows in %,d queries, %.1f s%n%n",
            r.backfillRows(),
            r.backfillQueries(),
            r.backfillSeconds()));
    b.append(
        "| hour | rows changed | conversions made / found | rows read | queries | run time |"
            + " rescan rows | rescan queries | rescan time | rows read vs rescan |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|\n");
    int i = 1;
    for (Hour h : r.hours()) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d | %,d / %,d | %,d (%.2f x changed) | %,d | %.3f s | %,d | %,d | %.3f s | %.1f%% fewer |%n",
              i++,
              h.changed(),
              h.conversionsMade(),
              h.conversionsFound(),
              h.rowsRead(),
              (double) h.rowsRead() / h.changed(),
              h.queries(),
              h.seconds(),
              h.peerRows(),
              h.peerQueries(),
              h.peerSeconds(),
              100.0 * (1 - (double) h.rowsRead() / h.peerRows())));
    }
    return b.toString();
  }

  /** The engine's simulated clock. */
  static final class Sim extends Clock {
    volatile Instant now;

    Sim(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
