package io.github.discoverysdk.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A {@code users} table of a system of record on one of the test databases, written the way the
 * host's application writes it: {@code updated_at} set by the writer, in UTC without a zone.
 */
final class Replica {
  final Dialect dialect;
  final DataSource dataSource;

  Replica(Dialect dialect, DataSource dataSource) throws SQLException {
    this.dialect = dialect;
    this.dataSource = dataSource;
    String ts = dialect == Dialect.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS users");
      s.execute(
          "CREATE TABLE users (id BIGINT PRIMARY KEY, status VARCHAR(20), agent VARCHAR(50),"
              + " note VARCHAR(50), called_at "
              + ts
              + " NULL, updated_at "
              + ts
              + " NOT NULL)");
      s.execute("CREATE INDEX users_updated ON users (updated_at, id)");
    }
  }

  /** An H2 database in MySQL mode, as the sample's embedded replica. */
  static Replica h2MySql() throws SQLException {
    return new Replica(
        Dialect.H2,
        JdbcConnectionPool.create(
            "jdbc:h2:mem:replica-"
                + java.util.UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "sa",
            ""));
  }

  /** Inserts or updates a user. */
  void put(long id, String status, String agent, Instant updatedAt) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE users SET status = ?, agent = ?, updated_at = ? WHERE id = ?")) {
        ps.setString(1, status);
        ps.setString(2, agent);
        ps.setObject(3, LocalDateTime.ofInstant(updatedAt, ZoneOffset.UTC));
        ps.setLong(4, id);
        if (ps.executeUpdate() == 1) {
          return;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO users (id, status, agent, updated_at) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, status);
        ps.setString(3, agent);
        ps.setObject(4, LocalDateTime.ofInstant(updatedAt, ZoneOffset.UTC));
        ps.executeUpdate();
      }
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  JdbcRecordSource.Builder source() {
    return JdbcRecordSource.builder()
        .id("users")
        .dataSource(dataSource)
        .table("users")
        .keyColumn("id")
        .timestampColumn("updated_at")
        .stateColumns("status")
        .ownerColumn("agent");
  }
}
