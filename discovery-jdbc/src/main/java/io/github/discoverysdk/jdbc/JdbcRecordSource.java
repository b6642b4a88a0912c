package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.records.RecordCursor;
import io.github.discoverysdk.records.RecordRead;
import io.github.discoverysdk.records.RecordSource;
import io.github.discoverysdk.records.SourceRow;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RecordSource} over one table or view of a system of record on MariaDB/MySQL, PostgreSQL
 * or H2, typically a read replica. It reads the rows after a cursor in keyset order:
 *
 * <pre>{@code
 * SELECT key, ts, state... FROM table WHERE ts >= ? AND (ts > ? OR key > ?) ORDER BY ts, key LIMIT ?
 * }</pre>
 *
 * so rows sharing one timestamp across a page boundary are neither skipped nor repeated; index
 * {@code (ts, key)} on the table for it to be a range scan.
 *
 * <p><b>No SQL text from caller values.</b> The table and columns the host declares are looked up
 * in the database's metadata (exact name first, then the one name that matches ignoring case), and
 * only the names the metadata returns go into the statement, quoted with the database's identifier
 * quote. A declared name that matches nothing fails with {@link ValidationException} naming the
 * setting; so does a column that disappears later (the failing read checks the metadata again). A
 * query over several tables is declared as a view.
 *
 * <p>Keys compare in the database's order: numeric key columns are bound as numbers. Timestamps
 * without a zone ({@code DATETIME}, {@code TIMESTAMP}) are read in {@link Builder#zone} (UTC by
 * default). State, owner and key values are read as text ({@code ResultSet.getString}); SQL {@code
 * NULL} state values are left out of the state.
 *
 * <p>Thread-safe: it keeps only the resolved names, and takes a connection per read.
 */
public final class JdbcRecordSource implements RecordSource {
  private final String id;
  private final DataSource dataSource;
  private final String table;
  private final String keyColumn;
  private final String timestampColumn;
  private final List<String> stateColumns;
  private final Optional<String> ownerColumn;
  private final Optional<String> activityColumn;
  private final ZoneId zone;
  private volatile Resolved resolved;

  private JdbcRecordSource(Builder b) {
    this.id = b.id;
    this.dataSource = b.dataSource;
    this.table = b.table;
    this.keyColumn = b.keyColumn;
    this.timestampColumn = b.timestampColumn;
    this.stateColumns = List.copyOf(b.stateColumns);
    this.ownerColumn = Optional.ofNullable(b.ownerColumn);
    this.activityColumn = Optional.ofNullable(b.activityColumn);
    this.zone = b.zone;
  }

  /** A new builder; id, dataSource, table, keyColumn and timestampColumn are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /** The names as the database has them, quoted, and the statement built from them. */
  private record Resolved(
      String select,
      String afterKey,
      String order,
      boolean numericKey,
      boolean zonedTimestamp,
      boolean zonedActivity) {}

  @Override
  public void validate() {
    resolved = resolve();
  }

