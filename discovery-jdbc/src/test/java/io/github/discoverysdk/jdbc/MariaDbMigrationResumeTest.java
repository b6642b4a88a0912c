package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MariaDB commits each DDL statement as it runs, so a process killed during a migration leaves it
 * half applied. For every statement of every migration after the first: the statement has taken
 * effect but the migrator had not yet noted it (the worst moment to die); the next start must
 * finish the migration, leave no progress behind, and give a working storage. H2, which commits DDL
 * the same way, has the same test in {@link H2JdbcStorageTest}.
 */
class MariaDbMigrationResumeTest {
  static Stream<Arguments> interruptions() {
    List<Arguments> all = new ArrayList<>();
    for (int version = 2; version <= Migrator.MIGRATIONS.size(); version++) {
      int statements = statements(version).size();
      for (int n = 1; n <= statements; n++) {
        all.add(Arguments.of(version, n));
      }
    }
    return all.stream();
  }

  private static List<String> statements(int version) {
    return Migrator.statements(
        Migrator.load(Dialect.MARIADB, Migrator.MIGRATIONS.get(version - 1)));
  }

  @ParameterizedTest(name = "V{0}, killed after statement {1}, before noting it")
  @MethodSource("interruptions")
  void aMigrationKilledAfterAStatementResumesOnTheNextStart(int version, int n) throws Exception {
    try (TestDatabase database = TestDatabase.mariaDbUnmigrated("")) {
      assertThat(Migrator.migrate(database.dataSource(), Dialect.MARIADB, version - 1))
          .isEqualTo(version - 1);
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement()) {
        for (String statement : statements(version).subList(0, n)) {
          s.execute(statement);
        }
        if (n > 1) {
          s.execute(
              "INSERT INTO "
                  + Migrator.PROGRESS_TABLE
                  + " VALUES ("
                  + Migrator.version(Migrator.MIGRATIONS.get(version - 1))
                  + ", "
                  + (n - 1)
                  + ")");
        }
      }

      assertThat(Migrator.migrate(database.dataSource(), Dialect.MARIADB))
          .isEqualTo(Migrator.MIGRATIONS.size() - (version - 1));

      JdbcStorage storage =
          JdbcStorage.builder().dataSource(database.dataSource()).dialect(Dialect.MARIADB).build();
      assertThat(storage.migrate()).isZero();
      Profile profile = storage.profiles().save(Fixtures.profile("acme", "After the resume"));
      assertThat(storage.profiles().find(profile.id())).contains(profile);
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + Migrator.PROGRESS_TABLE)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isZero();
      }
      // Whatever statement of V9 was interrupted, the tables end NO PAD with their foreign keys.
      try (Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME LIKE 'discovery%' AND TABLE_NAME NOT LIKE"
                    + " 'discovery_schema%' AND COLLATION_NAME NOT IN ('utf8mb4_nopad_bin',"
                    + " 'ascii_bin')")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).as("columns left with a PAD SPACE collation").isZero();
        }
        try (ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
          assertThat(rs.next()).isTrue();
          // 6 up to V12, and V13's discovery_insight_card to its opportunity.
          assertThat(rs.getInt(1)).as("foreign keys").isEqualTo(7);
        }
      }
      storage.profiles().save(Fixtures.profile("acme", "Near duplicate key"));
      Profile spaced =
          storage
              .profiles()
              .save(
                  Profile.builder()
                      .from(Fixtures.profile("acme", "Trailing space"))
                      .id(
                          io.github.discoverysdk.model.ProfileId.of(
                              "acme", profile.id().value() + " "))
                      .build());
      assertThat(storage.profiles().find(profile.id())).contains(profile);
      assertThat(storage.profiles().find(spaced.id())).contains(spaced);
    }
  }
}
