package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.DealStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The enrichment cache of {@link SqlDealStore}: {@code discovery_deal_enrichment}, one row per
 * (tenant, kind, key), the attributes a JSON object. Reads take one query per {@link Sql#IN_CHUNK}
 * keys, writes one JDBC batch of the dialect's upsert. Thread-safe when its {@link Access} is.
 */
final class SqlDealEnrichments {
  private static final List<String> COLUMNS =
      List.of("tenant", "kind", "subject_key", "attributes", "enriched_at");

  private final Sql db;

  SqlDealEnrichments(Sql db) {
    this.db = db;
  }

  Map<String, CachedEnrichment> find(
      String tenant, CachedEnrichment.Kind kind, Collection<String> keys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(kind, "kind");
    List<String> wanted = List.copyOf(new LinkedHashSet<>(keys));
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return db.access()
        .run(
            "find " + wanted.size() + " cached enrichments of tenant " + tenant,
            c -> {
              Map<String, CachedEnrichment> out = new HashMap<>();
              for (int from = 0; from < wanted.size(); from += Sql.IN_CHUNK) {
                List<String> chunk =
                    wanted.subList(from, Math.min(wanted.size(), from + Sql.IN_CHUNK));
                String sql =
                    "SELECT "
                        + String.join(", ", COLUMNS)
                        + " FROM discovery_deal_enrichment WHERE tenant = ? AND kind = ?"
                        + " AND subject_key IN ("
                        + Sql.placeholders(chunk.size())
                        + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                  int i = 1;
                  ps.setString(i++, tenant);
                  ps.setString(i++, kind.name());
                  for (String k : chunk) {
                    ps.setString(i++, k);
                  }
                  for (CachedEnrichment e : Sql.all(ps, this::entry)) {
                    out.put(e.key(), e);
                  }
                }
              }
              return Map.copyOf(out);
            });
  }

  private CachedEnrichment entry(ResultSet rs) throws SQLException {
    return CachedEnrichment.builder()
        .tenant(rs.getString("tenant"))
        .kind(CachedEnrichment.Kind.valueOf(rs.getString("kind")))
        .key(rs.getString("subject_key"))
        .attributes(Json.readStringMap(rs.getString("attributes")))
        .enrichedAt(db.getInstant(rs, "enriched_at"))
        .build();
  }

  void save(List<CachedEnrichment> entries) {
    List<CachedEnrichment> batch = List.copyOf(entries);
    check(batch);
    if (batch.isEmpty()) {
      return;
    }
    String sql =
        Sql.upsert(
            db.dialect(),
            "discovery_deal_enrichment",
            COLUMNS,
            List.of("tenant", "kind", "subject_key"),
            null);
    db.access()
        .atomic(
            "save " + batch.size() + " cached enrichments",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (CachedEnrichment e : batch) {
                  ps.setString(1, e.tenant());
                  ps.setString(2, e.kind().name());
                  ps.setString(3, e.key());
                  ps.setString(4, Json.stringMap(e.attributes()));
                  db.setInstant(ps, 5, e.enrichedAt());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              return null;
            });
  }

  private static void check(List<CachedEnrichment> entries) {
    if (entries.size() > DealStore.MAX_BATCH) {
      throw new ValidationException(
          "entries must hold at most " + DealStore.MAX_BATCH + " per call, held " + entries.size());
    }
    Set<List<String>> keys = new HashSet<>();
    for (CachedEnrichment e : entries) {
      if (!keys.add(List.of(e.tenant(), e.kind().name(), e.key()))) {
        throw new ValidationException(
            "entries must not repeat a key, repeated " + e.kind() + " " + e.key());
      }
    }
  }
}