  private Resolved resolve() {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String quote = md.getIdentifierQuoteString().strip();
      String actualTable = findTable(c, md);
      Map<String, Integer> columns = new LinkedHashMap<>();
      try (ResultSet rs = md.getColumns(c.getCatalog(), schema(c), actualTable, "%")) {
        while (rs.next()) {
          columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      String key = column(columns, keyColumn, "keyColumn");
      String ts = column(columns, timestampColumn, "timestampColumn");
      List<String> state = new ArrayList<>();
      for (String s : stateColumns) {
        state.add(column(columns, s, "stateColumns"));
      }
      Optional<String> owner = ownerColumn.map(o -> column(columns, o, "ownerColumn"));
      Optional<String> activity = activityColumn.map(a -> column(columns, a, "activityColumn"));
      if (!isTimestamp(columns.get(ts))) {
        throw invalid(
            "timestampColumn", "column " + ts + " of " + actualTable + " is not a timestamp");
      }
      String q = quote.isEmpty() ? "\"" : quote;
      StringBuilder select =
          new StringBuilder("SELECT ").append(quoted(q, key)).append(", ").append(quoted(q, ts));
      for (String s : state) {
        select.append(", ").append(quoted(q, s));
      }
      owner.ifPresent(o -> select.append(", ").append(quoted(q, o)));
      activity.ifPresent(a -> select.append(", ").append(quoted(q, a)));
      select
          .append(" FROM ")
          .append(quoted(q, actualTable))
          .append(" WHERE ")
          .append(quoted(q, ts))
          .append(" >= ?");
      String withKey = " AND (" + quoted(q, ts) + " > ? OR " + quoted(q, key) + " > ?)";
      String order = " ORDER BY " + quoted(q, ts) + ", " + quoted(q, key) + " LIMIT ?";
      return new Resolved(
          select.toString(),
          withKey,
          order,
          isNumeric(columns.get(key)),
          columns.get(ts) == Types.TIMESTAMP_WITH_TIMEZONE,
          activity.map(a -> columns.get(a) == Types.TIMESTAMP_WITH_TIMEZONE).orElse(false));
    } catch (SQLException e) {
      throw new SourceException(
          id, "could not read the metadata of table " + table + ": " + e.getMessage(), e);
    }
  }

  private static String schema(Connection c) {
    try {
      return c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  private String findTable(Connection c, DatabaseMetaData md) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        md.getTables(c.getCatalog(), schema(c), "%", new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return match(names, table, "table");
  }

  private String column(Map<String, Integer> columns, String declared, String setting) {
    return match(List.copyOf(columns.keySet()), declared, setting);
  }

  /** The one name the database has for {@code declared}: itself, or the one equal ignoring case. */
  private String match(List<String> names, String declared, String setting) {
    if (names.contains(declared)) {
      return declared;
    }
    List<String> loose = names.stream().filter(n -> n.equalsIgnoreCase(declared)).toList();
    if (loose.size() == 1) {
      return loose.get(0);
    }
    throw invalid(
        setting,
        (setting.equals("table") ? "table " : "column ")
            + declared
            + (setting.equals("table") ? "" : " of table " + table)
            + (loose.isEmpty() ? " does not exist" : " is ambiguous: " + loose));
  }

  private ValidationException invalid(String setting, String what) {
    return new ValidationException("record source " + id + ": " + setting + ": " + what);
  }

  private static String quoted(String quote, String name) {
    return quote + name.replace(quote, quote + quote) + quote;
  }

  private static boolean isNumeric(Integer type) {
    return type != null
        && (type == Types.BIGINT
            || type == Types.INTEGER
            || type == Types.SMALLINT
            || type == Types.TINYINT
            || type == Types.NUMERIC
            || type == Types.DECIMAL);
  }

  private static boolean isTimestamp(Integer type) {
    return type != null
        && (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.DATE);
  }

  @Override
  public List<SourceRow> read(RecordRead request) {
    Objects.requireNonNull(request, "request");
    Resolved r = resolved;
    if (r == null) {
      r = resolve();
      resolved = r;
    }
    try {
      return read(r, request);
    } catch (SQLException e) {
      // A column or table that disappeared since the names were resolved: say which setting.
      resolved = null;
      Resolved again = resolve();
      resolved = again;
      throw new SourceException(id, "read failed: " + e.getMessage(), e);
    }
  }

  private List<SourceRow> read(Resolved r, RecordRead request) throws SQLException {
    RecordCursor after = request.after();
    String sql = r.select() + (after.key().isPresent() ? r.afterKey() : "") + r.order();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      setTimestamp(ps, i++, after.at(), r.zonedTimestamp());
      if (after.key().isPresent()) {
        setTimestamp(ps, i++, after.at(), r.zonedTimestamp());
        if (r.numericKey()) {
          ps.setLong(i++, Long.parseLong(after.key().get()));
        } else {
          ps.setString(i++, after.key().get());
        }
      }
      ps.setInt(i, request.limit());
      List<SourceRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int col = 1;
          String key = rs.getString(col++);
          Instant at = timestamp(rs, col++, r.zonedTimestamp());
          Map<String, String> state = new LinkedHashMap<>();
          for (String s : stateColumns) {
            String v = rs.getString(col++);
            if (v != null) {
              state.put(s, v);
            }
          }
          Optional<String> owner =
              ownerColumn.isPresent() ? Optional.ofNullable(rs.getString(col++)) : Optional.empty();
          Optional<Instant> activity =
              activityColumn.isPresent()
                  ? Optional.ofNullable(timestamp(rs, col, r.zonedActivity()))
                  : Optional.empty();
          if (key == null || at == null) {
            continue; // a row without key or timestamp cannot be tracked; it is not in the order
          }
          rows.add(new SourceRow(key, at, state, owner, activity));
        }
      }
      return List.copyOf(rows);
    }
  }

