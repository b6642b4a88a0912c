package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordCursor;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.records.TrackedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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

  SqlRecordStore(Sql sql) {
    this.db = sql;
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

  private static final String CONVERSION_COLUMNS =
      "tenant, record_type, record_key, rule, change_no, conversion_type, conversion_value,"
          + " from_state, to_state, source_at, detected_at";

  private static final String QUEUE_CHANGE_COLUMNS =
      "tenant, record_type, record_key, from_queue, to_queue, reason, changed_at";

  private static final String JOB_COLUMNS =
      "tenant, name, watermark_at, watermark_key, backfill_at, backfill_key, last_window, health,"
          + " version";

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

  // ---- conversions

  private Conversion conversion(ResultSet rs) throws SQLException {
    return new Conversion(
        rs.getString("tenant"),
        rs.getString("record_type"),
        rs.getString("record_key"),
        rs.getString("rule"),
        rs.getLong("change_no"),
        rs.getString("conversion_type"),
        rs.getDouble("conversion_value"),
        Json.readStringMap(rs.getString("from_state")),
        Json.readStringMap(rs.getString("to_state")),
        db.getInstant(rs, "source_at"),
        db.getInstant(rs, "detected_at"),
        rs.getLong("seq"));
  }

  private static String identity(String type, String key, String rule, long change) {
    return type + "\u0000" + key + "\u0000" + rule + "\u0000" + change;
  }

  @Override
  public List<Boolean> addConversions(String tenant, List<Conversion> conversions) {
    tenant(tenant);
    List<Conversion> batch = List.copyOf(conversions);
    for (Conversion x : batch) {
      if (!x.tenant().equals(tenant)) {
        throw new ValidationException(
            "conversion " + x.id() + " of tenant " + x.tenant() + " passed for tenant " + tenant);
      }
    }
    if (batch.isEmpty()) {
      return List.of();
    }
    return db.access()
        .atomic(
            "add " + batch.size() + " conversions of tenant " + tenant,
            c -> {
              Set<String> present = new HashSet<>();
              List<String> keys = batch.stream().map(Conversion::key).distinct().toList();
              for (int i = 0; i < keys.size(); i += Sql.IN_CHUNK) {
                List<String> chunk = keys.subList(i, Math.min(keys.size(), i + Sql.IN_CHUNK));
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT record_type, record_key, rule, change_no FROM"
                            + " discovery_record_conversion WHERE tenant = ? AND record_key IN ("
                            + Sql.placeholders(chunk.size())
                            + ")")) {
                  ps.setString(1, tenant);
                  for (int k = 0; k < chunk.size(); k++) {
                    ps.setString(2 + k, chunk.get(k));
                  }
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      present.add(
                          identity(
                              rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                    }
                  }
                }
              }
              List<Boolean> added = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO discovery_record_conversion ("
                          + CONVERSION_COLUMNS
                          + ") VALUES ("
                          + Sql.placeholders(11)
                          + ")")) {
                int n = 0;
                for (Conversion x : batch) {
                  if (!present.add(identity(x.type(), x.key(), x.rule(), x.change()))) {
                    added.add(false);
                    continue;
                  }
                  int i = 1;
                  ps.setString(i++, tenant);
                  ps.setString(i++, x.type());
                  ps.setString(i++, x.key());
                  ps.setString(i++, x.rule());
                  ps.setLong(i++, x.change());
                  ps.setString(i++, x.conversionType());
                  ps.setDouble(i++, x.value());
                  ps.setString(i++, Json.stringMap(x.from()));
                  ps.setString(i++, Json.stringMap(x.to()));
                  db.setInstant(ps, i++, x.sourceAt());
                  db.setInstant(ps, i, x.detectedAt());
                  ps.addBatch();
                  added.add(true);
                  n++;
                }
                if (n > 0) {
                  // A concurrent writer of the same conversion fails this batch on the unique key;
                  // atomic() then retries it from the read, which sees that conversion.
                  ps.executeBatch();
                }
              }
              return List.copyOf(added);
            });
  }

  @Override
  public List<Conversion> listConversions(String tenant, long afterSequence, int limit) {
    tenant(tenant);
    Sql.checkLimit(limit);
    return db.access()
        .run(
            "list conversions of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT seq, "
                          + CONVERSION_COLUMNS
                          + " FROM discovery_record_conversion WHERE tenant = ? AND seq > ?"
                          + " ORDER BY seq"
                          + Sql.limitClause())) {
                ps.setString(1, tenant);
                ps.setLong(2, afterSequence);
                ps.setInt(3, limit);
                return Sql.all(ps, this::conversion);
              }
            });
  }

  // ---- queue changes

  @Override
  public void addQueueChanges(String tenant, List<QueueChange> changes) {
    tenant(tenant);
    List<QueueChange> batch = List.copyOf(changes);
    for (QueueChange x : batch) {
      if (!x.tenant().equals(tenant)) {
        throw new ValidationException(
            "queue change of "
                + x.key()
                + " of tenant "
                + x.tenant()
                + " passed for tenant "
                + tenant);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    db.access()
        .atomic(
            "add " + batch.size() + " queue changes of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO discovery_record_queue_change ("
                          + QUEUE_CHANGE_COLUMNS
                          + ") VALUES ("
                          + Sql.placeholders(7)
                          + ")")) {
                for (QueueChange x : batch) {
                  ps.setString(1, tenant);
                  ps.setString(2, x.type());
                  ps.setString(3, x.key());
                  ps.setString(4, x.from().orElse(null));
                  ps.setString(5, x.to().orElse(null));
                  ps.setString(6, x.reason());
                  db.setInstant(ps, 7, x.at());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              return null;
            });
  }

  @Override
  public List<QueueChange> listQueueChanges(String tenant, String type, String key, int limit) {
    tenant(tenant);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Sql.checkLimit(limit);
    return db.access()
        .run(
            "list queue changes of a record of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT seq, "
                          + QUEUE_CHANGE_COLUMNS
                          + " FROM discovery_record_queue_change WHERE tenant = ? AND record_type = ?"
                          + " AND record_key = ? ORDER BY seq"
                          + Sql.limitClause())) {
                ps.setString(1, tenant);
                ps.setString(2, type);
                ps.setString(3, key);
                ps.setInt(4, limit);
                return Sql.all(
                    ps,
                    rs ->
                        new QueueChange(
                            rs.getString("tenant"),
                            rs.getString("record_type"),
                            rs.getString("record_key"),
                            Optional.ofNullable(rs.getString("from_queue")),
                            Optional.ofNullable(rs.getString("to_queue")),
                            rs.getString("reason"),
                            db.getInstant(rs, "changed_at"),
                            rs.getLong("seq")));
              }
            });
  }

  // ---- job states

  @Override
  public Optional<JobState> findJob(String tenant, String job) {
    tenant(tenant);
    Objects.requireNonNull(job, "job");
    return db.access()
        .run(
            "find record job " + job + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + JOB_COLUMNS
                          + " FROM discovery_record_job WHERE tenant = ? AND name = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, job);
                return Sql.first(
                    ps,
                    rs ->
                        new JobState(
                            rs.getString("tenant"),
                            rs.getString("name"),
                            cursor(
                                db.getInstant(rs, "watermark_at"), rs.getString("watermark_key")),
                            cursor(db.getInstant(rs, "backfill_at"), rs.getString("backfill_key")),
                            rs.getLong("last_window"),
                            readHealth(rs.getString("name"), rs.getString("health")),
                            rs.getLong("version")));
              }
            });
  }

  private static Optional<RecordCursor> cursor(Instant at, String key) {
    return at == null
        ? Optional.empty()
        : Optional.of(new RecordCursor(at, Optional.ofNullable(key)));
  }

  @Override
  public JobState saveJob(JobState state) {
    Objects.requireNonNull(state, "state");
    JobState saved = state.withVersion(state.version() + 1);
    return db.access()
        .run(
            "save record job " + state.job() + " of tenant " + state.tenant(),
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_record_job",
                  JOB_COLUMNS,
                  new String[] {state.tenant(), state.job()},
                  (ps, i) -> {
                    db.setInstant(ps, i++, state.watermark().map(RecordCursor::at).orElse(null));
                    ps.setString(i++, state.watermark().flatMap(RecordCursor::key).orElse(null));
                    db.setInstant(ps, i++, state.backfill().map(RecordCursor::at).orElse(null));
                    ps.setString(i++, state.backfill().flatMap(RecordCursor::key).orElse(null));
                    ps.setLong(i++, state.lastWindow());
                    ps.setString(i++, health(state.health()));
                    return i;
                  },
                  state.version(),
                  "record job " + state.job() + " of tenant " + state.tenant(),
                  "record job",
                  state.job());
              return saved;
            });
  }

  /** A job's health as a JSON object of text values; read by {@link #readHealth}. */
  private static String health(RecordJobHealth h) {
    Map<String, String> m = new LinkedHashMap<>();
    h.lastRunAt().ifPresent(at -> m.put("lastRunAt", Sql.micros(at).toString()));
    m.put("examined", Long.toString(h.examined()));
    m.put("newRecords", Long.toString(h.newRecords()));
    m.put("conversions", Long.toString(h.conversions()));
    m.put("queueChanges", Long.toString(h.queueChanges()));
    m.put("processingTime", h.processingTime().toString());
    m.put("errors", Integer.toString(h.errors()));
    h.lastError().ifPresent(e -> m.put("lastError", e));
    m.put("backfillDone", Boolean.toString(h.backfillDone()));
    return Json.stringMap(m);
  }

  private static RecordJobHealth readHealth(String job, String json) {
    Map<String, String> m = Json.readStringMap(json);
    return new RecordJobHealth(
        job,
        Optional.ofNullable(m.get("lastRunAt")).map(Instant::parse),
        Long.parseLong(m.get("examined")),
        Long.parseLong(m.get("newRecords")),
        Long.parseLong(m.get("conversions")),
        Long.parseLong(m.get("queueChanges")),
        Duration.parse(m.get("processingTime")),
        Integer.parseInt(m.get("errors")),
        Optional.ofNullable(m.get("lastError")),
        Boolean.parseBoolean(m.get("backfillDone")));
  }
}
