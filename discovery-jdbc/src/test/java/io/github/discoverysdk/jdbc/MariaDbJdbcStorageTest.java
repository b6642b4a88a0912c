package io.github.discoverysdk.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on MariaDB, in a fresh database on the server of {@code
 * DISCOVERY_TEST_MARIADB_URL}. Skipped without the URL, unless {@code
 * DISCOVERY_TEST_MARIADB_REQUIRED=true}, which turns a missing URL into a failure; an unreachable
 * server always fails.
 */
class MariaDbJdbcStorageTest extends JdbcStorageContract {
  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.mariaDb();
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
}
