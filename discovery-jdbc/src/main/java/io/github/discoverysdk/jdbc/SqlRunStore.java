package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.RunStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RunStore} in SQL: run reports and lifecycle events. Thread-safe when its {@link Access}
 * is.
 */
final class SqlRunStore implements RunStore {
  private final Sql db;
  private final String runUpsert;

  SqlRunStore(Sql sql) {
    this.db = sql;
    this.runUpsert =
        Sql.upsert(
            db.dialect(),
            "discovery_run",
            Sql.split(RUN_COLUMNS),
            List.of("tenant", "run_id"),
            null);
  }

  private static final String RUN_COLUMNS =
      "tenant, run_id, started_at, finished_at, status, report";

  private static final String LIFECYCLE_COLUMNS =
      "tenant, source_id, external_id, detected_at, run_id, changes";

  private LifecycleEvent lifecycleEvent(ResultSet rs) throws SQLException {
    LifecycleEvent.Builder b =
        LifecycleEvent.builder()
            .tenant(rs.getString("tenant"))
            .signalKey(SignalKey.of(rs.getString("source_id"), rs.getString("external_id")))
            .detectedAt(db.getInstant(rs, "detected_at"))
            .changes(Json.readLifecycleChanges(rs.getString("changes")));
    Optional.ofNullable(rs.getString("run_id")).ifPresent(b::runId);
    return b.build();
  }

  // ---- runs

  @Override
  public void save(RunReport report) {
    Objects.requireNonNull(report, "report");
    db.access()
        .run(
            "save run " + report.runId(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement(runUpsert)) {
                ps.setString(1, report.tenant());
                ps.setString(2, report.runId());
                db.setInstant(ps, 3, report.startedAt());
                db.setInstant(ps, 4, report.finishedAt());
                ps.setString(5, report.status().name());
                ps.setString(6, Json.run(report));
                return ps.executeUpdate();
              }
            });
  }

  @Override
  public List<RunReport> list(String tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    return db.access()
        .run(
            "list runs of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT report FROM discovery_run WHERE tenant = ?"
                          + " ORDER BY started_at DESC, run_id DESC"
                          + Sql.limitClause())) {
                ps.setString(1, tenant);
                ps.setInt(2, limit);
                return Sql.all(ps, rs -> Json.readRun(rs.getString(1)));
              }
            });
  }

  @Override
  public List<RunReport> list(String tenant, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return db.access()
        .run(
            "list runs of tenant " + tenant + " from " + from + " to " + to,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT report FROM discovery_run WHERE tenant = ?"
                          + " AND started_at >= ? AND started_at < ?"
                          + " ORDER BY started_at DESC, run_id DESC")) {
                ps.setString(1, tenant);
                db.setInstant(ps, 2, from);
                db.setInstant(ps, 3, to);
                return Sql.all(ps, rs -> Json.readRun(rs.getString(1)));
              }
            });
  }

  // ---- lifecycle events

  private static final String LIFECYCLE_INSERT =
      "INSERT INTO discovery_lifecycle_event ("
          + LIFECYCLE_COLUMNS
          + ") VALUES ("
          + Sql.placeholders(6)
          + ")";

  /** Events per PostgreSQL multi-row statement: 6 parameters a row, far under its limit. */
  static final int PG_ROWS = 1_000;

  @Override
  public void addLifecycleEvent(LifecycleEvent event) {
    Objects.requireNonNull(event, "event");
    check(event);
    SignalKey key = event.signalKey();
    db.access()
        .run(
            "add a lifecycle event of signal " + key,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(LIFECYCLE_INSERT)) {
                bindLifecycleEvent(ps, 1, event);
                return ps.executeUpdate();
              }
            });
  }

  /**
   * Appends the batch atomically: on PostgreSQL one multi-row {@code INSERT} per {@link #PG_ROWS}
   * events, whose identity column numbers the rows in the order of the {@code VALUES} list; on
   * MariaDB and H2 one JDBC batch. Every event is checked before anything is written.
   */
  @Override
  public void addLifecycleEvents(List<LifecycleEvent> events) {
    Objects.requireNonNull(events, "events");
    events.forEach(e -> check(Objects.requireNonNull(e, "events must not contain null")));
    if (events.isEmpty()) {
      return;
    }
    List<LifecycleEvent> batch = List.copyOf(events);
    db.access()
        .atomic(
            "add " + batch.size() + " lifecycle event(s)",
            c -> {
              if (db.dialect() == Dialect.POSTGRESQL) {
                for (int from = 0; from < batch.size(); from += PG_ROWS) {
                  List<LifecycleEvent> chunk =
                      batch.subList(from, Math.min(batch.size(), from + PG_ROWS));
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO discovery_lifecycle_event ("
                              + LIFECYCLE_COLUMNS
                              + ") VALUES "
                              + Sql.pgRows(chunk.size(), Sql.split(LIFECYCLE_COLUMNS)))) {
                    int i = 1;
                    for (LifecycleEvent e : chunk) {
                      i = bindLifecycleEvent(ps, i, e);
                    }
                    ps.executeUpdate();
                  }
                }
                return null;
              }
              try (PreparedStatement ps = c.prepareStatement(LIFECYCLE_INSERT)) {
                for (LifecycleEvent e : batch) {
                  bindLifecycleEvent(ps, 1, e);
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              return null;
            });
  }

  private static void check(LifecycleEvent event) {
    for (LifecycleChange change : event.changes()) {
      if (change.before().isPresent() != change.after().isPresent()) {
        // LifecycleChange offers no way to build such a change again when it is read back.
        throw new ValidationException(
            "a lifecycle change must have both or neither of its old and new values: "
                + change.kind());
      }
    }
  }

  /**
   * Binds the {@link #LIFECYCLE_COLUMNS} of an event from {@code start}; returns the next index.
   */
  private int bindLifecycleEvent(PreparedStatement ps, int start, LifecycleEvent event)
      throws SQLException {
    int i = start;
    SignalKey key = event.signalKey();
    ps.setString(i++, event.tenant());
    ps.setString(i++, key.sourceId());
    ps.setString(i++, key.externalId());
    db.setInstant(ps, i++, event.detectedAt());
    ps.setString(i++, event.runId().orElse(null));
    ps.setString(i++, Json.lifecycleChanges(event.changes()));
    return i;
  }

  @Override
  public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signalKey, "signalKey");
    return db.access()
        .run(
            "list lifecycle events of signal " + signalKey,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + LIFECYCLE_COLUMNS
                        + " FROM discovery_lifecycle_event"
                        + " WHERE tenant = ? AND source_id = ? AND external_id = ? ORDER BY seq",
                    this::lifecycleEvent,
                    tenant,
                    signalKey.sourceId(),
                    signalKey.externalId()));
  }
}
