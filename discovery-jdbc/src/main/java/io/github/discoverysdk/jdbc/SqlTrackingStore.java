package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import io.github.discoverysdk.storage.TrackingSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link TrackingStore} in SQL: observations read across tenants by design. Thread-safe when its
 * {@link Access} is.
 */
final class SqlTrackingStore implements TrackingStore {
  private final Sql db;

  SqlTrackingStore(Sql sql) {
    this.db = sql;
  }

  // ---- tracking observations: the one table read across tenants, by design

  private static final String TRACKING_COLUMNS =
      "subject_sha, subject_kind, subject_key, tenant, profile_id, epoch_day, tracked_at,"
          + " industries";

  /**
   * Time, then tenant, profile and subject: {@code subject_kind} sorts as the prefix of {@link
   * TrackedSubject#toString()} does, and the keys compare byte-wise like the ids.
   */
  private static final String TRACKING_ORDER =
      " ORDER BY tracked_at, tenant, profile_id, subject_kind, subject_key";

  /** A row as read across tenants: tenant and profile become pseudonyms here, in Java. */
  private AnonymousObservation trackingObservation(ResultSet rs) throws SQLException {
    return AnonymousObservation.of(
        new TrackingObservation(
            ProfileId.of(rs.getString("tenant"), rs.getString("profile_id")),
            new TrackedSubject(
                TrackedSubject.Kind.valueOf(rs.getString("subject_kind")),
                rs.getString("subject_key")),
            db.getInstant(rs, "tracked_at"),
            Set.copyOf(Json.readStrings(rs.getString("industries")))));
  }

  /** Observations per PostgreSQL multi-row statement: 8 parameters a row, far under its limit. */
  static final int PG_ROWS = 1_000;

  private static final String INSERT =
      "INSERT INTO discovery_tracking ("
          + TRACKING_COLUMNS
          + ") VALUES ("
          + Sql.placeholders(8)
          + ")";

  /**
   * H2's insert of a row unless its key is stored: a JDBC batch of these skips the repeats without
   * failing, as MariaDB's no-op {@code ON DUPLICATE KEY UPDATE} does.
   */
  private static final String H2_INSERT_IF_ABSENT =
      "INSERT INTO discovery_tracking ("
          + TRACKING_COLUMNS
          + ") SELECT "
          + Sql.placeholders(8)
          + " WHERE NOT EXISTS (SELECT 1 FROM discovery_tracking WHERE subject_sha = ?"
          + " AND tenant = ? AND profile_id = ? AND epoch_day = ?)";

  /**
   * Inserts the observation unless its (subject, tenant, profile, UTC day) has one. A repeat never
   * fails the statement where that would abort the caller's transaction: {@code ON CONFLICT DO
   * NOTHING} on PostgreSQL, a no-op {@code ON DUPLICATE KEY UPDATE} on MariaDB; on H2, which fails
   * only the statement, {@link Sql#insert} catches the duplicate key.
   */
  @Override
  public void record(TrackingObservation observation) {
    Objects.requireNonNull(observation, "observation");
    TrackedSubject subject = observation.subject();
    ProfileId profile = observation.profile();
    db.access()
        .run(
            "record tracking of " + subject.kind() + " by profile " + profile,
            c -> insertOne(c, observation));
  }

