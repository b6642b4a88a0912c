package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import io.github.discoverysdk.storage.TrackingSupport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
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
    String sql =
        "INSERT INTO discovery_tracking ("
            + TRACKING_COLUMNS
            + ") VALUES ("
            + Sql.placeholders(8)
            + ")"
            + (db.dialect() == Dialect.MARIADB
                ? " ON DUPLICATE KEY UPDATE epoch_day = epoch_day"
                : db.ignoreConflicts());
    db.access()
        .run(
            "record tracking of " + subject.kind() + " by profile " + profile,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, Sql.sha(subject));
                ps.setString(2, subject.kind().name());
                ps.setString(3, subject.key());
                ps.setString(4, profile.tenant());
                ps.setString(5, profile.value());
                ps.setLong(6, Math.floorDiv(observation.at().getEpochSecond(), 86_400L));
                db.setInstant(ps, 7, observation.at());
                ps.setString(8, Json.stringSet(observation.industries()));
                return Sql.insert(ps);
              }
            });
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
