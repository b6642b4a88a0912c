package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SourceStateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SourceStateStore} in SQL: watermarks, the shared query cache, the cost ledger and leases.
 * Thread-safe when its {@link Access} is.
 */
final class SqlSourceStateStore implements SourceStateStore {
  private final Sql db;
  private final String watermarkUpsert;
  private final String cacheUpsert;

  SqlSourceStateStore(Sql sql) {
    this.db = sql;
    this.watermarkUpsert =
        Sql.upsert(
            db.dialect(),
            "discovery_watermark",
            Sql.split(WATERMARK_COLUMNS),
            List.of("tenant", "source_id", "query_key"),
            null);
    this.cacheUpsert =
        Sql.upsert(
            db.dialect(),
            "discovery_query_cache",
            Sql.split(CACHE_COLUMNS),
            List.of("source_id", "query_key", "cursor_sha"),
            null);
  }

  private static final String WATERMARK_COLUMNS =
      "tenant, source_id, query_key, cursor_value, updated_at";

  private static final String CACHE_COLUMNS =
      "source_id, query_key, cursor_sha, cursor_value, signals, next_cursor, stored_at,"
          + " expires_at";
  private static final String COST_COLUMNS =
      "tenant, source_id, query_key, occurred_at, cache_hit, cost, profile_ids";

  private CachedResult cachedResult(ResultSet rs) throws SQLException {
    CachedResult.Builder b =
        CachedResult.builder()
            .sourceId(rs.getString("source_id"))
            .queryKey(rs.getString("query_key"))
            .cursor(rs.getString("cursor_value"))
            .signals(Json.readSignals(rs.getString("signals")))
            .storedAt(db.getInstant(rs, "stored_at"))
            .expiresAt(db.getInstant(rs, "expires_at"));
    Optional.ofNullable(rs.getString("next_cursor")).ifPresent(b::nextCursor);
    return b.build();
  }

