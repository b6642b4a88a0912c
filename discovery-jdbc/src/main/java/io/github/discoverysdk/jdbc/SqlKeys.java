package io.github.discoverysdk.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A condition that a column is one of a batch's keys, in one statement however many keys: on
 * PostgreSQL one array parameter ({@code column = ANY(?)}), since its protocol caps a statement at
 * 32,767 parameters; elsewhere one {@code IN} list of placeholders, which H2 and MariaDB
 * Connector/J's default client-side prepared statements do not cap (with {@code
 * useServerPrepStmts=true} MariaDB caps a statement at 65,535, far above a run's batch). Stateless.
 */
final class SqlKeys {
  private SqlKeys() {}

  /** The condition's SQL text: constants and placeholders only. */
  static String in(Dialect dialect, String column, int keys) {
    return dialect == Dialect.POSTGRESQL
        ? column + " = ANY(?)"
        : column + " IN (" + Sql.placeholders(keys) + ")";
  }

  /** Binds the keys of {@link #in} from {@code start}; returns the next index. */
  static int bind(Connection c, PreparedStatement ps, int start, Dialect dialect, List<String> keys)
      throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      ps.setArray(start, c.createArrayOf("varchar", keys.toArray()));
      return start + 1;
    }
    int i = start;
    for (String k : keys) {
      ps.setString(i++, k);
    }
    return i;
  }
}
