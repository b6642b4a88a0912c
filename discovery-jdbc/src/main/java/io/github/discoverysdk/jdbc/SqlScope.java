package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AccessScope} as a condition on the {@code owner} and {@code team} columns of an account
 * row: empty for the whole tenant, else {@code AND (owner = ? OR team IN (?, ...))}, and {@code AND
 * 1 = 0} for a scope that covers nothing. Only constants and placeholders become SQL text; the user
 * and teams are bound. Immutable.
 *
 * @param condition the text to append to a {@code WHERE} clause, starting with {@code " AND"}
 * @param params the values of its placeholders, in order
 */
record SqlScope(String condition, List<String> params) {
  /** The condition on the account columns of the table aliased {@code alias} ("a."). */
  static SqlScope of(AccessScope scope, String alias) {
    if (scope.all()) {
      return new SqlScope("", List.of());
    }
    List<String> parts = new ArrayList<>();
    List<String> params = new ArrayList<>();
    scope
        .owner()
        .ifPresent(
            o -> {
              parts.add(alias + "owner = ?");
              params.add(o);
            });
    if (!scope.teams().isEmpty()) {
      List<String> teams = List.copyOf(scope.teams());
      parts.add(alias + "team IN (" + Sql.placeholders(teams.size()) + ")");
      params.addAll(teams);
    }
    if (parts.isEmpty()) {
      return new SqlScope(" AND 1 = 0", List.of());
    }
    return new SqlScope(" AND (" + String.join(" OR ", parts) + ")", List.copyOf(params));
  }

  /** Whether rows outside every account (a card without one) may be returned: only for all. */
  boolean all() {
    return condition.isEmpty();
  }

  /** Binds the parameters from {@code start}; returns the next index. */
  int bind(PreparedStatement ps, int start) throws SQLException {
    int i = start;
    for (String p : params) {
      ps.setString(i++, p);
    }
    return i;
  }
}
