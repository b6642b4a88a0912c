package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealCursor;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.Icp;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DealStore} in SQL: {@code discovery_deal}, one row per (tenant, source, id), the contacts
 * a JSON array. A batch costs one read per {@link Sql#IN_CHUNK} keys of a tenant, one JDBC batch of
 * inserts and one of updates, whatever its size. Thread-safe when its {@link Access} is.
 */
final class SqlDealStore implements DealStore {
  static final String COLUMNS =
      "tenant, source, id, name, stage, amount, currency, closed_at, account_name, account_domain,"
          + " contacts, updated_at, version";

  private static final String CLOSED = " AND stage IN ('CLOSED_WON', 'CLOSED_LOST')";

  private final Sql db;
  private final SqlDealEnrichments enrichments;
  private final SqlDealStatuses statuses;
  private final SqlDealIcps icps;

  SqlDealStore(Sql sql) {
    this.db = sql;
    this.enrichments = new SqlDealEnrichments(sql);
    this.statuses = new SqlDealStatuses(sql);
    this.icps = new SqlDealIcps(sql);
  }

  private record Key(String tenant, String source, String id) {
    static Key of(Deal d) {
      return new Key(d.tenant(), d.source(), d.id());
    }
  }

  private Deal deal(ResultSet rs) throws SQLException {
    Deal.Builder b =
        Deal.builder()
            .tenant(rs.getString("tenant"))
            .source(rs.getString("source"))
            .id(rs.getString("id"))
            .name(rs.getString("name"))
            .stage(DealStage.valueOf(rs.getString("stage")))
            .amount(Optional.ofNullable(rs.getString("amount")).map(BigDecimal::new))
            .currency(Optional.ofNullable(rs.getString("currency")))
            .closedAt(Optional.ofNullable(db.getInstant(rs, "closed_at")))
            .contacts(DealJson.readContacts(rs.getString("contacts")))
            .updatedAt(db.getInstant(rs, "updated_at"))
            .version(rs.getLong("version"));
    String accountName = rs.getString("account_name");
    if (accountName != null) {
      b.account(
          DealAccount.builder()
              .name(accountName)
              .domain(Optional.ofNullable(rs.getString("account_domain")))
              .build());
    }
    return b.build();
  }

  /** Binds the columns after the key and before the version; returns the next index. */
  private int bindValues(PreparedStatement ps, int i, Deal d) throws SQLException {
    ps.setString(i++, d.name());
    ps.setString(i++, d.stage().name());
    ps.setString(i++, d.amount().map(BigDecimal::toPlainString).orElse(null));
    ps.setString(i++, d.currency().orElse(null));
    db.setInstant(ps, i++, d.closedAt().orElse(null));
    ps.setString(i++, d.account().map(DealAccount::name).orElse(null));
    ps.setString(i++, d.account().flatMap(DealAccount::domain).orElse(null));
    ps.setString(i++, DealJson.contacts(d.contacts()));
    db.setInstant(ps, i++, d.updatedAt());
    return i;
  }

  @Override
  public List<Deal> saveAll(List<Deal> deals) {
    List<Deal> batch = List.copyOf(deals);
    checkBatch(batch);
    if (batch.isEmpty()) {
      return List.of();
    }
    return db.access()
        .atomic(
            "save " + batch.size() + " deals",
            c -> {
              Map<Key, Deal> stored = load(c, batch);
              List<Deal> out = new ArrayList<>(batch.size());
              List<Deal> inserts = new ArrayList<>();
              List<Deal> updates = new ArrayList<>();
              for (Deal d : batch) {
                Deal old = stored.get(Key.of(d));
                if (old != null && !d.updatedAt().isAfter(old.updatedAt())) {
                  out.add(old);
                  continue;
                }
                Deal saved =
                    Deal.builder()
                        .from(d)
                        .closedAt(d.closedAt().map(Sql::micros))
                        .updatedAt(Sql.micros(d.updatedAt()))
                        .version(old == null ? 1 : old.version() + 1)
                        .build();
                (old == null ? inserts : updates).add(saved);
                out.add(saved);
              }
              insert(c, inserts);
              update(c, updates);
              return List.copyOf(out);
            });
  }

  private static void checkBatch(List<Deal> deals) {
    if (deals.size() > MAX_BATCH) {
      throw new ValidationException(
          "deals must hold at most " + MAX_BATCH + " deals per call, held " + deals.size());
    }
    java.util.Set<Key> keys = new java.util.HashSet<>();
    for (Deal d : deals) {
      if (!keys.add(Key.of(d))) {
        throw new ValidationException(
            "deals must not repeat a deal, repeated "
                + d.source()
                + "/"
                + d.id()
                + " of tenant "
                + d.tenant());
      }
    }
  }

  /** The stored rows of the batch's keys: one query per tenant and {@link Sql#IN_CHUNK} keys. */
  private Map<Key, Deal> load(Connection c, List<Deal> batch) throws SQLException {
    Map<String, List<Deal>> byTenant = new LinkedHashMap<>();
    batch.forEach(d -> byTenant.computeIfAbsent(d.tenant(), t -> new ArrayList<>()).add(d));
    Map<Key, Deal> out = new HashMap<>();
    for (Map.Entry<String, List<Deal>> e : byTenant.entrySet()) {
      List<Deal> all = e.getValue();
      for (int from = 0; from < all.size(); from += Sql.IN_CHUNK) {
        List<Deal> chunk = all.subList(from, Math.min(all.size(), from + Sql.IN_CHUNK));
        String sql =
            "SELECT "
                + COLUMNS
                + " FROM discovery_deal WHERE tenant = ? AND (source, id) IN ("
                + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)"))
                + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setString(i++, e.getKey());
          for (Deal d : chunk) {
            ps.setString(i++, d.source());
            ps.setString(i++, d.id());
          }
          for (Deal d : Sql.all(ps, this::deal)) {
            out.put(Key.of(d), d);
          }
        }
      }
    }
    return out;
  }

  private void insert(Connection c, List<Deal> inserts) throws SQLException {
    if (inserts.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO discovery_deal ("
            + COLUMNS
            + ") VALUES ("
            + Sql.placeholders(Sql.split(COLUMNS).size())
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Deal d : inserts) {
        Sql.bindStrings(ps, d.tenant(), d.source(), d.id());
        ps.setLong(bindValues(ps, 4, d), d.version());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      if (Errors.kind(e) == Errors.Kind.UNIQUE_VIOLATION) {
        throw new ConcurrentUpdateException(
            "another writer saved one of " + inserts.size() + " new deals at the same time: retry");
      }
      throw e;
    }
  }

  private void update(Connection c, List<Deal> updates) throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    List<String> values = Sql.split(COLUMNS).subList(3, Sql.split(COLUMNS).size() - 1);
    String sql =
        "UPDATE discovery_deal SET "
            + String.join(" = ?, ", values)
            + " = ?, version = ? WHERE tenant = ? AND source = ? AND id = ? AND version = ?";
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Deal d : updates) {
        int i = bindValues(ps, 1, d);
        ps.setLong(i++, d.version());
        ps.setString(i++, d.tenant());
        ps.setString(i++, d.source());
        ps.setString(i++, d.id());
        ps.setLong(i, d.version() - 1);
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    for (int k = 0; k < updates.size(); k++) {
      if (k >= counts.length || counts[k] == 0 || counts[k] == Statement.EXECUTE_FAILED) {
        Deal d = updates.get(k);
        throw new ConcurrentUpdateException(
            "deal " + d.source() + "/" + d.id() + " was saved by another writer: retry");
      }
    }
  }

  @Override
  public Optional<Deal> find(String tenant, String source, String id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find deal " + source + "/" + id + " of tenant " + tenant,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + COLUMNS
                        + " FROM discovery_deal WHERE tenant = ? AND source = ? AND id = ?",
                    this::deal,
                    tenant,
                    source,
                    id));
  }

  @Override
  public List<Deal> listClosed(
      String tenant, Instant since, Optional<DealCursor> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(after, "after");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM discovery_deal WHERE tenant = ? AND closed_at >= ?"
            + CLOSED
            + (after.isPresent()
                ? " AND (closed_at > ? OR (closed_at = ? AND (source > ? OR (source = ? AND id > ?))))"
                : "")
            + " ORDER BY closed_at, source, id"
            + Sql.limitClause();
    return db.access()
        .run(
            "list the closed deals of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, tenant);
                db.setInstant(ps, i++, since);
                if (after.isPresent()) {
                  DealCursor k = after.get();
                  db.setInstant(ps, i++, k.closedAt());
                  db.setInstant(ps, i++, k.closedAt());
                  ps.setString(i++, k.source());
                  ps.setString(i++, k.source());
                  ps.setString(i++, k.id());
                }
                ps.setInt(i, limit);
                return Sql.all(ps, this::deal);
              }
            });
  }

  @Override
  public Map<String, CachedEnrichment> findEnrichments(
      String tenant, CachedEnrichment.Kind kind, Collection<String> keys) {
    return enrichments.find(tenant, kind, keys);
  }

  @Override
  public void saveEnrichments(List<CachedEnrichment> entries) {
    enrichments.save(entries);
  }

  @Override
  public Map<String, EnrichmentStatus> findStatuses(
      String tenant, EnrichmentStatus.Subject subject, Collection<String> keys) {
    return statuses.find(tenant, subject, keys);
  }

  @Override
  public List<EnrichmentStatus> listStatuses(
      String tenant,
      EnrichmentStatus.Subject subject,
      EnrichmentStatus.Outcome outcome,
      int limit) {
    return statuses.list(tenant, subject, outcome, limit);
  }

  @Override
  public void saveStatuses(List<EnrichmentStatus> batch) {
    statuses.save(batch);
  }

  @Override
  public void saveIcp(Icp icp) {
    icps.save(icp);
  }

  @Override
  public Optional<Icp> findIcp(String tenant) {
    return icps.find(tenant);
  }
}
