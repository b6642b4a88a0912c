package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.OutboxSubject;
import io.github.discoverysdk.spi.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link OutboxStore} in SQL. Thread-safe when its {@link Access} is. */
final class SqlOutboxStore implements OutboxStore {
  private final Sql db;

  SqlOutboxStore(Sql sql) {
    this.db = sql;
  }

  // ---- outbox

  private static final String OUTBOX_COLUMNS =
      "tenant, id, sink_id, kind, opportunity_id, subject_type, subject_id, dedupe_sha,"
          + " dedupe_key, status, attempts, next_attempt_at, last_error, created_at, updated_at,"
          + " version";

  private OutboxEntry outboxEntry(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    OutboxEntry.Builder b =
        OutboxEntry.builder()
            .tenant(tenant)
            .id(rs.getString("id"))
            .sinkId(rs.getString("sink_id"))
            .kind(DeliveryKind.valueOf(rs.getString("kind")))
            .dedupeKey(rs.getString("dedupe_key"))
            .status(OutboxStatus.valueOf(rs.getString("status")))
            .attempts(rs.getInt("attempts"))
            .nextAttemptAt(db.getInstant(rs, "next_attempt_at"))
            .createdAt(db.getInstant(rs, "created_at"))
            .updatedAt(db.getInstant(rs, "updated_at"))
            .version(rs.getLong("version"));
    Optional.ofNullable(rs.getString("last_error")).ifPresent(b::lastError);
    Optional.ofNullable(rs.getString("opportunity_id"))
        .ifPresent(o -> b.opportunityId(OpportunityId.of(tenant, o)));
    String subjectType = rs.getString("subject_type");
    if (subjectType != null) {
      b.subject(OutboxSubject.of(subjectType, rs.getString("subject_id")));
    }
    return b.build();
  }

  private static final String OUTBOX_INSERT_COLUMNS =
      "tenant, id, sink_id, kind, opportunity_id, subject_type, subject_id, dedupe_sha,"
          + " dedupe_key, status, attempts, next_attempt_at, last_error, created_at, updated_at";

  /** How many of {@link #OUTBOX_INSERT_COLUMNS} an entry binds. */
  private static final int INSERT_PARAMETERS = 15;

  /** Entries per PostgreSQL multi-row statement: 15 parameters a row stay under its limit. */
  static final int PG_ROWS = 1_000;

  /**
   * Inserts the entry unless one with the same (tenant, sink, dedupe key) exists, which the unique
   * key on its hash decides atomically.
   */
  @Override
  public boolean enqueue(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return db.access()
        .run(
            "enqueue a delivery to " + entry.sinkId() + " for tenant " + entry.tenant(),
            c -> insertOne(c, entry));
  }

