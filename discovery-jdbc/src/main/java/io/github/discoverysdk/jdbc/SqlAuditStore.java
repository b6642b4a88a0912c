package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditStore;
import io.github.discoverysdk.audit.RequestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AuditStore} in SQL: {@code discovery_audit}, which this class only inserts into and
 * selects from. The database generates {@code seq} (an identity column), so concurrent engines
 * never hand out one number twice; every read is keyset-paged by it through an index that starts
 * with the tenant. Thread-safe when its {@link Access} is.
 */
final class SqlAuditStore implements AuditStore {
  private static final String COLUMNS =
      "tenant, actor, entity_type, entity_id, action, changes, reason, occurred_at, ip,"
          + " user_agent, request_id";

  private static final String SELECT = "SELECT seq, " + COLUMNS + " FROM discovery_audit";

  private static final String INSERT =
      "INSERT INTO discovery_audit (" + COLUMNS + ") VALUES (" + Sql.placeholders(11) + ")";

  private final Sql db;

  SqlAuditStore(Sql sql) {
    this.db = sql;
  }

  private AuditEntry entry(ResultSet rs) throws SQLException {
    return AuditEntry.builder()
        .sequence(rs.getLong("seq"))
        .tenant(rs.getString("tenant"))
        .actor(rs.getString("actor"))
        .entityType(rs.getString("entity_type"))
        .entityId(rs.getString("entity_id"))
        .action(AuditAction.valueOf(rs.getString("action")))
        .changes(AuditJson.readChanges(rs.getString("changes")))
        .reason(java.util.Optional.ofNullable(rs.getString("reason")))
        .at(db.getInstant(rs, "occurred_at"))
        .context(
            RequestContext.of(
                rs.getString("ip"), rs.getString("user_agent"), rs.getString("request_id")))
        .build();
  }

  /**
   * One JDBC batch of inserts, whatever the number of entries; the sequences come back as the
   * batch's generated keys, in order. Atomic: in the caller's transaction, or in one of its own.
   */
  @Override
  public List<AuditEntry> append(List<AuditEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    entries.forEach(e -> Objects.requireNonNull(e, "entries must not contain null"));
    if (entries.isEmpty()) {
      return List.of();
    }
    List<AuditEntry> batch = List.copyOf(entries);
    return db.access().atomic("append " + batch.size() + " audit entries", c -> insert(c, batch));
  }

  private List<AuditEntry> insert(Connection c, List<AuditEntry> batch) throws SQLException {
    List<AuditEntry> stored = new ArrayList<>(batch.size());
    try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"seq"})) {
      for (AuditEntry e : batch) {
        int i = 1;
        ps.setString(i++, e.tenant());
        ps.setString(i++, e.actor());
        ps.setString(i++, e.entityType());
        ps.setString(i++, e.entityId());
        ps.setString(i++, e.action().name());
        ps.setString(i++, AuditJson.changes(e.changes()));
        ps.setString(i++, e.reason().orElse(null));
        db.setInstant(ps, i++, e.at());
        ps.setString(i++, e.context().ip().orElse(null));
        ps.setString(i++, e.context().userAgent().orElse(null));
        ps.setString(i, e.context().requestId().orElse(null));
        ps.addBatch();
      }
      ps.executeBatch();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        for (AuditEntry e : batch) {
          if (!keys.next()) {
            throw new SQLException(
                "the database returned " + stored.size() + " sequences for " + batch.size());
          }
          stored.add(
              AuditEntry.builder()
                  .from(e)
                  .sequence(keys.getLong(1))
                  .at(Sql.micros(e.at()))
                  .build());
        }
      }
    }
    return List.copyOf(stored);
  }

  @Override
  public List<AuditEntry> byEntity(
      String tenant, String entityType, String entityId, long afterSequence, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
    return select(
        "list the audit of " + entityType + " " + entityId + " of tenant " + tenant,
        " WHERE tenant = ? AND entity_type = ? AND entity_id = ? AND seq > ?",
        limit,
        (ps, i) -> {
          ps.setString(i++, tenant);
          ps.setString(i++, entityType);
          ps.setString(i++, entityId);
          ps.setLong(i++, afterSequence);
          return i;
        });
  }

  @Override
  public List<AuditEntry> byActor(String tenant, String actor, long afterSequence, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actor, "actor");
    return select(
        "list the audit of actor " + actor + " of tenant " + tenant,
        " WHERE tenant = ? AND actor = ? AND seq > ?",
        limit,
        (ps, i) -> {
          ps.setString(i++, tenant);
          ps.setString(i++, actor);
          ps.setLong(i++, afterSequence);
          return i;
        });
  }

  @Override
  public List<AuditEntry> byTime(
      String tenant, Instant from, Instant to, long afterSequence, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return select(
        "list the audit of tenant " + tenant + " from " + from + " to " + to,
        " WHERE tenant = ? AND occurred_at >= ? AND occurred_at < ? AND seq > ?",
        limit,
        (ps, i) -> {
          ps.setString(i++, tenant);
          db.setInstant(ps, i++, from);
          db.setInstant(ps, i++, to);
          ps.setLong(i++, afterSequence);
          return i;
        });
  }

  private List<AuditEntry> select(String operation, String where, int limit, Sql.RowValues params) {
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    return db.access()
        .run(
            operation,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(SELECT + where + " ORDER BY seq" + Sql.limitClause())) {
                ps.setInt(params.bind(ps, 1), limit);
                return Sql.all(ps, this::entry);
              }
            });
  }
}
