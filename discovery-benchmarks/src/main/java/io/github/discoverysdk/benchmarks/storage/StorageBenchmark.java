package io.github.discoverysdk.benchmarks.storage;

import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.storage.FeedSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage benchmark, run by hand (see {@code docs/benchmarks/storage.md}): on PostgreSQL, in
 * one run, signal upserts per second through {@link JdbcStorage} against a raw JDBC batch insert
 * ({@code reWriteBatchedInserts=true}) and {@code COPY} into the same table; then feed latency of
 * the first page and of a deep page at each feed size. A harness with warm-up rounds rather than
 * JMH: the 1,000,000-row set-up dominates and must happen once, not per fork.
 *
 * <p>Arguments: {@code --rows N} rows per upsert round (default 50,000), {@code --batch N} (default
 * 1,000), {@code --rounds N} measured upsert rounds (default 5; each round's figures are logged
 * with the load average, then the median and range of each), {@code --feed-sizes 10000,1000000}
 * ({@code none} to skip the feed), {@code --url jdbc:postgresql://...} to use a server instead of
 * the embedded one.
 */
public final class StorageBenchmark {
  private static final Logger log = LoggerFactory.getLogger(StorageBenchmark.class);
  private static final String TENANT = "bench";
  private static final String SOURCE = "bench-source";
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
  private static final int PROFILES = 10;

  private StorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = intArg(args, "--rows", 50_000);
    int batch = intArg(args, "--batch", 1_000);
    int rounds = intArg(args, "--rounds", 5);
    int[] feedSizes =
        Arrays.stream(stringArg(args, "--feed-sizes", "10000,1000000").split(","))
            .filter(v -> !v.isBlank() && !v.equals("none"))
            .mapToInt(Integer::parseInt)
            .toArray();
    String url = stringArg(args, "--url", null);
    EmbeddedPostgres pg = null;
    if (url == null) {
      pg = EmbeddedPostgres.builder().start();
      url = pg.getJdbcUrl("postgres", "postgres");
    }
    url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    try (Connection c = DriverManager.getConnection(url)) {
      SingleConnectionDataSource ds = new SingleConnectionDataSource(c);
      JdbcStorage storage = JdbcStorage.builder().dataSource(ds).build();
      storage.migrate();
      log.info(
          "PostgreSQL {} via JDBC {}; {} rows per round, batches of {}",
          c.getMetaData().getDatabaseProductVersion(),
          c.getMetaData().getDriverVersion(),
          rows,
          batch);
      upserts(storage, c, rows, batch, rounds);
      for (int size : feedSizes) {
        feed(storage, c, size);
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  // ---- upserts

  private static void upserts(JdbcStorage storage, Connection c, int rows, int batch, int rounds)
      throws Exception {
    List<Signal> signals = new ArrayList<>(rows);
    List<Signal> changed = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      signals.add(signal(i, "v1"));
      changed.add(signal(i, "v2"));
    }
    // Content hashes are computed lazily and cached in the signal: compute them all now, so that
    // no method pays for them inside its timing (the first method timed used to pay for all).
    signals.forEach(Signal::contentHash);
    changed.forEach(Signal::contentHash);
    // Warm-up: every method once on a fifth of the rows.
    List<Signal> warm = signals.subList(0, Math.max(batch, rows / 5));
    truncateSignals(c);
    storage.signals().upsertAll(TENANT, warm.subList(0, Math.min(batch, warm.size())));
    truncateSignals(c);
    rawBatch(c, warm, batch);
    truncateSignals(c);
    copy(c, warm, batch);
    truncateSignals(c);
    upsertAll(storage, warm, batch);
    upsertAll(storage, warm, batch);
    upsertAll(storage, changed.subList(0, warm.size()), batch);

    List<double[]> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String loadBefore = loadAverage();
      truncateSignals(c);
      double raw = rate(rows, () -> rawBatch(c, signals, batch));
      truncateSignals(c);
      double copy = rate(rows, () -> copy(c, signals, batch));
      truncateSignals(c);
      double insertNew = rate(rows, () -> upsertAll(storage, signals, batch));
      double unchanged = rate(rows, () -> upsertAll(storage, signals, batch));
      double updated = rate(rows, () -> upsertAll(storage, changed, batch));
      results.add(new double[] {raw, copy, insertNew, insertNew / raw, updated, unchanged});
      log.info(
          String.format(
              "round %d upserts/s: raw batch insert %,.0f | COPY %,.0f | JdbcStorage new %,.0f"
                  + " (%.0f%% of raw) | JdbcStorage changed %,.0f | JdbcStorage unchanged"
                  + " (skipped) %,.0f | load average before %s, after %s",
              round,
              raw,
              copy,
              insertNew,
              100 * insertNew / raw,
              updated,
              unchanged,
              loadBefore,
              loadAverage()));
    }
    String[] names = {
      "raw batch insert",
      "COPY",
      "JdbcStorage new",
      "new / raw",
      "JdbcStorage changed",
      "JdbcStorage unchanged"
    };
    StringBuilder summary =
        new StringBuilder("upserts/s over " + rounds + " rounds, median [min–max]:");
    for (int m = 0; m < names.length; m++) {
      double[] values = new double[results.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = results.get(r)[m];
      }
      Arrays.sort(values);
      double median =
          values.length % 2 == 1
              ? values[values.length / 2]
              : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
      summary.append(
          m == 3
              ? String.format(
                  " | %s %.0f%% [%.0f%%–%.0f%%]",
                  names[m], 100 * median, 100 * values[0], 100 * values[values.length - 1])
              : String.format(
                  " | %s %,.0f [%,.0f–%,.0f]",
                  names[m], median, values[0], values[values.length - 1]));
    }
    log.info(summary.toString());
  }

  /** The 1-, 5- and 15-minute load averages, from /proc/loadavg where there is one. */
  private static String loadAverage() {
    try {
      String[] f =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static int index(Signal s) {
    return Integer.parseInt(s.key().externalId().substring(4));
  }

  private static Signal signal(int i, String version) {
    Instant published = T0.minusSeconds(i);
    return Signal.builder()
        .key(SignalKey.of(SOURCE, "ext-" + i))
        .type(SignalType.NEWS)
        .title("Acme raises series " + (i % 7) + " " + version)
        .text("Acme, a payments company, announced a round led by Example Ventures. " + version)
        .publishedAt(published)
        .observedAt(published)
        .addIndustries("fintech")
        .addRegions("EMEA")
        .build();
  }

  private static void upsertAll(JdbcStorage storage, List<Signal> signals, int batch) {
    for (int from = 0; from < signals.size(); from += batch) {
      storage
          .signals()
          .upsertAll(TENANT, signals.subList(from, Math.min(signals.size(), from + batch)));
    }
  }

  private static final String SIGNAL_COLUMNS =
      "tenant, source_id, external_id, signal_type, title, body, url, published_at, observed_at,"
          + " event, organizations, people, industries, regions, content_hash";

  /** The peer: what a hand-written loader does, one batch per transaction. */
  private static void rawBatch(Connection c, List<Signal> signals, int batch) throws Exception {
    c.setAutoCommit(false);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO discovery_signal ("
                + SIGNAL_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (Signal s : signals) {
        ps.setString(1, TENANT);
        ps.setString(2, s.key().sourceId());
        ps.setString(3, s.key().externalId());
        ps.setString(4, s.type().name());
        ps.setString(5, s.title());
        ps.setString(6, s.text());
        ps.setString(7, null);
        ps.setObject(8, OffsetDateTime.ofInstant(s.publishedAt(), ZoneOffset.UTC));
        ps.setObject(9, OffsetDateTime.ofInstant(s.observedAt(), ZoneOffset.UTC));
        ps.setString(10, null);
        ps.setString(11, "[]");
        ps.setString(12, "[]");
        ps.setString(13, "[\"fintech\"]");
        ps.setString(14, "[\"EMEA\"]");
        ps.setString(15, s.contentHash());
        ps.addBatch();
        if (++n % batch == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The other peer: PostgreSQL's bulk load, one COPY per batch. */
  private static void copy(Connection c, List<Signal> signals, int batch) throws Exception {
    var copy = c.unwrap(PGConnection.class).getCopyAPI();
    for (int from = 0; from < signals.size(); from += batch) {
      StringBuilder csv = new StringBuilder(batch * 300);
      for (Signal s : signals.subList(from, Math.min(signals.size(), from + batch))) {
        csv.append(TENANT).append(',').append(s.key().sourceId()).append(',');
        csv.append(s.key().externalId()).append(',').append(s.type().name()).append(',');
        csv.append(quote(s.title())).append(',').append(quote(s.text())).append(",,");
        csv.append(s.publishedAt()).append(',').append(s.observedAt()).append(",,");
        csv.append("[],[],").append(quote("[\"fintech\"]")).append(',');
        csv.append(quote("[\"EMEA\"]")).append(',').append(s.contentHash()).append('\n');
      }
      copy.copyIn(
          "COPY discovery_signal (" + SIGNAL_COLUMNS + ") FROM STDIN WITH (FORMAT csv)",
          new StringReader(csv.toString()));
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static void truncateSignals(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("TRUNCATE discovery_signal");
    }
  }

  // ---- feed

  private static void feed(JdbcStorage storage, Connection c, int size) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("TRUNCATE discovery_feedback, discovery_opportunity, discovery_profile");
    }
    List<ProfileId> profiles = new ArrayList<>();
    for (int p = 0; p < PROFILES; p++) {
      Profile profile =
          storage
              .profiles()
              .save(
                  Profile.builder()
                      .tenant(TENANT)
                      .id(ProfileId.of(TENANT, "profile-" + p))
                      .owner("owner")
                      .name("Profile " + p)
                      .addKeywords("payments")
                      .build());
      profiles.add(profile.id());
    }
    long start = System.nanoTime();
    fillOpportunities(c, size);
    log.info(
        String.format(
            "feed of %,d opportunities generated in %.1f s",
            size, (System.nanoTime() - start) / 1e9));

    measureFeed(storage, c, size, "tenant, RELEVANCE", FeedQuery.forTenant(TENANT).build());
    measureFeed(
        storage,
        c,
        size,
        "one profile, DATE, status NEW",
        FeedQuery.forProfile(profiles.get(3))
            .sortBy(FeedSort.DATE)
            .addStatuses(OpportunityStatus.NEW)
            .build());
  }

  /**
   * Generates the rows server-side: the same columns and sort keys that {@code JdbcStorage} writes
   * (FeedSupport's keys: negated milli-score and epoch seconds), in a fraction of the time a
   * million single saves would take.
   */
  private static void fillOpportunities(Connection c, int size) throws Exception {
    String sql =
        "INSERT INTO discovery_opportunity (tenant, id, profile_id, source_id, external_id,"
            + " signal_key_sha, signal_type, title, url, company, published_at, occurs_at, status,"
            + " score_total, strength, score, matches, temporal, signal_hash, created_at,"
            + " updated_at, last_seen_at, version, sort_score, sort_published, sort_urgency,"
            + " sort_outreach)"
            + " SELECT 'bench', 'opp-' || lpad(g::text, 8, '0'), 'profile-' || (g % 10),"
            + " 'bench-source', 'ext-' || g, md5(g::text) || md5((g + 1)::text), 'NEWS',"
            + " 'Signal ' || g, NULL, 'Acme', ts, ts,"
            + " CASE WHEN g % 4 = 0 THEN 'SAVED' ELSE 'NEW' END, sc,"
            + " CASE WHEN sc >= 70 THEN 'STRONG' WHEN sc >= 45 THEN 'MEDIUM' ELSE 'WEAK' END,"
            + " '{\"total\":' || sc || ',\"strength\":\"' ||"
            + " CASE WHEN sc >= 70 THEN 'STRONG' WHEN sc >= 45 THEN 'MEDIUM' ELSE 'WEAK' END"
            + " || '\",\"factors\":[]}',"
            + " '[{\"target\":\"WATCHLIST\",\"kind\":\"EXACT\",\"term\":\"Acme\","
            + "\"matchedText\":\"Acme\",\"confidence\":1.0,\"field\":\"TITLE\",\"start\":0,"
            + "\"end\":4,\"rule\":\"bench\"}]',"
            + " '{\"assessedAt\":\"2025-01-15T10:00:00Z\",\"ageDays\":0,\"urgency\":\"MEDIUM\","
            + "\"window\":\"OPEN\",\"recommendedAction\":\"bench\"}',"
            + " 'hash-' || g, ts, ts, ts, 1, -round(sc * 1000)::bigint,"
            + " -extract(epoch FROM ts)::bigint, 2, 9223372036854775807"
            + " FROM (SELECT g, (g::bigint * 7919 % 10000) / 100.0 AS sc,"
            + " timestamptz '2025-01-15 10:00:00+00' - (g % 86400) * interval '1 second' AS ts"
            + " FROM generate_series(1, ?) g) x";
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, size);
      ps.executeUpdate();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE discovery_opportunity");
    }
  }

  private static void measureFeed(
      JdbcStorage storage, Connection c, int size, String label, FeedQuery first) throws Exception {
    // A cursor 90% of the way down the feed: found once with OFFSET here, never in the storage.
    int depth = (int) (matching(c, first) * 0.9);
    FeedQuery deep = deepQuery(c, first, depth);
    for (int i = 0; i < 300; i++) {
      storage.opportunities().feed(first);
      storage.opportunities().feed(deep);
    }
    long[] firstNanos = new long[1_000];
    long[] deepNanos = new long[1_000];
    for (int i = 0; i < firstNanos.length; i++) {
      long t = System.nanoTime();
      storage.opportunities().feed(first);
      firstNanos[i] = System.nanoTime() - t;
      t = System.nanoTime();
      storage.opportunities().feed(deep);
      deepNanos[i] = System.nanoTime() - t;
    }
    log.info(
        String.format(
            "feed %,d rows, %s, 20 items: first page p50 %.0f µs p99 %.0f µs | page at row %,d"
                + " p50 %.0f µs p99 %.0f µs | deep/first p50 %.2f",
            size,
            label,
            pct(firstNanos, 50),
            pct(firstNanos, 99),
            depth,
            pct(deepNanos, 50),
            pct(deepNanos, 99),
            pct(deepNanos, 50) / pct(firstNanos, 50)));
  }

  private static long matching(Connection c, FeedQuery q) throws Exception {
    String where =
        q.profileId().isPresent()
            ? " AND profile_id = '" + q.profileId().get().value() + "' AND status = 'NEW'"
            : "";
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM discovery_opportunity WHERE tenant = 'bench'" + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static FeedQuery deepQuery(Connection c, FeedQuery first, int depth) throws Exception {
    boolean relevance = first.sortBy() == FeedSort.RELEVANCE;
    String cols = relevance ? "sort_score, sort_published" : "sort_published, sort_score";
    String where =
        first.profileId().isPresent()
            ? " AND profile_id = '" + first.profileId().get().value() + "' AND status = 'NEW'"
            : "";
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + cols
                    + ", id FROM discovery_opportunity WHERE tenant = 'bench'"
                    + where
                    + " ORDER BY "
                    + cols
                    + ", id OFFSET "
                    + depth
                    + " LIMIT 1")) {
      rs.next();
      String cursor =
          FeedSupport.encodeCursor(
              first.sortBy(),
              new FeedSupport.SortKey(rs.getLong(1), rs.getLong(2), rs.getString(3)));
      return FeedQuery.builder().from(first).cursor(Optional.of(cursor)).build();
    }
  }

  // ---- helpers

  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }

  private static double rate(int rows, Body body) throws Exception {
    long t = System.nanoTime();
    body.run();
    return rows / ((System.nanoTime() - t) / 1e9);
  }

  private static double pct(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1_000.0;
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
