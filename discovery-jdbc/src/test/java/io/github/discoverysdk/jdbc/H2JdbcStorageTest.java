package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.storage.FeedSupport;
import io.github.discoverysdk.testkit.Fixtures;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on H2, the embedded default, plus what only the embedded mode does. */
class H2JdbcStorageTest extends JdbcStorageContract {
  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.h2();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @Override
  TestDatabase database() {
    return database;
  }

  @Test
  void anH2FileDatabaseSurvivesClosingAndReopening(@TempDir Path folder) {
    Path data = folder.resolve("discovery-data");
    Profile profile;
    Signal signal = signal("s-1", T0);
    try (JdbcStorage first = JdbcStorage.h2File(data)) {
      profile = first.profiles().save(Fixtures.profile(TENANT_A, "Persistent"));
      assertThat(first.signals().upsert(TENANT_A, signal)).isEqualTo(SignalWrite.NEW);
    }

    try (JdbcStorage second = JdbcStorage.h2File(data)) {
      assertThat(second.migrate()).isZero();
      assertThat(second.profiles().find(profile.id())).contains(profile);
      assertThat(second.signals().upsert(TENANT_A, signal)).isEqualTo(SignalWrite.UNCHANGED);
    }
    assertThat(Files.exists(data.resolve("discovery.mv.db"))).isTrue();
  }

