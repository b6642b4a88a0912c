package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.RecordCursor;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job half of {@link SqlRecordStore}: each record job's watermarks, last window and health
 * (table {@code discovery_record_job}), versioned. Thread-safe when its {@link Access} is.
 */
final class SqlRecordJobs {
  private final Sql db;

  SqlRecordJobs(Sql sql) {
    this.db = sql;
  }

  private static final String JOB_COLUMNS =
      "tenant, name, watermark_at, watermark_key, backfill_at, backfill_key, last_window, health,"
          + " version";

  private static String tenant(String tenant) {
    return Tenants.check("tenant", tenant);
  }

  // ---- job states

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