  /**
   * A conditional {@code UPDATE} that takes the lease when it is expired or already the owner's,
   * else an {@code INSERT} of a missing lease that loses without failing when another process
   * inserted it first. Both are single statements, atomic on their own: the database's row lock
   * makes racing updates re-check the condition, and the primary key lets one insert win.
   */
  @Override
  public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    return db.access()
        .run(
            "take lease " + name + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE discovery_lease SET owner = ?, held_until = ?"
                          + " WHERE tenant = ? AND name = ? AND (held_until <= ? OR owner = ?)")) {
                ps.setString(1, owner);
                db.setInstant(ps, 2, until);
                ps.setString(3, tenant);
                ps.setString(4, name);
                db.setInstant(ps, 5, now);
                ps.setString(6, owner);
                if (ps.executeUpdate() > 0) {
                  return true;
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO discovery_lease (tenant, name, owner, held_until) VALUES (?, ?, ?, ?)"
                          + db.ignoreConflicts())) {
                ps.setString(1, tenant);
                ps.setString(2, name);
                ps.setString(3, owner);
                db.setInstant(ps, 4, until);
                if (Sql.insert(ps) > 0) {
                  return true;
                }
              }
              // The holder renewing to the same time changes no value, and MariaDB with
              // useAffectedRows=true then counts the UPDATE as 0 rows: the lease is still ours if
              // the
              // row says so.
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT 1 FROM discovery_lease"
                          + " WHERE tenant = ? AND name = ? AND owner = ? AND held_until = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, name);
                ps.setString(3, owner);
                db.setInstant(ps, 4, until);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next();
                }
              }
            });
  }

  // ---- shared query cache and cost ledger

  /**
   * Reads {@code discovery_query_cache}, the one table without a tenant: it holds only answers of
   * sources that declare their data public, shared by every tenant. The row is found by the hash of
   * the cursor and checked against the full cursor.
   */
  @Override
  public Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(queryKey, "queryKey");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(now, "now");
    return db.access()
        .run(
            "find the cached answer of source " + sourceId,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + CACHE_COLUMNS
                          + " FROM discovery_query_cache"
                          + " WHERE source_id = ? AND query_key = ? AND cursor_sha = ?"
                          + " AND expires_at > ?")) {
                ps.setString(1, sourceId);
                ps.setString(2, queryKey);
                ps.setString(3, Sql.sha(cursor));
                db.setInstant(ps, 4, now);
                return Sql.first(ps, this::cachedResult)
                    .filter(r -> r.sourceId().equals(sourceId))
                    .filter(r -> r.queryKey().equals(queryKey))
                    .filter(r -> r.cursor().equals(cursor));
              }
            });
  }

  /** Upserts into the tenant-less {@code discovery_query_cache}; see {@link #findCachedResult}. */
  @Override
  public void saveCachedResult(CachedResult result) {
    Objects.requireNonNull(result, "result");
    String signals = Json.signals(result.signals());
    // atomic: of racing first inserts of the same key, H2's MERGE may fail one; it is retried.
    db.access()
        .atomic(
            "save the cached answer of source " + result.sourceId(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement(cacheUpsert)) {
                ps.setString(1, result.sourceId());
                ps.setString(2, result.queryKey());
                ps.setString(3, Sql.sha(result.cursor()));
                ps.setString(4, result.cursor());
                ps.setString(5, signals);
                ps.setString(6, result.nextCursor().orElse(null));
                db.setInstant(ps, 7, result.storedAt());
                db.setInstant(ps, 8, result.expiresAt());
                return ps.executeUpdate();
              }
            });
  }

  /** Deletes from the tenant-less {@code discovery_query_cache}, through its expiry index. */
  @Override
  public int deleteExpiredResults(Instant now) {
    Objects.requireNonNull(now, "now");
    return db.access()
        .run(
            "delete expired cached answers",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM discovery_query_cache WHERE expires_at <= ?")) {
                db.setInstant(ps, 1, now);
                return ps.executeUpdate();
              }
            });
  }

  @Override
  public void addCost(CostEntry entry) {
    Objects.requireNonNull(entry, "entry");
    db.access()
        .run(
            "add a cost ledger line of tenant " + entry.tenant(),
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO discovery_cost_ledger ("
                          + COST_COLUMNS
                          + ") VALUES ("
                          + Sql.placeholders(7)
                          + ")")) {
                ps.setString(1, entry.tenant());
                ps.setString(2, entry.sourceId());
                ps.setString(3, entry.queryKey());
                db.setInstant(ps, 4, entry.at());
                ps.setBoolean(5, entry.cacheHit());
                ps.setDouble(6, entry.cost());
                ps.setString(7, Json.textList(entry.profileIds()));
                return ps.executeUpdate();
              }
            });
  }

  @Override
  public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return db.access()
        .run(
            "list the cost ledger of tenant " + tenant + " from " + from + " to " + to,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + COST_COLUMNS
                          + " FROM discovery_cost_ledger WHERE tenant = ?"
                          + " AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, seq")) {
                ps.setString(1, tenant);
                db.setInstant(ps, 2, from);
                db.setInstant(ps, 3, to);
                return Sql.all(
                    ps,
                    rs ->
                        CostEntry.builder()
                            .tenant(rs.getString("tenant"))
                            .sourceId(rs.getString("source_id"))
                            .queryKey(rs.getString("query_key"))
                            .at(db.getInstant(rs, "occurred_at"))
                            .cacheHit(rs.getBoolean("cache_hit"))
                            .cost(rs.getDouble("cost"))
                            .profileIds(Json.readStrings(rs.getString("profile_ids")))
                            .build());
              }
            });
  }

  // ---- watermarks

  @Override
  public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(queryKey, "queryKey");
    return db.access()
        .run(
            "find watermark of source " + sourceId,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + WATERMARK_COLUMNS
                          + " FROM discovery_watermark"
                          + " WHERE tenant = ? AND source_id = ? AND query_key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, sourceId);
                ps.setString(3, queryKey);
                return Sql.first(ps, this::watermark);
              }
            });
  }

  /** One {@code IN} query per {@link Sql#IN_CHUNK} distinct keys, on the primary key. */
  @Override
  public Map<String, Watermark> findWatermarks(
      String tenant, String sourceId, Collection<String> queryKeys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(sourceId, "sourceId");
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(queryKeys));
    keys.forEach(k -> Objects.requireNonNull(k, "queryKey"));
    Map<String, Watermark> out = new LinkedHashMap<>();
    for (int from = 0; from < keys.size(); from += Sql.IN_CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + Sql.IN_CHUNK));
      List<Watermark> found =
          db.access()
              .run(
                  "find watermarks of source " + sourceId,
                  c -> {
                    try (PreparedStatement ps =
                        c.prepareStatement(
                            "SELECT "
                                + WATERMARK_COLUMNS
                                + " FROM discovery_watermark"
                                + " WHERE tenant = ? AND source_id = ? AND query_key IN ("
                                + Sql.placeholders(chunk.size())
                                + ")")) {
                      ps.setString(1, tenant);
                      ps.setString(2, sourceId);
                      for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(3 + i, chunk.get(i));
                      }
                      return Sql.all(ps, this::watermark);
                    }
                  });
      found.forEach(w -> out.put(w.queryKey(), w));
    }
    Map<String, Watermark> ordered = new LinkedHashMap<>();
    keys.forEach(
        k -> {
          Watermark w = out.get(k);
          if (w != null) {
            ordered.put(k, w);
          }
        });
    return Collections.unmodifiableMap(ordered);
  }

  private Watermark watermark(ResultSet rs) throws SQLException {
    return Watermark.builder()
        .tenant(rs.getString("tenant"))
        .sourceId(rs.getString("source_id"))
        .queryKey(rs.getString("query_key"))
        .cursor(rs.getString("cursor_value"))
        .updatedAt(db.getInstant(rs, "updated_at"))
        .build();
  }

  @Override
  public void saveWatermark(Watermark watermark) {
    Objects.requireNonNull(watermark, "watermark");
    db.access()
        .run(
            "save watermark of source " + watermark.sourceId(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement(watermarkUpsert)) {
                ps.setString(1, watermark.tenant());
                ps.setString(2, watermark.sourceId());
                ps.setString(3, watermark.queryKey());
                ps.setString(4, watermark.cursor());
                db.setInstant(ps, 5, watermark.updatedAt());
                return ps.executeUpdate();
              }
            });
  }
}
