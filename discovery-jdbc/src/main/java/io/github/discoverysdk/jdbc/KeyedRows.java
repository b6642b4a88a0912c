package io.github.discoverysdk.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads rows of a table keyed by (tenant, one discriminating column, {@code subject_key}) for many
 * keys at once: one query per {@link Sql#IN_CHUNK} keys, on one connection. Used by the closed-deal
 * enrichment cache and its statuses, which also save their rows here in one JDBC batch. Stateless.
 */
final class KeyedRows {
  private KeyedRows() {}

  /**
   * The rows of {@code tenant} whose {@code column} is {@code value} and whose {@code subject_key}
   * is among {@code keys}, by key; keys without a row are absent.
   *
   * @param what how the read is named in errors, for example "cached enrichments"
   */
  static <T> Map<String, T> find(
      Sql db,
      String what,
      String table,
      List<String> columns,
      String tenant,
      String column,
      String value,
      Collection<String> keys,
      Sql.RowMapper<T> mapper,
      Function<T, String> keyOf) {
    List<String> wanted = List.copyOf(new LinkedHashSet<>(keys));
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return db.access()
        .run(
            "find " + wanted.size() + " " + what + " of tenant " + tenant,
            c -> {
              Map<String, T> out = new HashMap<>();
              for (int from = 0; from < wanted.size(); from += Sql.IN_CHUNK) {
                List<String> chunk =
                    wanted.subList(from, Math.min(wanted.size(), from + Sql.IN_CHUNK));
                String sql =
                    "SELECT "
                        + String.join(", ", columns)
                        + " FROM "
                        + table
                        + " WHERE tenant = ? AND "
                        + column
                        + " = ? AND subject_key IN ("
                        + Sql.placeholders(chunk.size())
                        + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                  int i = 1;
                  ps.setString(i++, tenant);
                  ps.setString(i++, value);
                  for (String k : chunk) {
                    ps.setString(i++, k);
                  }
                  for (T row : Sql.all(ps, mapper)) {
                    out.put(keyOf.apply(row), row);
                  }
                }
              }
              return Map.copyOf(out);
            });
  }

  /** Binds one row's columns, in the table's column order, from parameter 1. */
  interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  /**
   * Upserts {@code rows} into {@code table} on {@code keyColumns} in one JDBC batch, in one
   * transaction; nothing when there are none.
   *
   * @param what how the write is named in errors, for example "cached enrichments"
   */
  static <T> void save(
      Sql db,
      String what,
      String table,
      List<String> columns,
      List<String> keyColumns,
      List<T> rows,
      Binder<T> binder) {
    if (rows.isEmpty()) {
      return;
    }
    String sql = Sql.upsert(db.dialect(), table, columns, keyColumns, null);
    db.access()
        .atomic(
            "save " + rows.size() + " " + what,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (T row : rows) {
                  binder.bind(ps, row);
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              return null;
            });
  }
}
