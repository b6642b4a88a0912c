package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.records.TrackedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RecordStore} in SQL: tables {@code discovery_record}, {@code discovery_record_conversion},
 * {@code discovery_record_queue_change} and {@code discovery_record_job} (migration V11). Every
 * statement is a constant or built from constants and placeholders; every one binds the tenant.
 * Batches cost one read and one JDBC batch per write kind. Thread-safe when its {@link Access} is.
 */
final class SqlRecordStore implements RecordStore {
  private final Sql db;
  private final SqlRecordHistory history;
  private final SqlRecordJobs jobs;

  SqlRecordStore(Sql sql) {
    this.db = sql;
    this.history = new SqlRecordHistory(sql);
    this.jobs = new SqlRecordJobs(sql);
  }

  private static final String RECORD_COLUMNS =
      "tenant, record_type, record_key, state, queue, owner, score, activity_at, queued_at,"
          + " source_updated_at, first_seen_at, changed_at, version";

  private static final String INSERT_RECORD =
      "INSERT INTO discovery_record (" + RECORD_COLUMNS + ") VALUES (" + Sql.placeholders(13) + ")";

  private static final String UPDATE_RECORD =
      "UPDATE discovery_record SET state = ?, queue = ?, owner = ?, score = ?, activity_at = ?,"
          + " queued_at = ?, source_updated_at = ?, first_seen_at = ?, changed_at = ?, version = ?"
          + " WHERE tenant = ? AND record_type = ? AND record_key = ? AND version = ?";

  private static String tenant(String tenant) {
    return Tenants.check("tenant", tenant);
  }

  // ---- records

  private TrackedRecord record(ResultSet rs) throws SQLException {
    return new TrackedRecord(
        rs.getString("tenant"),
        rs.getString("record_type"),
        rs.getString("record_key"),
        Json.readStringMap(rs.getString("state")),
        Optional.ofNullable(rs.getString("queue")),
        Optional.ofNullable(rs.getString("owner")),
        rs.getDouble("score"),
        Optional.ofNullable(db.getInstant(rs, "activity_at")),
        Optional.ofNullable(db.getInstant(rs, "queued_at")),
        db.getInstant(rs, "source_updated_at"),
        db.getInstant(rs, "first_seen_at"),
        db.getInstant(rs, "changed_at"),
        rs.getLong("version"));
  }

  @Override
  public Map<String, TrackedRecord> find(String tenant, String type, Collection<String> keys) {
    tenant(tenant);
    Objects.requireNonNull(type, "type");
    List<String> wanted = List.copyOf(new java.util.LinkedHashSet<>(keys));
    if (keys.size() > MAX_KEYS) {
      throw new ValidationException(
          "keys must be at most " + MAX_KEYS + " per call, was " + keys.size());
    }
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return db.access()
        .run(
            "find " + wanted.size() + " records of tenant " + tenant,
            c -> {
              Map<String, TrackedRecord> out = new LinkedHashMap<>();
              for (TrackedRecord r : load(c, tenant, type, wanted)) {
                out.put(r.key(), r);
              }
              return Map.copyOf(out);
            });
  }

