package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.spi.OutboxStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link OutboxStore} in SQL. Thread-safe when its {@link Access} is. */
final class SqlOutboxStore implements OutboxStore {
  private final Sql db;

  SqlOutboxStore(Sql sql) {
    this.db = sql;
  }

  // ---- outbox

  private static final String OUTBOX_COLUMNS =
      "tenant, id, sink_id, kind, opportunity_id, dedupe_sha, dedupe_key, status, attempts,"
          + " next_attempt_at, last_error, created_at, updated_at, version";

  private OutboxEntry outboxEntry(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    OutboxEntry.Builder b =
        OutboxEntry.builder()
            .tenant(tenant)
            .id(rs.getString("id"))
            .sinkId(rs.getString("sink_id"))
            .kind(DeliveryKind.valueOf(rs.getString("kind")))
            .opportunityId(OpportunityId.of(tenant, rs.getString("opportunity_id")))
            .dedupeKey(rs.getString("dedupe_key"))
            .status(OutboxStatus.valueOf(rs.getString("status")))
            .attempts(rs.getInt("attempts"))
            .nextAttemptAt(db.getInstant(rs, "next_attempt_at"))
            .createdAt(db.getInstant(rs, "created_at"))
            .updatedAt(db.getInstant(rs, "updated_at"))
            .version(rs.getLong("version"));
    Optional.ofNullable(rs.getString("last_error")).ifPresent(b::lastError);
    return b.build();
  }

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
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO discovery_outbox ("
                          + OUTBOX_COLUMNS
                          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                          + db.ignoreConflicts())) {
                int i = 1;
                ps.setString(i++, entry.tenant());
                ps.setString(i++, entry.id());
                ps.setString(i++, entry.sinkId());
                ps.setString(i++, entry.kind().name());
                ps.setString(i++, entry.opportunityId().value());
                ps.setString(i++, Sql.sha(entry.sinkId() + "\u0000" + entry.dedupeKey()));
                ps.setString(i++, entry.dedupeKey());
                ps.setString(i++, entry.status().name());
                ps.setInt(i++, entry.attempts());
                db.setInstant(ps, i++, entry.nextAttemptAt());
                ps.setString(i++, entry.lastError().orElse(null));
                db.setInstant(ps, i++, entry.createdAt());
                db.setInstant(ps, i, entry.updatedAt());
                return Sql.insert(ps) > 0;
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
                      "SELECT version FROM discovery_outbox WHERE tenant = ? AND id = ?",
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
