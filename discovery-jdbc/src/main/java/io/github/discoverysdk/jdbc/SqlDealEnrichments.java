package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.DealStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
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
    return KeyedRows.find(
        db,
        "cached enrichments",
        "discovery_deal_enrichment",
        COLUMNS,
        tenant,
        "kind",
        kind.name(),
        keys,
        this::entry,
        CachedEnrichment::key);
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
    KeyedRows.save(
        db,
        "cached enrichments",
        "discovery_deal_enrichment",
        COLUMNS,
        List.of("tenant", "kind", "subject_key"),
        batch,
        (ps, e) -> {
          ps.setString(1, e.tenant());
          ps.setString(2, e.kind().name());
          ps.setString(3, e.key());
          ps.setString(4, Json.stringMap(e.attributes()));
          db.setInstant(ps, 5, e.enrichedAt());
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
