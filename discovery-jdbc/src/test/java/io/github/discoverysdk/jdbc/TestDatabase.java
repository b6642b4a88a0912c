package io.github.discoverysdk.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;

/**
 * A database one test class uses alone: a fresh H2 database, schema or MariaDB database, migrated
 * once, emptied before each test and dropped at the end.
 */
final class TestDatabase implements AutoCloseable {
  static final String POSTGRES_URL = "DISCOVERY_TEST_POSTGRES_URL";
  static final String MARIADB_URL = "DISCOVERY_TEST_MARIADB_URL";
  static final String MARIADB_REQUIRED = "DISCOVERY_TEST_MARIADB_REQUIRED";

  private static final String[] TABLES = {
    "discovery_insight_card",
    "discovery_draft",
    "discovery_playbook_match",
    "discovery_session_profile",
    "discovery_session_export",
    "discovery_session_note",
    "discovery_session_response",
    "discovery_session",
    "discovery_icp",
    "discovery_deal_enrichment_status",
    "discovery_deal_enrichment",
    "discovery_deal",
    "discovery_review_card",
    "discovery_account_company",
    "discovery_account",
    "discovery_audit",
    "discovery_team_share",
    "discovery_team",
    "discovery_feedback",
    "discovery_opportunity",
    "discovery_profile",
    "discovery_signal",
    "discovery_run",
    "discovery_watermark",
    "discovery_lifecycle_event",
    "discovery_lease",
    "discovery_query_cache",
    "discovery_cost_ledger",
    "discovery_outbox",
    "discovery_model_state",
    "discovery_tracking",
    "discovery_record",
    "discovery_record_conversion",
    "discovery_record_queue_change",
    "discovery_record_job"
  };

  private static final Pattern SERVER = Pattern.compile("//([^/:?]+):(\\d+)/");

  private final Dialect dialect;
  private final DataSource dataSource;
  private final AutoCloseable cleanup;
  private final HikariConfig config; // null for H2, which has no server

  private TestDatabase(
      Dialect dialect, DataSource dataSource, AutoCloseable cleanup, HikariConfig config) {
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.cleanup = cleanup;
    this.config = config;
  }

  static TestDatabase h2() {
    JdbcConnectionPool pool =
        JdbcConnectionPool.create(
            "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "sa",
            "");
    pool.setMaxConnections(40);
    return migrated(
        Dialect.H2,
        pool,
        null,
        () -> {
          try (Connection c = pool.getConnection();
              Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
          }
          pool.dispose();
        });
  }

  /**
   * Embedded PostgreSQL started for the class, or a fresh schema on DISCOVERY_TEST_POSTGRES_URL.
   */
  static TestDatabase postgres() throws Exception {
    String url = System.getenv(POSTGRES_URL);
    if (url != null && !url.isBlank()) {
      String schema = "discovery_test_" + suffix();
      try (Connection c = java.sql.DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      HikariDataSource pool = pool(url, null, schema);
      return migrated(
          Dialect.POSTGRESQL,
          pool,
          pool,
          () -> {
            try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
              s.execute("DROP SCHEMA " + schema + " CASCADE");
            } finally {
              pool.close();
            }
          });
    }
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    HikariDataSource pool = pool(pg.getJdbcUrl("postgres", "postgres"), null, null);
    return migrated(
        Dialect.POSTGRESQL,
        pool,
        pool,
        () -> {
          pool.close();
          pg.close();
        });
  }

  /**
   * A fresh database on the server of DISCOVERY_TEST_MARIADB_URL. Without the URL the calling test
   * class is skipped, unless DISCOVERY_TEST_MARIADB_REQUIRED=true, which makes it fail; with the
   * URL, an unreachable server always fails.
   */
  static TestDatabase mariaDb() throws Exception {
    return mariaDb("");
  }

  /**
   * As {@link #mariaDb()}, with {@code parameters} ("name=value&...") added to the URL the pool
   * uses, for a driver setting the SDK must work under.
   */
  static TestDatabase mariaDb(String parameters) throws Exception {
    TestDatabase d = mariaDbUnmigrated(parameters);
    JdbcStorage.builder().dataSource(d.dataSource).dialect(Dialect.MARIADB).build().migrate();
    return d;
  }