  private int insertOne(Connection c, TrackingObservation observation) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(idempotentInsert())) {
      bindObservation(ps, 1, observation);
      return Sql.insert(ps);
    }
  }

  private String idempotentInsert() {
    return INSERT
        + (db.dialect() == Dialect.MARIADB
            ? " ON DUPLICATE KEY UPDATE epoch_day = epoch_day"
            : db.ignoreConflicts());
  }

  /**
   * Records the batch atomically in a number of statements that does not grow with it, keeping the
   * first observation of each (subject, tenant, profile, UTC day) of the batch: on PostgreSQL one
   * multi-row {@code INSERT ... ON CONFLICT DO NOTHING} per {@link #PG_ROWS}; on MariaDB one JDBC
   * batch of {@link #record}'s statement; on H2 one JDBC batch of inserts guarded by {@code NOT
   * EXISTS}, which falls back to {@link #record}'s way, row by row, if a concurrent transaction
   * inserts one of its keys meanwhile ({@link Sql#batchOrOneByOne}).
   */
  @Override
  public void recordAll(List<TrackingObservation> observations) {
    Objects.requireNonNull(observations, "observations");
    observations.forEach(o -> Objects.requireNonNull(o, "observations must not contain null"));
    Set<List<Object>> keys = new HashSet<>();
    List<TrackingObservation> firsts = new ArrayList<>();
    for (TrackingObservation o : observations) {
      if (keys.add(
          List.of(Sql.sha(o.subject()), o.profile().tenant(), o.profile().value(), day(o)))) {
        firsts.add(o);
      }
    }
    if (firsts.isEmpty()) {
      return;
    }
    db.access()
        .atomic(
            "record " + firsts.size() + " tracking observation(s)",
            c ->
                switch (db.dialect()) {
                  case POSTGRESQL -> pgInsert(c, firsts);
                  case MARIADB -> batch(c, idempotentInsert(), false, firsts);
                  case H2 ->
                      Sql.batchOrOneByOne(
                          c,
                          k -> batch(k, H2_INSERT_IF_ABSENT, true, firsts),
                          k -> {
                            for (TrackingObservation o : firsts) {
                              insertOne(k, o);
                            }
                            return firsts.size();
                          });
                });
  }

  private int pgInsert(Connection c, List<TrackingObservation> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += PG_ROWS) {
      List<TrackingObservation> chunk = rows.subList(from, Math.min(rows.size(), from + PG_ROWS));
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO discovery_tracking ("
                  + TRACKING_COLUMNS
                  + ") VALUES "
                  + Sql.pgRows(chunk.size(), Sql.split(TRACKING_COLUMNS))
                  + " ON CONFLICT DO NOTHING")) {
        int i = 1;
        for (TrackingObservation o : chunk) {
          i = bindObservation(ps, i, o);
        }
        ps.executeUpdate();
      }
    }
    return rows.size();
  }

  /**
   * One JDBC batch of {@code sql}, which takes a row and then, if {@code guarded}, the row's key
   * again.
   */
  private int batch(Connection c, String sql, boolean guarded, List<TrackingObservation> rows)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (TrackingObservation o : rows) {
        int i = bindObservation(ps, 1, o);
        if (guarded) {
          ps.setString(i++, Sql.sha(o.subject()));
          ps.setString(i++, o.profile().tenant());
          ps.setString(i++, o.profile().value());
          ps.setLong(i, day(o));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return rows.size();
  }

  /** Binds the {@link #TRACKING_COLUMNS} of an observation from {@code start}; returns the next. */
  private int bindObservation(PreparedStatement ps, int start, TrackingObservation observation)
      throws SQLException {
    TrackedSubject subject = observation.subject();
    ProfileId profile = observation.profile();
    int i = start;
    ps.setString(i++, Sql.sha(subject));
    ps.setString(i++, subject.kind().name());
    ps.setString(i++, subject.key());
    ps.setString(i++, profile.tenant());
    ps.setString(i++, profile.value());
    ps.setLong(i++, day(observation));
    db.setInstant(ps, i++, observation.at());
    ps.setString(i++, Json.stringSet(observation.industries()));
    return i;
  }

  private static long day(TrackingObservation observation) {
    return Math.floorDiv(observation.at().getEpochSecond(), 86_400L);
  }

  /**
   * Finds the subjects by the hashes of their kind and key (the leading primary key column), one
   * bound parameter each, and checks the full subject on read.
   */
  @Override
  public List<AnonymousObservation> list(Collection<TrackedSubject> subjects, Instant since) {
    Set<TrackedSubject> wanted = TrackingSupport.distinctSubjects(subjects);
    Objects.requireNonNull(since, "since");
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<String> shas = wanted.stream().map(Sql::sha).toList();
    String sql =
        "SELECT "
            + TRACKING_COLUMNS
            + " FROM discovery_tracking WHERE subject_sha IN ("
            + Sql.placeholders(shas.size())
            + ") AND tracked_at >= ?"
            + TRACKING_ORDER;
    return db.access()
        .run(
            "list the tracking of " + wanted.size() + " subject(s)",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (String sha : shas) {
                  ps.setString(i++, sha);
                }
                db.setInstant(ps, i, since);
                return Sql.all(ps, this::trackingObservation).stream()
                    .filter(o -> wanted.contains(o.subject()))
                    .toList();
              }
            });
  }

  @Override
  public List<AnonymousObservation> list(Instant since, int limit) {
    Objects.requireNonNull(since, "since");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    return db.access()
        .run(
            "list the tracking since " + since,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + TRACKING_COLUMNS
                          + " FROM discovery_tracking WHERE tracked_at >= ?"
                          + TRACKING_ORDER
                          + Sql.limitClause())) {
                db.setInstant(ps, 1, since);
                ps.setInt(2, limit);
                return Sql.all(ps, this::trackingObservation);
              }
            });
  }

  @Override
  public int deleteBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return db.access()
        .run(
            "delete the tracking before " + before,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM discovery_tracking WHERE tracked_at < ?")) {
                db.setInstant(ps, 1, before);
                return ps.executeUpdate();
              }
            });
  }
}
