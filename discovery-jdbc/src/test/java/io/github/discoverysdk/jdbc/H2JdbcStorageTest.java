package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.testkit.Fixtures;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
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
      profile = first.saveProfile(Fixtures.profile(TENANT_A, "Persistent"));
      assertThat(first.upsertSignal(TENANT_A, signal)).isEqualTo(SignalWrite.NEW);
    }

    try (JdbcStorage second = JdbcStorage.h2File(data)) {
      assertThat(second.migrate()).isZero();
      assertThat(second.findProfile(profile.id())).contains(profile);
      assertThat(second.upsertSignal(TENANT_A, signal)).isEqualTo(SignalWrite.UNCHANGED);
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
      one.saveProfile(Fixtures.profile(TENANT_A, "Only in one"));

      assertThat(one.listProfiles(TENANT_A)).hasSize(1);
      assertThat(two.listProfiles(TENANT_A)).isEmpty();
    }
  }

  @Test
  void aFailingDatabaseGivesAStorageErrorWithTheSqlStateButNoCredentials() {
    DataSource failing = new FailingDataSource();
    JdbcStorage broken = JdbcStorage.builder().dataSource(failing).dialect(Dialect.H2).build();

    assertThatThrownBy(() -> broken.listProfiles(TENANT_A))
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
