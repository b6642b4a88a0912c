package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.EnrichmentStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The enrichment statuses of {@link SqlDealStore}: {@code discovery_deal_enrichment_status}, one
 * row per (tenant, subject, key). Reads take one query per {@link Sql#IN_CHUNK} keys, writes one
 * JDBC batch of the dialect's upsert; {@code discovery_deal_status_outcome} pages a tenant's
 * statuses of one outcome by key. Thread-safe when its {@link Access} is.
 */
final class SqlDealStatuses {
  private static final List<String> COLUMNS =
      List.of("tenant", "subject", "subject_key", "outcome", "source", "reason", "status_at");

  private final Sql db;

  SqlDealStatuses(Sql db) {
    this.db = db;
  }

  Map<String, EnrichmentStatus> find(
      String tenant, EnrichmentStatus.Subject subject, Collection<String> keys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    return KeyedRows.find(
        db,
        "enrichment statuses",
        "discovery_deal_enrichment_status",
        COLUMNS,
        tenant,
        "subject",
        subject.name(),
        keys,
        this::status,
        EnrichmentStatus::key);
  }

  List<EnrichmentStatus> list(
      String tenant,
      EnrichmentStatus.Subject subject,
      EnrichmentStatus.Outcome outcome,
      int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(outcome, "outcome");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    String sql =
        "SELECT "
            + String.join(", ", COLUMNS)
            + " FROM discovery_deal_enrichment_status WHERE tenant = ? AND outcome = ?"
            + " AND subject = ? ORDER BY subject_key"
            + Sql.limitClause();
    return db.access()
        .run(
            "list the " + outcome + " statuses of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                ps.setString(2, outcome.name());
                ps.setString(3, subject.name());
                ps.setInt(4, limit);
                return Sql.all(ps, this::status);
              }
            });
  }

  private EnrichmentStatus status(ResultSet rs) throws SQLException {
    return EnrichmentStatus.builder()
        .tenant(rs.getString("tenant"))
        .subject(EnrichmentStatus.Subject.valueOf(rs.getString("subject")))
        .key(rs.getString("subject_key"))
        .outcome(EnrichmentStatus.Outcome.valueOf(rs.getString("outcome")))
        .source(rs.getString("source"))
        .reason(rs.getString("reason"))
        .at(db.getInstant(rs, "status_at"))
        .build();
  }

  void save(List<EnrichmentStatus> statuses) {
    List<EnrichmentStatus> batch = List.copyOf(statuses);
    check(batch);
    KeyedRows.save(
        db,
        "enrichment statuses",
        "discovery_deal_enrichment_status",
        COLUMNS,
        List.of("tenant", "subject", "subject_key"),
        batch,
        (ps, s) -> {
          ps.setString(1, s.tenant());
          ps.setString(2, s.subject().name());
          ps.setString(3, s.key());
          ps.setString(4, s.outcome().name());
          ps.setString(5, s.source());
          ps.setString(6, s.reason());
          db.setInstant(ps, 7, s.at());
        });
  }

  private static void check(List<EnrichmentStatus> statuses) {
    if (statuses.size() > DealStore.MAX_BATCH) {
      throw new ValidationException(
          "statuses must hold at most "
              + DealStore.MAX_BATCH
              + " per call, held "
              + statuses.size());
    }
    Set<List<String>> keys = new HashSet<>();
    for (EnrichmentStatus s : statuses) {
      if (!keys.add(List.of(s.tenant(), s.subject().name(), s.key()))) {
        throw new ValidationException(
            "statuses must not repeat a key, repeated " + s.subject() + " " + s.key());
      }
    }
  }
}
