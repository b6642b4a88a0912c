package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.QueueChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The history half of {@link SqlRecordStore}: conversions and queue changes, append-only (tables
 * {@code discovery_record_conversion} and {@code discovery_record_queue_change}). Thread-safe when
 * its {@link Access} is.
 */
final class SqlRecordHistory {
  private final Sql db;

  SqlRecordHistory(Sql sql) {
    this.db = sql;
  }

  private static final String CONVERSION_COLUMNS =
      "tenant, record_type, record_key, rule, change_no, conversion_type, conversion_value,"
          + " from_state, to_state, source_at, detected_at";

  private static final String QUEUE_CHANGE_COLUMNS =
      "tenant, record_type, record_key, from_queue, to_queue, reason, changed_at";

  private static String tenant(String tenant) {
    return Tenants.check("tenant", tenant);
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
}
