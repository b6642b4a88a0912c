package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL files of a dialect that a database has not seen yet, recording each in
 * {@code discovery_schema_version} with a checksum. Plain SQL instead of Flyway: the library then
 * adds no dependency to a host, and the same files serve hosts that run their own migration tool.
 * Concurrent migrators are serialized by a database lock (an advisory lock on PostgreSQL, {@code
 * GET_LOCK} on MariaDB, a JVM lock on H2, which one process owns).
 */
final class Migrator {
  private static final Logger log = LoggerFactory.getLogger(Migrator.class);

  /** Every migration, oldest first; each dialect has a file of each name. */
  static final List<String> MIGRATIONS =
      List.of(
          "V1__discovery_baseline.sql",
          "V2__lifecycle_and_scheduling.sql",
          "V3__query_cache_and_cost_ledger.sql",
          "V4__company_attributes.sql",
          "V5__outbox.sql",
          "V6__teams.sql",
          "V7__model_state.sql",
          "V8__tracking.sql",
          "V9__nopad_collation.sql",
          "V10__review.sql",
          "V11__records.sql",
          "V12__deals.sql",
          "V13__insight.sql",
          "V14__drafts.sql",
          "V15__sessions.sql",
          "V16__insight_card_state.sql",
          "V17__outbox_subjects.sql",
          "V18__deal_enrichment_status.sql",
          "V19__signal_language_themes.sql",
          "V20__icp.sql");

  static final String VERSION_TABLE = "discovery_schema_version";

  /**
   * How many statements of a migration in progress have taken effect, on databases that commit DDL
   * as they go (H2, MariaDB): a migration interrupted there resumes after them.
   */
  static final String PROGRESS_TABLE = "discovery_schema_progress";

  private static final String LOCK_NAME = "discovery_schema_migration";
  private static final long PG_LOCK_KEY = 0x44_69_73_63_6f_76_65_72L; // "Discover"
  private static final Object H2_LOCK = new Object();

  private Migrator() {}

  /** Applies the pending migrations; returns how many were applied. */
  static int migrate(DataSource dataSource, Dialect dialect) {
    return migrate(dataSource, dialect, MIGRATIONS.size());
  }

