package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.support.Hashing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What every SQL store shares: the dialect and the {@link Access} to the database, and the helpers
 * that build statements from constants and {@code ?} placeholders only (no value from a caller ever
 * becomes SQL text), bind and read instants, hash keys and map rows. Immutable; thread-safe when
 * its {@link Access} is.
 */
final class Sql {
  /** Keys per {@code IN (...)} list when loading a batch's stored rows. */
  static final int IN_CHUNK = 500;

  private final Dialect dialect;
  private final Access access;

  Sql(Dialect dialect, Access access) {
    this.dialect = dialect;
    this.access = access;
  }

  Dialect dialect() {
    return dialect;
  }

  Access access() {
    return access;
  }

  /**
   * The dialect's idempotent write of a row by its natural key: {@code INSERT ... ON CONFLICT} on
   * PostgreSQL (optionally only when {@code pgCondition} holds), {@code ON DUPLICATE KEY UPDATE} on
   * MariaDB, {@code MERGE ... KEY} on H2.
   */
  static String upsert(
      Dialect dialect, String table, List<String> columns, List<String> keys, String pgCondition) {
    String cols = String.join(", ", columns);
    String values = placeholders(columns.size());
    List<String> rest = columns.stream().filter(c -> !keys.contains(c)).toList();
    return switch (dialect) {
      case POSTGRESQL -> {
        StringJoiner set = new StringJoiner(", ");
        rest.forEach(c -> set.add(c + " = EXCLUDED." + c));
        yield "INSERT INTO "
            + table
            + " ("
            + cols
            + ") VALUES ("
            + values
            + ") ON CONFLICT ("
            + String.join(", ", keys)
            + ") DO UPDATE SET "
            + set
            + (pgCondition == null ? "" : " WHERE " + pgCondition);
      }
      case MARIADB -> {
        StringJoiner set = new StringJoiner(", ");
        rest.forEach(c -> set.add(c + " = VALUES(" + c + ")"));
        yield "INSERT INTO "
            + table
            + " ("
            + cols
            + ") VALUES ("
            + values
            + ") ON DUPLICATE KEY UPDATE "
            + set;
      }
      case H2 ->
          "MERGE INTO "
              + table
              + " ("
              + cols
              + ") KEY ("
              + String.join(", ", keys)
              + ") VALUES ("
              + values
              + ")";
    };
  }

  /**
   * What makes an INSERT report a conflicting row as "0 rows" instead of failing. Only PostgreSQL
   * needs it: there a failed statement aborts the whole transaction. MariaDB and H2 fail just the
   * statement, and {@link #insert} turns their duplicate-key error into 0.
   */
  String ignoreConflicts() {
    return dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "";
  }

  /**
   * What makes a SELECT read the row as last committed, not as the transaction's snapshot saw it:
   * the stored version named in a conflict message must be the one the failed UPDATE met. MariaDB
   * (InnoDB, REPEATABLE READ) reads a snapshot unless the read locks; the UPDATE that found the
   * version stale already holds that row's lock, so the locking read does not wait. PostgreSQL and
   * H2 read committed rows in each statement.
   */
  String currentRead() {
    return dialect == Dialect.MARIADB ? " LOCK IN SHARE MODE" : "";
  }

  static int insert(PreparedStatement ps) throws SQLException {
    try {
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (Errors.kind(e) == Errors.Kind.UNIQUE_VIOLATION) {
        return 0;
      }
      throw e;
    }
  }

  /**
   * Runs {@code batch}, which checked its keys before writing, under a savepoint; if it fails on a
   * unique key all the same (a concurrent transaction took a key after the check), undoes just the
   * batch and runs {@code oneByOne} instead, which decides row by row through {@link #insert}. For
   * MariaDB and H2, which fail only the statement, and whose JDBC batches then leave no trustworthy
   * trace of which rows went in. Requires a connection in manual-commit mode ({@link
   * Access#atomic}).
   */
  static <T> T batchOrOneByOne(Connection c, SqlWork<T> batch, SqlWork<T> oneByOne)
      throws SQLException {
    java.sql.Savepoint savepoint = c.setSavepoint();
    T result;
    try {
      result = batch.run(c);
    } catch (SQLException e) {
      if (Errors.kind(e) != Errors.Kind.UNIQUE_VIOLATION) {
        throw e;
      }
      c.rollback(savepoint);
      result = oneByOne.run(c);
    }
    c.releaseSavepoint(savepoint);
    return result;
  }

  static String limitClause() {
    return " LIMIT ?";
  }

  /**
   * {@code n} rows of a PostgreSQL multi-row {@code VALUES} list for {@code columns}: {@code (?,
   * ?), (?, ?)}. A {@code VALUES} list takes the type of each column from its parameters, and a
   * null instant is bound untyped, so the instant columns (named {@code *_at}) are cast.
   */
  static String pgRows(int n, List<String> columns) {
    StringJoiner row = new StringJoiner(", ", "(", ")");
    for (String c : columns) {
      row.add(c.endsWith("_at") ? "?::timestamptz" : "?");
    }
    return String.join(", ", java.util.Collections.nCopies(n, row.toString()));
  }

  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  static String assignments(String columns) {
    StringJoiner j = new StringJoiner(", ");
    split(columns).forEach(c -> j.add(c + " = ?"));
    return j.toString();
  }