  private List<TrackedRecord> load(Connection c, String tenant, String type, List<String> keys)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + RECORD_COLUMNS
                + " FROM discovery_record WHERE tenant = ? AND record_type = ? AND record_key IN ("
                + Sql.placeholders(keys.size())
                + ")")) {
      ps.setString(1, tenant);
      ps.setString(2, type);
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(3 + i, keys.get(i));
      }
      return Sql.all(ps, this::record);
    }
  }

  @Override
  public List<TrackedRecord> saveAll(String tenant, List<TrackedRecord> records) {
    tenant(tenant);
    List<TrackedRecord> batch = List.copyOf(records);
    Set<String> seen = new HashSet<>();
    for (TrackedRecord r : batch) {
      if (!r.tenant().equals(tenant)) {
        throw new ValidationException(
            "record " + r.key() + " of tenant " + r.tenant() + " passed for tenant " + tenant);
      }
      if (!seen.add(r.type() + "\u0000" + r.key())) {
        throw new ValidationException(
            "record " + r.type() + "/" + r.key() + " is twice in the batch");
      }
    }
    if (batch.isEmpty()) {
      return List.of();
    }
    return db.access()
        .atomic(
            "save " + batch.size() + " records of tenant " + tenant,
            c -> {
              Map<String, List<String>> keysByType = new LinkedHashMap<>();
              batch.forEach(
                  r -> keysByType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.key()));
              Map<String, Long> stored = new HashMap<>();
              for (Map.Entry<String, List<String>> e : keysByType.entrySet()) {
                List<String> keys = e.getValue();
                for (int i = 0; i < keys.size(); i += Sql.IN_CHUNK) {
                  for (TrackedRecord r :
                      load(
                          c,
                          tenant,
                          e.getKey(),
                          keys.subList(i, Math.min(keys.size(), i + Sql.IN_CHUNK)))) {
                    stored.put(r.type() + "\u0000" + r.key(), r.version());
                  }
                }
              }
              for (TrackedRecord r : batch) {
                Long v = stored.get(r.type() + "\u0000" + r.key());
                if (v == null ? r.version() != 0 : v != r.version()) {
                  throw Sql.stale(
                      "record", r.type() + "/" + r.key(), r.version(), Optional.ofNullable(v));
                }
              }
              List<TrackedRecord> saved = new ArrayList<>();
              try (PreparedStatement insert = c.prepareStatement(INSERT_RECORD);
                  PreparedStatement update = c.prepareStatement(UPDATE_RECORD)) {
                List<TrackedRecord> updates = new ArrayList<>();
                int inserts = 0;
                for (TrackedRecord r : batch) {
                  TrackedRecord next = r.withVersion(r.version() + 1);
                  saved.add(next);
                  if (r.version() == 0) {
                    int i = 1;
                    insert.setString(i++, tenant);
                    insert.setString(i++, r.type());
                    insert.setString(i++, r.key());
                    i = bindRecordValues(insert, i, next);
                    insert.setLong(i, next.version());
                    insert.addBatch();
                    inserts++;
                  } else {
                    int i = bindRecordValues(update, 1, next);
                    update.setLong(i++, next.version());
                    update.setString(i++, tenant);
                    update.setString(i++, r.type());
                    update.setString(i++, r.key());
                    update.setLong(i, r.version());
                    update.addBatch();
                    updates.add(r);
                  }
                }
                if (inserts > 0) {
                  insert.executeBatch();
                }
                if (!updates.isEmpty()) {
                  int[] counts = update.executeBatch();
                  for (int k = 0; k < counts.length; k++) {
                    if (counts[k] == 0) {
                      TrackedRecord r = updates.get(k);
                      throw new ConcurrentUpdateException(
                          "record "
                              + r.type()
                              + "/"
                              + r.key()
                              + " changed while it was saved: read it again and retry");
                    }
                  }
                }
              }
              return List.copyOf(saved);
            });
  }

  /** state .. changed_at of a record, from {@code i}; returns the next index. */
  private int bindRecordValues(PreparedStatement ps, int i, TrackedRecord r) throws SQLException {
    ps.setString(i++, Json.stringMap(r.state()));
    ps.setString(i++, r.queue().orElse(null));
    ps.setString(i++, r.owner().orElse(null));
    ps.setDouble(i++, r.score());
    db.setInstant(ps, i++, r.activityAt().orElse(null));
    db.setInstant(ps, i++, r.queuedAt().orElse(null));
    db.setInstant(ps, i++, r.sourceUpdatedAt());
    db.setInstant(ps, i++, r.firstSeenAt());
    db.setInstant(ps, i++, r.changedAt());
    return i;
  }

  @Override
  public List<TrackedRecord> listRecords(
      String tenant, String type, Optional<String> afterKey, int limit) {
    tenant(tenant);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(afterKey, "afterKey");
    String sql =
        "SELECT "
            + RECORD_COLUMNS
            + " FROM discovery_record WHERE tenant = ? AND record_type = ?"
            + (afterKey.isPresent() ? " AND record_key > ?" : "")
            + " ORDER BY record_key"
            + Sql.limitClause();
    return db.access()
        .run(
            "list records " + type + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, tenant);
                ps.setString(i++, type);
                if (afterKey.isPresent()) {
                  ps.setString(i++, afterKey.get());
                }
                ps.setInt(i, limit);
                return Sql.all(ps, this::record);
              }
            });
  }

  @Override
  public List<TrackedRecord> listQueue(String tenant, QueueQuery q) {
    tenant(tenant);
    Objects.requireNonNull(q, "query");
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + RECORD_COLUMNS
                + " FROM discovery_record WHERE tenant = ? AND record_type = ? AND queue = ?");
    if (q.owner().isPresent()) {
      sql.append(" AND owner = ?");
    }
    if (q.activeSince().isPresent()) {
      sql.append(" AND COALESCE(activity_at, changed_at) >= ?");
    }
    if (q.afterKey().isPresent()) {
      sql.append(" AND record_key > ?");
    }
    sql.append(" ORDER BY record_key").append(Sql.limitClause());
    return db.access()
        .run(
            "list queue " + q.queue() + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, tenant);
                ps.setString(i++, q.type());
                ps.setString(i++, q.queue());
                if (q.owner().isPresent()) {
                  ps.setString(i++, q.owner().get());
                }
                if (q.activeSince().isPresent()) {
                  db.setInstant(ps, i++, q.activeSince().get());
                }
                if (q.afterKey().isPresent()) {
                  ps.setString(i++, q.afterKey().get());
                }
                ps.setInt(i, q.limit());
                return Sql.all(ps, this::record);
              }
            });
  }

  // ---- conversions and queue changes: SqlRecordHistory; job states: SqlRecordJobs

  @Override
  public List<Boolean> addConversions(String tenant, List<Conversion> conversions) {
    return history.addConversions(tenant, conversions);
  }

  @Override
  public List<Conversion> listConversions(String tenant, long afterSequence, int limit) {
    return history.listConversions(tenant, afterSequence, limit);
  }

  @Override
  public void addQueueChanges(String tenant, List<QueueChange> changes) {
    history.addQueueChanges(tenant, changes);
  }

  @Override
  public List<QueueChange> listQueueChanges(String tenant, String type, String key, int limit) {
    return history.listQueueChanges(tenant, type, key, limit);
  }

  @Override
  public Optional<JobState> findJob(String tenant, String job) {
    return jobs.findJob(tenant, job);
  }

  @Override
  public JobState saveJob(JobState state) {
    return jobs.saveJob(state);
  }
}
