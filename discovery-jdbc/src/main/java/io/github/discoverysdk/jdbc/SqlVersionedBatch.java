package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A batch of {@link Sql#saveVersioned} writes to one table keyed by (tenant, id), in a number of
 * statements that does not grow with the batch; the rows' keys must be distinct. Each row is judged
 * as {@code saveVersioned} judges it: an insert (version 0) of a taken key throws "already exists",
 * an update from a version other than the stored one throws {@link Sql#stale}, for the first such
 * row of the batch. What the batch wrote before it threw is undone only by the rollback of the
 * transaction it runs in.
 *
 * <p>On PostgreSQL, per {@link #PG_ROWS} rows: one multi-row {@code INSERT ... ON CONFLICT DO
 * NOTHING RETURNING} and one {@code UPDATE ... FROM (VALUES ...) RETURNING}; a row missing from
 * what they return failed, and neither fails a statement, so the transaction stays usable. On
 * MariaDB and H2: one query per tenant and {@link Sql#IN_CHUNK} inserts for keys already taken,
 * then one JDBC batch of inserts and one of updates whose counts say which updates were stale (an
 * update always moves the version, so MariaDB's {@code useAffectedRows=true} counts it too).
 * Stateless; the statements are built from the table's column constant only.
 */
final class SqlVersionedBatch {
  /** Rows per PostgreSQL statement; a table of up to 32 columns stays under 32,767 parameters. */
  static final int PG_ROWS = 1_000;

  /**
   * One row: its key, its caller's version, how to bind its value columns, what it is for messages
   * ("profile t/p") and its id as messages name it.
   */
  record Row(
      String tenant, String id, long version, Sql.RowValues values, String what, Object name) {}

  private final Sql db;
  private final String table;
  private final List<String> valueColumns;
  private final String columns;
  private final String kind;

  /**
   * @param columns the table's column constant: {@code tenant, id}, the value columns, {@code
   *     version}
   * @param kind what a row is, for messages ("profile")
   */
  SqlVersionedBatch(Sql db, String table, String columns, String kind) {
    this.db = db;
    this.table = table;
    this.columns = columns;
    List<String> all = Sql.split(columns);
    this.valueColumns = all.subList(2, all.size() - 1);
    this.kind = kind;
  }

  /** Whether no (tenant, id) occurs twice. */
  static boolean distinct(List<Row> rows) {
    Set<List<String>> keys = new HashSet<>();
    for (Row r : rows) {
      if (!keys.add(List.of(r.tenant(), r.id()))) {
        return false;
      }
    }
    return true;
  }

  void save(Connection c, List<Row> rows) throws SQLException {
    List<Row> inserts = new ArrayList<>();
    List<Row> updates = new ArrayList<>();
    for (Row r : rows) {
      (r.version() == 0 ? inserts : updates).add(r);
    }
    if (db.dialect() == Dialect.POSTGRESQL) {
      for (int from = 0; from < inserts.size(); from += PG_ROWS) {
        pgInsert(c, inserts.subList(from, Math.min(inserts.size(), from + PG_ROWS)));
      }
      for (int from = 0; from < updates.size(); from += PG_ROWS) {
        pgUpdate(c, updates.subList(from, Math.min(updates.size(), from + PG_ROWS)));
      }
    } else {
      checkNoneExists(c, inserts);
      batchInsert(c, inserts);
      batchUpdate(c, updates);
    }
  }

  private void pgInsert(Connection c, List<Row> chunk) throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + columns
            + ") VALUES "
            + Sql.pgRows(chunk.size(), Sql.split(columns))
            + " ON CONFLICT DO NOTHING RETURNING tenant, id";
    Set<List<String>> done;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Row r : chunk) {
        ps.setString(i++, r.tenant());
        ps.setString(i++, r.id());
        i = r.values().bind(ps, i);
        ps.setLong(i++, 1);
      }
      done = keys(ps);
    }
    for (Row r : chunk) {
      if (!done.contains(List.of(r.tenant(), r.id()))) {
        throw new ConcurrentUpdateException(r.what() + " already exists");
      }
    }
  }

  private void pgUpdate(Connection c, List<Row> chunk) throws SQLException {
    StringJoiner set = new StringJoiner(", ");
    valueColumns.forEach(col -> set.add(col + " = v." + col));
    List<String> updateValues = new ArrayList<>(List.of("tenant", "id", "old_version"));
    updateValues.addAll(valueColumns);
    String sql =
        "UPDATE "
            + table
            + " AS t SET "
            + set
            + ", version = v.old_version + 1 FROM (VALUES "
            + Sql.pgRows(chunk.size(), updateValues)
            + ") AS v (tenant, id, old_version, "
            + String.join(", ", valueColumns)
            + ") WHERE t.tenant = v.tenant AND t.id = v.id AND t.version = v.old_version"
            + " RETURNING t.tenant, t.id";
    Set<List<String>> done;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Row r : chunk) {
        ps.setString(i++, r.tenant());
        ps.setString(i++, r.id());
        ps.setLong(i++, r.version());
        i = r.values().bind(ps, i);
      }
      done = keys(ps);
    }
    for (Row r : chunk) {
      if (!done.contains(List.of(r.tenant(), r.id()))) {
        throw stale(c, r);
      }
    }
  }

  private static Set<List<String>> keys(PreparedStatement ps) throws SQLException {
    Set<List<String>> out = new HashSet<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(List.of(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  private ConcurrentUpdateException stale(Connection c, Row r) throws SQLException {
    Optional<Long> stored =
        Sql.longValue(
            c,
            "SELECT version FROM " + table + " WHERE tenant = ? AND id = ?" + db.currentRead(),
            r.tenant(),
            r.id());
    return Sql.stale(kind, r.name(), r.version(), stored);
  }

  private void checkNoneExists(Connection c, List<Row> inserts) throws SQLException {
    Map<String, List<Row>> byTenant = new LinkedHashMap<>();
    inserts.forEach(r -> byTenant.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(r));
    Set<List<String>> taken = new HashSet<>();
    for (Map.Entry<String, List<Row>> e : byTenant.entrySet()) {
      List<Row> all = e.getValue();
      for (int from = 0; from < all.size(); from += Sql.IN_CHUNK) {
        List<Row> chunk = all.subList(from, Math.min(all.size(), from + Sql.IN_CHUNK));
        String sql =
            "SELECT tenant, id FROM "
                + table
                + " WHERE tenant = ? AND id IN ("
                + Sql.placeholders(chunk.size())
                + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setString(i++, e.getKey());
          for (Row r : chunk) {
            ps.setString(i++, r.id());
          }
          taken.addAll(keys(ps));
        }
      }
    }
    for (Row r : inserts) {
      if (taken.contains(List.of(r.tenant(), r.id()))) {
        throw new ConcurrentUpdateException(r.what() + " already exists");
      }
    }
  }

  private void batchInsert(Connection c, List<Row> inserts) throws SQLException {
    if (inserts.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + columns
            + ") VALUES ("
            + Sql.placeholders(valueColumns.size() + 3)
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Row r : inserts) {
        ps.setString(1, r.tenant());
        ps.setString(2, r.id());
        ps.setLong(r.values().bind(ps, 3), 1);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void batchUpdate(Connection c, List<Row> updates) throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    String sql =
        "UPDATE "
            + table
            + " SET "
            + String.join(" = ?, ", valueColumns)
            + " = ?, version = ? WHERE tenant = ? AND id = ? AND version = ?";
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Row r : updates) {
        int i = r.values().bind(ps, 1);
        ps.setLong(i++, r.version() + 1);
        ps.setString(i++, r.tenant());
        ps.setString(i++, r.id());
        ps.setLong(i, r.version());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    for (int k = 0; k < updates.size(); k++) {
      if (k >= counts.length || counts[k] == 0 || counts[k] == Statement.EXECUTE_FAILED) {
        throw stale(c, updates.get(k));
      }
    }
  }
}
