package io.github.discoverysdk.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a statement built piece by piece, in the order its text names them: strings,
 * numbers and instants, bound by type. Not thread-safe; one per statement.
 */
final class SqlInsightParams {
  private final Sql db;
  private final List<Object> values = new ArrayList<>();

  SqlInsightParams(Sql db) {
    this.db = db;
  }

  /** Adds values; returns the text {@code "?"} once per value, comma-separated. */
  String add(Object... more) {
    for (Object v : more) {
      values.add(v);
    }
    return Sql.placeholders(more.length);
  }

  /** Adds the parameters of a scope; returns its condition. */
  String add(SqlScope scope) {
    values.addAll(scope.params());
    return scope.condition();
  }

  void bind(PreparedStatement ps) throws SQLException {
    int i = 1;
    for (Object v : values) {
      if (v instanceof Instant t) {
        db.setInstant(ps, i++, t);
      } else if (v instanceof Long l) {
        ps.setLong(i++, l);
      } else if (v instanceof Integer n) {
        ps.setInt(i++, n);
      } else if (v instanceof Double d) {
        ps.setDouble(i++, d);
      } else {
        ps.setString(i++, (String) v);
      }
    }
  }
}