  /** Applies the pending migrations up to {@code version} (for tests of upgrades). */
  static int migrate(DataSource dataSource, Dialect dialect, int version) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(true);
      try {
        if (dialect == Dialect.H2) {
          synchronized (H2_LOCK) {
            return migrateLocked(c, dialect, version);
          }
        }
        lock(c, dialect);
        try {
          return migrateLocked(c, dialect, version);
        } finally {
          unlock(c, dialect);
        }
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw Errors.translate("migrate the schema", e);
    }
  }

  private static int migrateLocked(Connection c, Dialect dialect, int target) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + VERSION_TABLE
              + " (version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
              + " checksum BIGINT NOT NULL, installed_at "
              + (dialect == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6) WITH TIME ZONE")
              + " NOT NULL)");
    }
    if (dialect != Dialect.POSTGRESQL) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + PROGRESS_TABLE
                + " (version INT NOT NULL PRIMARY KEY, statements_done INT NOT NULL)");
      }
    }
    Map<Integer, Long> applied = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + VERSION_TABLE)) {
      while (rs.next()) {
        applied.put(rs.getInt(1), rs.getLong(2));
      }
    }
    int count = 0;
    for (int i = 0; i < Math.min(target, MIGRATIONS.size()); i++) {
      String file = MIGRATIONS.get(i);
      int version = version(file);
      String sql = load(dialect, file);
      long checksum = checksum(sql);
      Long stored = applied.get(version);
      if (stored != null) {
        if (stored != checksum) {
          throw new StorageException(
              "migration "
                  + file
                  + " was changed after it was applied (checksum "
                  + stored
                  + " stored, "
                  + checksum
                  + " now): restore the original file");
        }
        continue;
      }
      if (dialect == Dialect.POSTGRESQL) {
        apply(c, dialect, version, file, sql, checksum);
      } else {
        applyResumably(c, dialect, version, file, sql, checksum);
      }
      count++;
    }
    if (count > 0) {
      log.info("applied {} schema migration(s) for {}", count, dialect);
    }
    return count;
  }

  /**
   * Runs one file on a database that commits each DDL statement at once (H2, MariaDB), noting after
   * each statement how many have taken effect, so that a migration interrupted by a crash resumes
   * where it stopped. The first statement run again may have taken effect just before the crash,
   * without its note: if it fails because its table, column, index or constraint exists, it counts
   * as done. Any other failure leaves the schema as far as it got, to finish or undo by hand.
   */
  private static void applyResumably(
      Connection c, Dialect dialect, int version, String file, String sql, long checksum)
      throws SQLException {
    List<String> statements = statements(sql);
    int done = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT statements_done FROM " + PROGRESS_TABLE + " WHERE version = ?")) {
      ps.setInt(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          done = rs.getInt(1);
        }
      }
    }
    boolean h2File = dialect == Dialect.H2 && c.getMetaData().getURL().startsWith("jdbc:h2:file:");
    try (Statement s = c.createStatement()) {
      for (int i = done; i < statements.size(); i++) {
        try {
          s.execute(statements.get(i));
          if (h2File) {
            // The statement is made durable before it is noted as done: a process killed in
            // between must not restart with the note and without the table it stands for.
            s.execute("CHECKPOINT SYNC");
          }
        } catch (SQLException e) {
          if (i > done || !alreadyApplied(dialect, e)) {
            log.error(
                "migration {} failed at statement {} of {}; the statements before it took effect"
                    + " and stay",
                file,
                i + 1,
                statements.size());
            throw e;
          }
          log.warn(
              "migration {}: statement {} had taken effect before an interruption; resuming after"
                  + " it",
              file,
              i + 1);
        }
        saveProgress(c, dialect, version, i + 1);
      }
    }
    insertVersion(c, dialect, version, file, checksum);
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + PROGRESS_TABLE + " WHERE version = ?")) {
      ps.setInt(1, version);
      ps.executeUpdate();
    }
  }

  /** Whether a DDL statement failed because what it creates exists already. */
  private static boolean alreadyApplied(Dialect dialect, SQLException e) {
    int code = e.getErrorCode();
    return dialect == Dialect.H2
        // table, column, index, constraint exists
        ? code == 42101 || code == 42121 || code == 42111 || code == 90045
        // table exists, duplicate column, duplicate key name, duplicate foreign key
        : code == 1050 || code == 1060 || code == 1061 || code == 1826;
  }

  private static void saveProgress(Connection c, Dialect dialect, int version, int done)
      throws SQLException {
    String sql =
        dialect == Dialect.H2
            ? "MERGE INTO "
                + PROGRESS_TABLE
                + " (version, statements_done) KEY (version) VALUES (?, ?)"
            : "INSERT INTO "
                + PROGRESS_TABLE
                + " (version, statements_done) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE statements_done = VALUES(statements_done)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, version);
      ps.setInt(2, done);
      ps.executeUpdate();
    }
  }

  /** Runs one file in a transaction, on PostgreSQL, which rolls DDL back with it. */
  private static void apply(
      Connection c, Dialect dialect, int version, String file, String sql, long checksum)
      throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String statement : statements(sql)) {
        s.execute(statement);
      }
      insertVersion(c, dialect, version, file, checksum);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void insertVersion(
      Connection c, Dialect dialect, int version, String file, long checksum) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + VERSION_TABLE
                + " (version, description, checksum, installed_at) VALUES (?, ?, ?, ?)")) {
      ps.setInt(1, version);
      ps.setString(2, file);
      ps.setLong(3, checksum);
      OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
      if (dialect == Dialect.MARIADB) {
        ps.setObject(4, now.toLocalDateTime());
      } else {
        ps.setObject(4, now);
      }
      ps.executeUpdate();
    }
  }

  /** Splits a file into statements at semicolons that end a line; drops comment lines. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /**
   * The version a file's name gives ({@code V11__records.sql}: 11). Versions are taken from the
   * names, not from positions in {@link #MIGRATIONS}, so that files added by parallel work (a V10
   * and a V11 written apart) keep their numbers when they meet.
   */
  static int version(String file) {
    return Integer.parseInt(file.substring(1, file.indexOf("__")));
  }

  static String load(Dialect dialect, String file) {
    String resource =
        dialect.migrationResources().stream()
            .filter(r -> r.endsWith("/" + file))
            .findFirst()
            .orElseThrow();
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StorageException("migration " + resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new StorageException("could not read migration " + resource, e);
    }
  }

  private static long checksum(String sql) {
    CRC32 crc = new CRC32();
    crc.update(sql.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static void lock(Connection c, Dialect dialect) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
        ps.setLong(1, PG_LOCK_KEY);
        ps.execute();
      }
    } else {
      try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 300)");
          ResultSet rs = executeQuery(ps, LOCK_NAME)) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw new StorageException(
              "could not take the schema migration lock within 300 s: is another migration"
                  + " hanging?");
        }
      }
    }
  }

  private static void unlock(Connection c, Dialect dialect) throws SQLException {
    String sql =
        dialect == Dialect.POSTGRESQL ? "SELECT pg_advisory_unlock(?)" : "SELECT RELEASE_LOCK(?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (dialect == Dialect.POSTGRESQL) {
        ps.setLong(1, PG_LOCK_KEY);
      } else {
        ps.setString(1, LOCK_NAME);
      }
      ps.execute();
    }
  }

  private static ResultSet executeQuery(PreparedStatement ps, String value) throws SQLException {
    ps.setString(1, value);
    return ps.executeQuery();
  }
}
