package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  /**
   * Every text column of the SDK's tables compares with a NO PAD collation: under MariaDB's PAD
   * SPACE collations ({@code utf8mb4_bin} among them) {@code 'acme' = 'acme '}, so a tenant or key
   * with trailing spaces would read and overwrite its near-duplicate's rows.
   */
  @Test
  void everyTextColumnComparesWithoutPadding() throws Exception {
    Map<String, String> padded = new TreeMap<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL"
                    + " AND TABLE_NAME LIKE 'discovery%' AND TABLE_NAME NOT LIKE 'discovery_schema%'")) {
      int columns = 0;
      while (rs.next()) {
        columns++;
        String collation = rs.getString(3);
        if (!collation.equals("utf8mb4_nopad_bin") && !collation.equals("ascii_bin")) {
          padded.put(rs.getString(1) + "." + rs.getString(2), collation);
        }
      }
      assertThat(columns).isGreaterThan(50);
    }
    assertThat(padded).as("text columns with a PAD SPACE or other collation").isEmpty();
  }

  /**
   * At the SQL level, below the model's tenant rule: a row written straight into the table under
   * {@code "acme "} (trailing space) is another tenant's row. It does not collide with {@code
   * "acme"}'s primary key, and reads of {@code "acme"} do not return it.
   */
  @Test
  void aRawRowUnderATrailingSpaceTenantIsAnotherTenantsRow() throws Exception {
    Profile acme = storage.profiles().save(Fixtures.profile("acme", "Acme's own"));
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE near_duplicate AS SELECT * FROM discovery_profile"
              + " WHERE tenant = 'acme'");
      s.execute("UPDATE near_duplicate SET tenant = 'acme ', name = 'Intruder'");
      s.execute("INSERT INTO discovery_profile SELECT * FROM near_duplicate");
      try (ResultSet rs =
          s.executeQuery("SELECT COUNT(*) FROM discovery_profile WHERE tenant = 'acme'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }

    assertThat(storage.profiles().list("acme")).containsExactly(acme);
    assertThat(storage.profiles().find(acme.id())).contains(acme);
    assertThat(storage.profiles().tenants()).contains("acme", "acme ");
  }
}