  private void setTimestamp(PreparedStatement ps, int i, Instant at, boolean zoned)
      throws SQLException {
    if (zoned) {
      ps.setObject(i, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    } else {
      ps.setObject(i, LocalDateTime.ofInstant(at, zone));
    }
  }

  private Instant timestamp(ResultSet rs, int i, boolean zoned) throws SQLException {
    if (zoned) {
      OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
      return v == null ? null : v.toInstant();
    }
    LocalDateTime v = rs.getObject(i, LocalDateTime.class);
    return v == null ? null : v.atZone(zone).toInstant();
  }

  @Override
  public String toString() {
    return "JdbcRecordSource[" + id + ": " + table + "]";
  }

  /** Builds a {@link JdbcRecordSource}. Not thread-safe; setters check their value at once. */
  public static final class Builder {
    private String id;
    private DataSource dataSource;
    private String table;
    private String keyColumn;
    private String timestampColumn;
    private final List<String> stateColumns = new ArrayList<>();
    private String ownerColumn;
    private String activityColumn;
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    private static String name(String setting, String value) {
      if (value == null || value.isBlank()) {
        throw new ValidationException("record source: " + setting + " must not be blank");
      }
      return value;
    }

    /** The source's id, the default record type of its jobs. */
    public Builder id(String id) {
      this.id = name("id", id);
      return this;
    }

    /** The connection pool of the system of record (a read replica will do). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The table or view, as the database names it (matched ignoring case when unambiguous). */
    public Builder table(String table) {
      this.table = name("table", table);
      return this;
    }

    public Builder keyColumn(String column) {
      this.keyColumn = name("keyColumn", column);
      return this;
    }

    /** The column a change of the row updates: {@code updated_at}, or {@code created_at}. */
    public Builder timestampColumn(String column) {
      this.timestampColumn = name("timestampColumn", column);
      return this;
    }

    /** The columns whose values make the record's state. */
    public Builder stateColumns(String... columns) {
      for (String c : columns) {
        stateColumns.add(name("stateColumns", c));
      }
      return this;
    }

    /** Who works the record, for queues by owner. */
    public Builder ownerColumn(String column) {
      this.ownerColumn = name("ownerColumn", column);
      return this;
    }

    /** The record's last activity (a call), for the recent-activity filter of queues. */
    public Builder activityColumn(String column) {
      this.activityColumn = name("activityColumn", column);
      return this;
    }

    /** The zone of timestamp columns without one; UTC by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * @throws ValidationException if a required setting is missing; the names are checked against
     *     the database on {@link JdbcRecordSource#validate()} or the first read
     */
    public JdbcRecordSource build() {
      name("id", id);
      Objects.requireNonNull(dataSource, "dataSource");
      name("table", table);
      name("keyColumn", keyColumn);
      name("timestampColumn", timestampColumn);
      return new JdbcRecordSource(this);
    }
  }
}