  private boolean insertOne(Connection c, OutboxEntry entry) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO discovery_outbox ("
                + OUTBOX_COLUMNS
                + ") VALUES ("
                + Sql.placeholders(INSERT_PARAMETERS)
                + ", 1)"
                + db.ignoreConflicts())) {
      bindEntry(ps, 1, entry);
      return Sql.insert(ps) > 0;
    }
  }

  /** Binds the {@link #OUTBOX_INSERT_COLUMNS} of an entry from {@code start}; returns the next. */
  private int bindEntry(PreparedStatement ps, int start, OutboxEntry entry) throws SQLException {
    int i = start;
    ps.setString(i++, entry.tenant());
    ps.setString(i++, entry.id());
    ps.setString(i++, entry.sinkId());
    ps.setString(i++, entry.kind().name());
    ps.setString(i++, entry.opportunityId().map(OpportunityId::value).orElse(null));
    ps.setString(i++, entry.subject().map(OutboxSubject::type).orElse(null));
    ps.setString(i++, entry.subject().map(OutboxSubject::id).orElse(null));
    ps.setString(i++, dedupeSha(entry));
    ps.setString(i++, entry.dedupeKey());
    ps.setString(i++, entry.status().name());
    ps.setInt(i++, entry.attempts());
    db.setInstant(ps, i++, entry.nextAttemptAt());
    ps.setString(i++, entry.lastError().orElse(null));
    db.setInstant(ps, i++, entry.createdAt());
    db.setInstant(ps, i++, entry.updatedAt());
    return i;
  }

  private static String dedupeSha(OutboxEntry entry) {
    return Sql.sha(entry.sinkId() + "\u0000" + entry.dedupeKey());
  }

  /**
   * Enqueues the batch atomically in a number of statements that does not grow with it, deciding
   * each entry as {@link #enqueue} one after the other would: an entry is skipped if its (tenant,
   * id) or (tenant, sink, dedupe key) is stored or was added by an earlier entry of the batch.
   *
   * <p>On PostgreSQL one multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING} per {@link
   * #PG_ROWS}: it inserts its rows in order, skipping a row that conflicts with a stored one or
   * with one it inserted before, and fails nothing; the rows it returns were added. On MariaDB and
   * H2, one query per tenant and {@link Sql#IN_CHUNK} entries reads the keys already stored, the
   * entries are decided in Java in order, and one JDBC batch inserts the added ones. No update
   * count is read, so MariaDB's {@code useAffectedRows} cannot change the answer. If a concurrent
   * transaction takes a key between the query and the batch, the batch is undone to a savepoint and
   * the entries are inserted one by one as {@link #enqueue} does ({@link Sql#batchOrOneByOne}).
   */
  @Override
  public List<Boolean> enqueueAll(List<OutboxEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    entries.forEach(e -> Objects.requireNonNull(e, "entries must not contain null"));
    if (entries.isEmpty()) {
      return List.of();
    }
    List<OutboxEntry> batch = List.copyOf(entries);
    return db.access()
        .atomic(
            "enqueue " + batch.size() + " deliveries",
            c ->
                db.dialect() == Dialect.POSTGRESQL
                    ? pgInsert(c, batch)
                    : Sql.batchOrOneByOne(c, k -> batchInsert(k, batch), k -> oneByOne(k, batch)));
  }

  private List<Boolean> pgInsert(Connection c, List<OutboxEntry> batch) throws SQLException {
    List<Boolean> added = new ArrayList<>(batch.size());
    for (int from = 0; from < batch.size(); from += PG_ROWS) {
      List<OutboxEntry> chunk = batch.subList(from, Math.min(batch.size(), from + PG_ROWS));
      String sql =
          "INSERT INTO discovery_outbox ("
              + OUTBOX_COLUMNS
              + ") SELECT v.*, 1 FROM (VALUES "
              + Sql.pgRows(chunk.size(), Sql.split(OUTBOX_INSERT_COLUMNS))
              + ") AS v ("
              + OUTBOX_INSERT_COLUMNS
              + ") ON CONFLICT DO NOTHING RETURNING tenant, id, dedupe_sha";
      // A returned row is the first entry with its (tenant, id, dedupe hash): a later entry with
      // all three equal conflicts with it.
      Set<List<String>> inserted = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (OutboxEntry e : chunk) {
          i = bindEntry(ps, i, e);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      for (OutboxEntry e : chunk) {
        added.add(inserted.remove(List.of(e.tenant(), e.id(), dedupeSha(e))));
      }
    }
    return List.copyOf(added);
  }

  private List<Boolean> batchInsert(Connection c, List<OutboxEntry> batch) throws SQLException {
    Set<String> taken = stored(c, batch);
    List<Boolean> added = new ArrayList<>(batch.size());
    List<OutboxEntry> inserts = new ArrayList<>();
    for (OutboxEntry e : batch) {
      String id = e.tenant() + "\u0000id\u0000" + e.id();
      String dedupe = e.tenant() + "\u0000dedupe\u0000" + dedupeSha(e);
      boolean add = !taken.contains(id) && !taken.contains(dedupe);
      if (add) {
        taken.add(id);
        taken.add(dedupe);
        inserts.add(e);
      }
      added.add(add);
    }
    if (!inserts.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO discovery_outbox ("
                  + OUTBOX_COLUMNS
                  + ") VALUES ("
                  + Sql.placeholders(INSERT_PARAMETERS)
                  + ", 1)")) {
        for (OutboxEntry e : inserts) {
          bindEntry(ps, 1, e);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return List.copyOf(added);
  }

  /**
   * The ids and dedupe hashes that stored rows hold among the batch's, as {@code tenant NUL id NUL
   * value} and {@code tenant NUL dedupe NUL hash}: one query per tenant and {@link Sql#IN_CHUNK}
   * distinct entries, through the primary key and the dedupe key.
   */
  private Set<String> stored(Connection c, List<OutboxEntry> batch) throws SQLException {
    Map<String, List<OutboxEntry>> byTenant = new LinkedHashMap<>();
    batch.forEach(e -> byTenant.computeIfAbsent(e.tenant(), t -> new ArrayList<>()).add(e));
    Set<String> taken = new HashSet<>();
    for (Map.Entry<String, List<OutboxEntry>> t : byTenant.entrySet()) {
      List<OutboxEntry> all = t.getValue();
      for (int from = 0; from < all.size(); from += Sql.IN_CHUNK) {
        List<OutboxEntry> chunk = all.subList(from, Math.min(all.size(), from + Sql.IN_CHUNK));
        String sql =
            "SELECT id, dedupe_sha FROM discovery_outbox WHERE tenant = ? AND (id IN ("
                + Sql.placeholders(chunk.size())
                + ") OR dedupe_sha IN ("
                + Sql.placeholders(chunk.size())
                + "))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setString(i++, t.getKey());
          for (OutboxEntry e : chunk) {
            ps.setString(i++, e.id());
          }
          for (OutboxEntry e : chunk) {
            ps.setString(i++, dedupeSha(e));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              taken.add(t.getKey() + "\u0000id\u0000" + rs.getString(1));
              taken.add(t.getKey() + "\u0000dedupe\u0000" + rs.getString(2));
            }
          }
        }
      }
    }
    return taken;
  }

  private List<Boolean> oneByOne(Connection c, List<OutboxEntry> batch) throws SQLException {
    List<Boolean> added = new ArrayList<>(batch.size());
    for (OutboxEntry e : batch) {
      added.add(insertOne(c, e));
    }
    return List.copyOf(added);
  }

  @Override
  public List<String> tenantsWithDue(Instant now) {
    Objects.requireNonNull(now, "now");
    return db.access()
        .run(
            "list the tenants with due deliveries",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT DISTINCT tenant FROM discovery_outbox WHERE status = ?"
                          + " AND next_attempt_at <= ? ORDER BY tenant")) {
                ps.setString(1, OutboxStatus.PENDING.name());
                db.setInstant(ps, 2, now);
                return Sql.all(ps, rs -> rs.getString(1));
              }
            });
  }

  @Override
  public List<OutboxEntry> listDue(String tenant, Instant now, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(now, "now");
    Sql.checkLimit(limit);
    return db.access()
        .run(
            "list the due deliveries of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + OUTBOX_COLUMNS
                          + " FROM discovery_outbox WHERE tenant = ? AND status = ?"
                          + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id"
                          + " LIMIT ?")) {
                ps.setString(1, tenant);
                ps.setString(2, OutboxStatus.PENDING.name());
                db.setInstant(ps, 3, now);
                ps.setInt(4, limit);
                return Sql.all(ps, this::outboxEntry);
              }
            });
  }

  @Override
  public OutboxDepth depth(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return db.access()
        .run(
            "measure the outbox of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT status, COUNT(*), MIN(created_at) FROM discovery_outbox"
                          + " WHERE tenant = ? AND status IN (?, ?) GROUP BY status")) {
                ps.setString(1, tenant);
                ps.setString(2, OutboxStatus.PENDING.name());
                ps.setString(3, OutboxStatus.DEAD.name());
                OutboxDepth depth = OutboxDepth.empty();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    long n = rs.getLong(2);
                    depth =
                        depth.plus(
                            OutboxStatus.PENDING.name().equals(rs.getString(1))
                                ? new OutboxDepth(n, 0, Optional.ofNullable(db.getInstant(rs, 3)))
                                : new OutboxDepth(0, n, Optional.empty()));
                  }
                }
                return depth;
              }
            });
  }

  @Override
  public OutboxEntry save(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return db.access()
        .atomic(
            "update delivery " + entry.id() + " of tenant " + entry.tenant(),
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE discovery_outbox SET status = ?, attempts = ?, next_attempt_at = ?,"
                          + " last_error = ?, updated_at = ?, version = version + 1"
                          + " WHERE tenant = ? AND id = ? AND version = ?")) {
                int i = 1;
                ps.setString(i++, entry.status().name());
                ps.setInt(i++, entry.attempts());
                db.setInstant(ps, i++, entry.nextAttemptAt());
                ps.setString(i++, entry.lastError().orElse(null));
                db.setInstant(ps, i++, entry.updatedAt());
                ps.setString(i++, entry.tenant());
                ps.setString(i++, entry.id());
                ps.setLong(i, entry.version());
                if (ps.executeUpdate() == 1) {
                  return OutboxEntry.builder().from(entry).version(entry.version() + 1).build();
                }
              }
              Optional<Long> stored =
                  Sql.longValue(
                      c,
                      "SELECT version FROM discovery_outbox WHERE tenant = ? AND id = ?"
                          + db.currentRead(),
                      entry.tenant(),
                      entry.id());
              if (stored.isEmpty()) {
                throw new NotFoundException(
                    "no outbox entry " + entry.id() + " for tenant " + entry.tenant());
              }
              throw Sql.stale("outbox entry", entry.id(), entry.version(), stored);
            });
  }

  @Override
  public Optional<OutboxEntry> find(String tenant, String id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find delivery " + id + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + OUTBOX_COLUMNS
                          + " FROM discovery_outbox WHERE tenant = ? AND id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                return Sql.all(ps, this::outboxEntry).stream().findFirst();
              }
            });
  }

  @Override
  public List<OutboxEntry> list(String tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Sql.checkLimit(limit);
    return db.access()
        .run(
            "list the deliveries of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + OUTBOX_COLUMNS
                          + " FROM discovery_outbox WHERE tenant = ?"
                          + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setString(1, tenant);
                ps.setInt(2, limit);
                return Sql.all(ps, this::outboxEntry);
              }
            });
  }
}