  @Test
  void anH2FolderWhoseNameWouldEndTheUrlIsRejected(@TempDir Path folder) {
    assertThatThrownBy(() -> JdbcStorage.h2File(folder.resolve("a;INIT=RUNSCRIPT FROM 'x'")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("';'");
  }

  @Test
  void anInMemoryDatabaseIsPrivateToItsStorage() {
    try (JdbcStorage one = JdbcStorage.h2InMemory();
        JdbcStorage two = JdbcStorage.h2InMemory()) {
      one.profiles().save(Fixtures.profile(TENANT_A, "Only in one"));

      assertThat(one.profiles().list(TENANT_A)).hasSize(1);
      assertThat(two.profiles().list(TENANT_A)).isEmpty();
    }
  }

  @Test
  void aFailingDatabaseGivesAStorageErrorWithTheSqlStateButNoCredentials() {
    DataSource failing = new FailingDataSource();
    JdbcStorage broken = JdbcStorage.builder().dataSource(failing).dialect(Dialect.H2).build();

    assertThatThrownBy(() -> broken.profiles().list(TENANT_A))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("SQLState 08001")
        .hasMessageNotContaining("hunter2")
        .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("hunter2"));
    assertThat(broken.toString()).doesNotContain("hunter2").doesNotContain("jdbc:");
  }

  @Test
  void anUnsupportedDatabaseIsNamedWhenTheDialectIsDetected() {
    assertThatThrownBy(() -> Dialect.fromProductName("Oracle"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Oracle");
    assertThat(Dialect.fromProductName("MySQL")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void everyDialectPublishesItsMigrations() {
    for (Dialect d : Dialect.values()) {
      assertThat(d.migrationLocation()).startsWith("classpath:io/github/discoverysdk/jdbc/");
      assertThat(d.migrationResources())
          .allSatisfy(
              r -> assertThat(getClass().getClassLoader().getResource(r)).as(r).isNotNull());
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(0))))
          .allSatisfy(s -> assertThat(s).doesNotEndWith(";"))
          .anySatisfy(s -> assertThat(s).contains("CREATE TABLE discovery_opportunity"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(1))))
          .allSatisfy(s -> assertThat(s).doesNotEndWith(";"))
          .anySatisfy(s -> assertThat(s).contains("discovery_lease"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(2))))
          .allSatisfy(s -> assertThat(s).doesNotEndWith(";"))
          .anySatisfy(s -> assertThat(s).contains("discovery_query_cache"))
          .anySatisfy(s -> assertThat(s).contains("discovery_cost_ledger"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(3))))
          .singleElement()
          .satisfies(s -> assertThat(s).contains("company_attributes"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(4))))
          .anySatisfy(s -> assertThat(s).contains("TABLE").contains("discovery_outbox"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(5))))
          .allSatisfy(s -> assertThat(s).doesNotEndWith(";"))
          .anySatisfy(s -> assertThat(s).contains("TABLE").contains("discovery_team ("))
          .anySatisfy(s -> assertThat(s).contains("TABLE").contains("discovery_team_share"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(6))))
          .singleElement()
          .satisfies(s -> assertThat(s).contains("TABLE").contains("discovery_model_state"));
      assertThat(Migrator.statements(Migrator.load(d, Migrator.MIGRATIONS.get(7))))
          .allSatisfy(s -> assertThat(s).doesNotEndWith(";"))
          .anySatisfy(s -> assertThat(s).contains("TABLE").contains("discovery_tracking"));
    }
  }

  @Test
  void aMigrationInterruptedAfterAnyStatementResumesWhereItStopped() throws Exception {
    List<String> v2 = Migrator.statements(Migrator.load(Dialect.H2, Migrator.MIGRATIONS.get(1)));
    assertThat(v2).hasSizeGreaterThan(1);
    // Killed after statement n took effect: with its progress noted (n) or not yet (n - 1).
    for (int n = 1; n <= v2.size(); n++) {
      for (int noted : new int[] {n - 1, n}) {
        JdbcConnectionPool pool =
            JdbcConnectionPool.create("jdbc:h2:mem:resume-" + UUID.randomUUID(), "sa", "");
        try (Connection keepAlive = pool.getConnection();
            Statement s = keepAlive.createStatement()) {
          assertThat(Migrator.migrate(pool, Dialect.H2, 1)).isEqualTo(1);
          for (String statement : v2.subList(0, n)) {
            s.execute(statement);
          }
          if (noted > 0) {
            s.execute("INSERT INTO " + Migrator.PROGRESS_TABLE + " VALUES (2, " + noted + ")");
          }

          assertThat(Migrator.migrate(pool, Dialect.H2))
              .as("statement %d taken effect, %d noted", n, noted)
              .isEqualTo(Migrator.MIGRATIONS.size() - 1);

          JdbcStorage storage = JdbcStorage.builder().dataSource(pool).dialect(Dialect.H2).build();
          assertThat(storage.migrate()).isZero();
          Profile profile = storage.profiles().save(Fixtures.profile(TENANT_A, "After the resume"));
          assertThat(storage.profiles().find(profile.id())).contains(profile);
          try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + Migrator.PROGRESS_TABLE)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
          }
        } finally {
          pool.dispose();
        }
      }
    }
  }

  @Test
  void aMigrationStatementThatFailsForAnotherReasonStillFailsTheMigration() throws Exception {
    JdbcConnectionPool pool =
        JdbcConnectionPool.create("jdbc:h2:mem:broken-" + UUID.randomUUID(), "sa", "");
    try (Connection keepAlive = pool.getConnection();
        Statement s = keepAlive.createStatement()) {
      assertThat(Migrator.migrate(pool, Dialect.H2, 1)).isEqualTo(1);
      // V2's first statement already done and noted; its second one finds a table it cannot
      // create twice, which is not an interruption: the statement before it was noted.
      List<String> v2 = Migrator.statements(Migrator.load(Dialect.H2, Migrator.MIGRATIONS.get(1)));
      s.execute(v2.get(0));
      s.execute(v2.get(1));
      s.execute("INSERT INTO " + Migrator.PROGRESS_TABLE + " VALUES (2, 0)");

      assertThatThrownBy(() -> Migrator.migrate(pool, Dialect.H2))
          .isInstanceOf(io.github.discoverysdk.StorageException.class);
    } finally {
      pool.dispose();
    }
  }

  @Test
  void anOpportunityStoredBeforeVersion2ReadsWithoutChangesAfterTheUpgrade() throws Exception {
    JdbcConnectionPool pool =
        JdbcConnectionPool.create("jdbc:h2:mem:upgrade-" + UUID.randomUUID(), "sa", "");
    try (Connection keepAlive = pool.getConnection()) {
      assertThat(Migrator.migrate(pool, Dialect.H2, 1)).isEqualTo(1);
      JdbcStorage v1 = JdbcStorage.builder().dataSource(pool).dialect(Dialect.H2).build();
      Profile profile = v1.profiles().save(Fixtures.profile(TENANT_A, "Before the upgrade"));
      Opportunity o =
          Opportunity.builder()
              .from(Fixtures.opportunity(profile.id(), key("s-1"), 60, T0))
              .version(1)
              .build();
      insertAsVersion1Did(keepAlive, o);

      assertThat(v1.migrate()).isEqualTo(Migrator.MIGRATIONS.size() - 1);

      assertThat(v1.opportunities().find(o.id())).contains(o);
      assertThat(o.changes()).isEmpty();
      assertThat(o.changedAt()).isEmpty();
      assertThat(v1.opportunities().listBefore(TENANT_A, T0.plusSeconds(1), Set.of(), 5))
          .containsExactly(o);
    } finally {
      pool.dispose();
    }
  }

  /** The INSERT of version 1 of the schema, which had no change columns. */
  private static void insertAsVersion1Did(Connection c, Opportunity o) throws SQLException {
    FeedSupport.SortKey relevance = FeedSupport.sortKey(FeedSort.RELEVANCE, o);
    FeedSupport.SortKey urgency = FeedSupport.sortKey(FeedSort.URGENCY, o);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO discovery_opportunity (tenant, id, profile_id, source_id, external_id,"
                + " signal_key_sha, signal_type, title, url, company, published_at, occurs_at,"
                + " status, score_total, strength, score, matches, temporal, signal_hash,"
                + " created_at, updated_at, last_seen_at, version, sort_score, sort_published,"
                + " sort_urgency, sort_outreach) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = 1;
      ps.setString(i++, o.tenant());
      ps.setString(i++, o.id().value());
      ps.setString(i++, o.profileId().value());
      ps.setString(i++, o.signalKey().sourceId());
      ps.setString(i++, o.signalKey().externalId());
      ps.setString(i++, Sql.sha(o.signalKey()));
      ps.setString(i++, o.signalType().name());
      ps.setString(i++, o.title());
      ps.setString(i++, o.url().map(Object::toString).orElse(null));
      ps.setString(i++, o.company().orElse(null));
      ps.setObject(i++, OffsetDateTime.ofInstant(o.publishedAt(), ZoneOffset.UTC));
      ps.setObject(i++, OffsetDateTime.ofInstant(o.occursAt(), ZoneOffset.UTC));
      ps.setString(i++, o.status().name());
      ps.setDouble(i++, o.score().total());
      ps.setString(i++, o.strength().name());
      ps.setString(i++, Json.score(o.score()));
      ps.setString(i++, Json.matches(o.matches()));
      ps.setString(i++, Json.temporal(o.temporal()));
      ps.setString(i++, o.signalHash());
      ps.setObject(i++, OffsetDateTime.ofInstant(o.createdAt(), ZoneOffset.UTC));
      ps.setObject(i++, OffsetDateTime.ofInstant(o.updatedAt(), ZoneOffset.UTC));
      ps.setObject(i++, OffsetDateTime.ofInstant(o.lastSeenAt(), ZoneOffset.UTC));
      ps.setLong(i++, o.version());
      ps.setLong(i++, relevance.primary());
      ps.setLong(i++, relevance.secondary());
      ps.setLong(i++, urgency.primary());
      ps.setLong(i, urgency.secondary());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  /** A DataSource whose every connection fails the way a driver reports a bad login. */
  private static final class FailingDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException(
          "connection refused for jdbc:h2:tcp://db/x;USER=sa;PASSWORD=hunter2 (password=hunter2)",
          "08001",
          90067);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getLogger("failing");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