  /** As {@link #mariaDb(String)}, but an empty database: no migration has run. */
  static TestDatabase mariaDbUnmigrated(String parameters) throws Exception {
    String url = System.getenv(MARIADB_URL);
    boolean required = "true".equalsIgnoreCase(System.getenv(MARIADB_REQUIRED));
    if (url == null || url.isBlank()) {
      if (required) {
        throw new AssertionError(
            MARIADB_REQUIRED
                + "=true but "
                + MARIADB_URL
                + " is not set: the MariaDB run is "
                + "mandatory here (see .ci/run)");
      }
      Assumptions.abort(MARIADB_URL + " is not set: MariaDB tests skipped");
    }
    String database = "discovery_test_" + suffix();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new AssertionError(
          MARIADB_URL
              + " is set but MariaDB is unreachable or refused to create a database ("
              + Errors.describe(e)
              + "): "
              + Errors.mask(e.getMessage()),
          e);
    }
    String poolUrl =
        parameters.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + parameters;
    HikariDataSource pool = pool(poolUrl, database, null);
    return created(
        Dialect.MARIADB,
        pool,
        pool,
        () -> {
          try (Connection c = pool.getConnection();
              Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database);
          } finally {
            pool.close();
          }
        });
  }

  private static HikariDataSource pool(String url, String catalog, String schema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(40);
    config.setMinimumIdle(2);
    if (catalog != null) {
      config.setCatalog(catalog);
    }
    if (schema != null) {
      config.setSchema(schema);
    }
    return new HikariDataSource(config);
  }

  private static TestDatabase migrated(
      Dialect dialect, DataSource ds, HikariDataSource pool, AutoCloseable cleanup) {
    JdbcStorage.builder().dataSource(ds).dialect(dialect).build().migrate();
    return created(dialect, ds, pool, cleanup);
  }

  private static TestDatabase created(
      Dialect dialect, DataSource ds, HikariDataSource pool, AutoCloseable cleanup) {
    HikariConfig config = null;
    if (pool != null) {
      config = new HikariConfig();
      pool.copyStateTo(config);
    }
    return new TestDatabase(dialect, ds, cleanup, config);
  }

  /** The host and port of the database server; fails for H2. */
  InetSocketAddress server() {
    Matcher m = SERVER.matcher(serverConfig().getJdbcUrl());
    if (!m.find()) {
      throw new IllegalStateException("no host and port in " + serverConfig().getJdbcUrl());
    }
    return InetSocketAddress.createUnresolved(m.group(1), Integer.parseInt(m.group(2)));
  }

  /**
   * A new pool of at most four connections to this database that go to {@code port} on loopback
   * instead of the server (a {@link FaultProxy}), each read waiting at most {@code socketTimeout}
   * and each borrow at most three seconds.
   */
  HikariDataSource poolVia(int port, Duration socketTimeout) {
    HikariConfig c = new HikariConfig();
    serverConfig().copyStateTo(c);
    String url = SERVER.matcher(c.getJdbcUrl()).replaceFirst("//127.0.0.1:" + port + "/");
    String timeout =
        dialect == Dialect.POSTGRESQL
            ? "socketTimeout=" + Math.max(1, socketTimeout.toSeconds())
            : "socketTimeout=" + socketTimeout.toMillis();
    c.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + timeout);
    c.setPoolName("via-" + port);
    c.setMaximumPoolSize(4);
    c.setMinimumIdle(0);
    c.setConnectionTimeout(3_000);
    c.setValidationTimeout(1_000);
    return new HikariDataSource(c);
  }

  /** The URL another process uses to reach this database: the pool's, with its schema. */
  String jdbcUrl() {
    HikariConfig c = serverConfig();
    String url = c.getJdbcUrl();
    return c.getSchema() == null
        ? url
        : url + (url.contains("?") ? "&" : "?") + "currentSchema=" + c.getSchema();
  }

  private HikariConfig serverConfig() {
    if (config == null) {
      throw new IllegalStateException(dialect + " test database has no server");
    }
    return config;
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  Dialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Deletes every row, leaving the schema. */
  void empty() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        s.execute("TRUNCATE " + String.join(", ", TABLES));
      } else {
        for (String table : TABLES) {
          s.execute("DELETE FROM " + table);
        }
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  @Override
  public void close() throws Exception {
    cleanup.close();
  }
}