  static List<String> split(String columns) {
    return List.of(columns.split(",\\s*"));
  }

  void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(
          index, dialect == Dialect.MARIADB ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
    } else if (dialect == Dialect.MARIADB) {
      ps.setObject(index, LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    }
  }

  Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      LocalDateTime v = rs.getObject(column, LocalDateTime.class);
      return v == null ? null : v.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
    return v == null ? null : v.toInstant();
  }

  Instant getInstant(ResultSet rs, int column) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      LocalDateTime v = rs.getObject(column, LocalDateTime.class);
      return v == null ? null : v.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
    return v == null ? null : v.toInstant();
  }

  /** Instants are stored with microsecond precision, the finest all three databases keep. */
  static Instant micros(Instant i) {
    return i.getNano() % 1_000 == 0 ? i : i.truncatedTo(ChronoUnit.MICROS);
  }

  /** SHA-256 of a signal key, the indexed part of an opportunity's natural key. */
  static String sha(SignalKey key) {
    return sha(key.sourceId().length() + ":" + key.sourceId() + key.externalId());
  }

  /** SHA-256 of a tracked subject's kind and key, the indexed part of a tracking row's key. */
  static String sha(TrackedSubject subject) {
    return sha(subject.kind().name() + "\u0000" + subject.key());
  }

  /** SHA-256 of a text in hex: the fixed-size key column of a value of any length. */
  static String sha(String text) {
    return Hashing.sha256Hex(text);
  }

  /** Binds a row's value columns from parameter {@code start}; returns the next index. */
  @FunctionalInterface
  interface RowValues {
    int bind(PreparedStatement ps, int start) throws SQLException;
  }

  /**
   * Inserts (version 0) or updates from its version one row of a table with a version column.
   * {@code columns} is the table's column constant: the key columns (as many as {@code key}
   * values), then the value columns {@code values} binds, then {@code version}. Statements are
   * built from those constants only.
   *
   * @throws ConcurrentUpdateException "{@code what} already exists" when inserting a taken key, or
   *     {@link #stale} when the stored version is another
   */
  void saveVersioned(
      Connection c,
      String table,
      String columns,
      String[] key,
      RowValues values,
      long version,
      String what,
      String kind,
      Object id)
      throws SQLException {
    List<String> all = split(columns);
    List<String> keyColumns = all.subList(0, key.length);
    List<String> valueColumns = all.subList(key.length, all.size() - 1);
    if (version == 0) {
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + columns
              + ") VALUES ("
              + placeholders(all.size())
              + ")"
              + ignoreConflicts();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindStrings(ps, key);
        ps.setLong(values.bind(ps, key.length + 1), 1);
        if (insert(ps) == 0) {
          throw new ConcurrentUpdateException(what + " already exists");
        }
      }
      return;
    }
    String where = String.join(" = ? AND ", keyColumns) + " = ?";
    String sql =
        "UPDATE "
            + table
            + " SET "
            + String.join(" = ?, ", valueColumns)
            + " = ?, version = ? WHERE "
            + where
            + " AND version = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = values.bind(ps, 1);
      ps.setLong(i++, version + 1);
      for (String k : key) {
        ps.setString(i++, k);
      }
      ps.setLong(i, version);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    Optional<Long> stored =
        longValue(c, "SELECT version FROM " + table + " WHERE " + where + currentRead(), key);
    throw stale(kind, id, version, stored);
  }

  static ConcurrentUpdateException stale(
      String kind, Object id, long version, Optional<Long> stored) {
    if (stored.isEmpty()) {
      return new ConcurrentUpdateException(
          kind + " " + id + " does not exist (any more), so version " + version + " is stale");
    }
    return new ConcurrentUpdateException(
        kind
            + " "
            + id
            + " is at version "
            + stored.get()
            + ", not "
            + version
            + ": read it again and retry");
  }

  static Optional<Long> longValue(Connection c, String sql, String... params) throws SQLException {
    return one(c, sql, rs -> rs.getLong(1), params);
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** The first row of a query whose parameters are all strings, or empty. */
  static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, String... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindStrings(ps, params);
      return first(ps, mapper);
    }
  }

  /** Every row of a query whose parameters are all strings. */
  static <T> List<T> many(Connection c, String sql, RowMapper<T> mapper, String... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindStrings(ps, params);
      return all(ps, mapper);
    }
  }

  /** Runs an update or delete whose parameters are all strings; returns the rows it changed. */
  static int update(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindStrings(ps, params);
      return ps.executeUpdate();
    }
  }

  static void bindStrings(PreparedStatement ps, String... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setString(i + 1, params[i]);
    }
  }

  static <T> Optional<T> first(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
    }
  }

  static <T> List<T> all(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return List.copyOf(out);
    }
  }

  static void checkLimit(int limit) {
    if (limit < 0) {
      throw new ValidationException("limit must not be negative, was " + limit);
    }
  }
}
