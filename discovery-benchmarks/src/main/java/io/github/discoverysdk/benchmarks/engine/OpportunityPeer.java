package io.github.discoverysdk.benchmarks.engine;

import io.github.discoverysdk.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The bound of the run's opportunity writes: the rows the run wrote, read back from {@code
 * discovery_opportunity}, inserted into an empty copy of that table by a hand-written batched
 * {@code INSERT} in one transaction. The copy is made by replaying the storage's own migrations for
 * that table under another name, so it has the same columns, keys, indexes and foreign key to the
 * profiles. Nothing else a run does (matching, scoring, reading what is stored, JSON) is in the
 * bound: it is what the database needs to take these rows.
 */
final class OpportunityPeer {
  static final String TABLE = "discovery_opportunity";
  static final String COPY = "discovery_opportunity_peer";
  private static final int BATCH = 1_000;

  // A statement that creates or alters the table or adds an index on it, not another table's.
  private static final Pattern OWN_DDL =
      Pattern.compile(
          "(?is)^(CREATE\\s+TABLE|ALTER\\s+TABLE|CREATE\\s+(UNIQUE\\s+)?INDEX\\s+\\w+\\s+ON)\\s+"
              + TABLE
              + "\\b.*");

  /** What the peer did. */
  record Result(int rows, long nanos) {
    double rowsPerSecond() {
      return rows / (nanos / 1e9);
    }
  }

  private OpportunityPeer() {}

  /** Creates the empty copy of the opportunity table from the dialect's migrations. */
  static void createCopy(Connection c, Dialect dialect) throws SQLException, IOException {
    List<String> ddl = new ArrayList<>();
    for (String resource : dialect.migrationResources()) {
      String sql;
      try (InputStream in = OpportunityPeer.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("migration " + resource + " not on the class path");
        }
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      StringBuilder code = new StringBuilder();
      for (String line : sql.split("\n")) {
        if (!line.strip().startsWith("--")) {
          code.append(line).append('\n');
        }
      }
      for (String statement : code.toString().split(";")) {
        String s = statement.strip();
        if (OWN_DDL.matcher(s).matches()) {
          // Renames the table and its constraints and indexes, whose names start with its name.
          ddl.add(s.replaceAll("\\b" + TABLE, COPY));
        }
      }
    }
    if (ddl.stream().noneMatch(s -> s.regionMatches(true, 0, "CREATE TABLE", 0, 12))) {
      throw new IllegalStateException(
          "no CREATE TABLE " + TABLE + " in the " + dialect + " migrations");
    }
    boolean auto = c.getAutoCommit();
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + COPY);
      for (String s : ddl) {
        st.execute(s);
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Reads every row the run wrote, in primary-key order; outside the timing. */
  static List<Object[]> readRows(Connection c, List<String> columns) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + TABLE + " ORDER BY tenant, id")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnName(i));
      }
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Inserts the rows into the empty copy: batches of 1,000, one transaction; timed. */
  static Result insert(Connection c, List<String> columns, List<Object[]> rows)
      throws SQLException {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    columns.forEach(
        n -> {
          names.add(n);
          marks.add("?");
        });
    String sql = "INSERT INTO " + COPY + " (" + names + ") VALUES (" + marks + ")";
    boolean auto = c.getAutoCommit();
    long start = System.nanoTime();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    long nanos = System.nanoTime() - start;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + COPY)) {
      rs.next();
      if (rs.getInt(1) != rows.size()) {
        throw new IllegalStateException(
            "the peer inserted " + rs.getInt(1) + " rows, expected " + rows.size());
      }
    }
    return new Result(rows.size(), nanos);
  }
}
