package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on MariaDB with the driver's {@code useAffectedRows=true} (test plan DB-11):
 * an UPDATE that changes nothing then counts 0 rows instead of the rows it found, and an upsert
 * that changes nothing counts 0 instead of 1. Hosts set it; the SDK must judge versions, upserts
 * and conflicts the same either way. {@link MariaDbJdbcStorageTest} covers the default.
 */
class MariaDbAffectedRowsJdbcStorageTest extends JdbcStorageContract {
  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.mariaDb("useAffectedRows=true");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  @Override
  TestDatabase database() {
    return database;
  }

  /** The setting really is in force: an update that changes nothing counts no rows. */
  @Test
  void theDriverCountsOnlyChangedRows() throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE affected_probe (id INT PRIMARY KEY, v INT)");
      s.execute("INSERT INTO affected_probe VALUES (1, 1)");
      try (PreparedStatement same = c.prepareStatement("UPDATE affected_probe SET v = 1")) {
        assertThat(same.executeUpdate()).isZero();
      }
    }
  }
}
