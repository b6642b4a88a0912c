package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.ProfileId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One {@code saveAll} of {@link SqlOpportunityStore}: a batch of distinct opportunities (no id and
 * no (profile, signal key) twice) written in a number of statements that does not grow with the
 * batch, on the connection of one transaction. Each row is judged as {@code save} judges it: an
 * insert whose id or natural key is taken, or an update whose version is stale, throws the same
 * {@link io.github.discoverysdk.ConcurrentUpdateException}, and an update that changes the profile
 * or the signal key the same {@link io.github.discoverysdk.ValidationException}, naming the first
 * such row of the batch. What the batch wrote before it threw is undone only by the rollback of the
 * caller's transaction (or of its own, outside one).
 *
 * <p>On PostgreSQL, per {@link #PG_ROWS} rows: one multi-row {@code INSERT ... ON CONFLICT DO
 * NOTHING RETURNING} (a row it did not return was a duplicate; nothing fails, so the transaction is
 * not aborted) and one {@code UPDATE ... FROM (VALUES ...) RETURNING} that matches each row on its
 * version and natural key (a row it did not return was stale or changed its key). On MariaDB and
 * H2, which fail only the statement on a duplicate key but whose JDBC batches then leave no
 * trustworthy trace of which row failed: one query per {@link Sql#IN_CHUNK} inserts for rows that
 * already hold their ids or natural keys, then one JDBC batch of inserts and one of updates whose
 * update counts say which rows were stale. An update always changes its row (the version moves), so
 * MariaDB's {@code useAffectedRows=true} counts it as 1 like the default does.
 *
 * <p>Rows are written in (tenant, id) order, so that two batches over the same rows lock them in
 * the same order and do not deadlock. Confined to the thread of its transaction.
 */
final class SqlOpportunityBatch {
  /** Rows per PostgreSQL statement: 30 parameters a row stays under its limit of 32,767. */
  static final int PG_ROWS = 1_000;

  private static final int KEY_COUNT = 6;
  private static final int ROW_PARAMS = KEY_COUNT + SqlOpportunityStore.OPPORTUNITY_WRITE_COUNT + 1;

  private final Sql db;
  private final SqlOpportunityStore store;

  SqlOpportunityBatch(Sql db, SqlOpportunityStore store) {
    this.db = db;
    this.store = store;
  }

  /** Whether no id and no (tenant, profile, signal key) occurs twice in the batch. */
  static boolean distinct(List<Opportunity> batch) {
    Set<Object> ids = new HashSet<>();
    Set<Object> keys = new HashSet<>();
    for (Opportunity o : batch) {
      if (!ids.add(o.id()) || !keys.add(List.of(o.profileId(), o.signalKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Saves {@code saved} (each already as {@link SqlOpportunityStore#stored} made it). */
  List<Opportunity> save(Connection c, List<Opportunity> saved) throws SQLException {
    List<Opportunity> inserts = new ArrayList<>();
    List<Opportunity> updates = new ArrayList<>();
    for (Opportunity o : saved) {
      (o.version() == 1 ? inserts : updates).add(o);
    }
    Comparator<Opportunity> byId =
        Comparator.comparing((Opportunity o) -> o.tenant()).thenComparing(o -> o.id().value());
    inserts.sort(byId);
    updates.sort(byId);
    try {
      if (db.dialect() == Dialect.POSTGRESQL) {
        pgInsert(c, inserts);
        pgUpdate(c, updates);
      } else {
        checkNoneExists(c, inserts);
        batchInsert(c, inserts);
        batchUpdate(c, updates);
      }
    } catch (SQLException e) {
      if (Errors.kind(e) == Errors.Kind.FOREIGN_KEY_VIOLATION) {
        throw missingProfile(inserts, e);
      }
      throw e;
    }
    return List.copyOf(saved);
  }

  // ---- PostgreSQL

  private void pgInsert(Connection c, List<Opportunity> inserts) throws SQLException {
    for (int from = 0; from < inserts.size(); from += PG_ROWS) {
      List<Opportunity> chunk = inserts.subList(from, Math.min(inserts.size(), from + PG_ROWS));
      String sql =
          "INSERT INTO discovery_opportunity ("
              + SqlOpportunityStore.OPPORTUNITY_KEY_COLUMNS
              + ", "
              + SqlOpportunityStore.OPPORTUNITY_WRITE_COLUMNS
              + ", version) VALUES "
              + Sql.pgRows(
                  chunk.size(),
                  Sql.split(
                      SqlOpportunityStore.OPPORTUNITY_KEY_COLUMNS
                          + ", "
                          + SqlOpportunityStore.OPPORTUNITY_WRITE_COLUMNS
                          + ", version"))
              + " ON CONFLICT DO NOTHING RETURNING tenant, id";
      Set<List<String>> inserted = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (Opportunity o : chunk) {
          i = store.bindOpportunityKey(ps, i, o);
          i = store.bindOpportunity(ps, i, o);
          ps.setLong(i++, o.version());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(List.of(rs.getString(1), rs.getString(2)));
          }
        }
      }
      for (Opportunity o : chunk) {
        if (!inserted.contains(List.of(o.tenant(), o.id().value()))) {
          throw SqlOpportunityStore.duplicate(o);
        }
      }
    }
  }

  /** The columns of the VALUES list of {@link #pgUpdate}: the row's key, then what it writes. */
  private static final String PG_UPDATE_VALUES =
      "tenant, id, old_version, profile_id, signal_key_sha, source_id, external_id, "
          + SqlOpportunityStore.OPPORTUNITY_WRITE_COLUMNS;

  private static String pgUpdate(int rows) {
    StringJoiner set = new StringJoiner(", ");
    for (String column : Sql.split(SqlOpportunityStore.OPPORTUNITY_WRITE_COLUMNS)) {
      set.add(column + " = v." + column);
    }
    return "UPDATE discovery_opportunity AS o SET "
        + set
        + ", version = v.old_version + 1 FROM (VALUES "
        + Sql.pgRows(rows, Sql.split(PG_UPDATE_VALUES))
        + ") AS v ("
        + PG_UPDATE_VALUES
        + ") WHERE o.tenant = v.tenant AND o.id = v.id AND o.version = v.old_version"
        + " AND o.profile_id = v.profile_id AND o.signal_key_sha = v.signal_key_sha"
        + " AND o.source_id = v.source_id AND o.external_id = v.external_id"
        + " RETURNING o.tenant, o.id";
  }

  private void pgUpdate(Connection c, List<Opportunity> updates) throws SQLException {
    for (int from = 0; from < updates.size(); from += PG_ROWS) {
      List<Opportunity> chunk = updates.subList(from, Math.min(updates.size(), from + PG_ROWS));
      Set<List<String>> updated = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(pgUpdate(chunk.size()))) {
        int i = 1;
        for (Opportunity o : chunk) {
          ps.setString(i++, o.tenant());
          ps.setString(i++, o.id().value());
          ps.setLong(i++, o.version() - 1);
          ps.setString(i++, o.profileId().value());
          ps.setString(i++, Sql.sha(o.signalKey()));
          ps.setString(i++, o.signalKey().sourceId());
          ps.setString(i++, o.signalKey().externalId());
          i = store.bindOpportunity(ps, i, o);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            updated.add(List.of(rs.getString(1), rs.getString(2)));
          }
        }
      }
      for (Opportunity o : chunk) {
        if (!updated.contains(List.of(o.tenant(), o.id().value()))) {
          throw store.failedUpdate(c, o, o.version() - 1);
        }
      }
    }
  }

  // ---- MariaDB and H2

  /**
   * Throws for the first insert whose id or (profile, signal key) a stored row holds, before
   * anything is written: one query per tenant and {@link Sql#IN_CHUNK} inserts, through the primary
   * key and the signal index. A row inserted by another transaction after this read makes the batch
   * fail on the unique key instead, which {@link Access#atomic} retries from the start.
   */
  private void checkNoneExists(Connection c, List<Opportunity> inserts) throws SQLException {
    Map<String, List<Opportunity>> byTenant = new LinkedHashMap<>();
    for (Opportunity o : inserts) {
      byTenant.computeIfAbsent(o.tenant(), t -> new ArrayList<>()).add(o);
    }
    Set<String> takenIds = new HashSet<>();
    Set<List<String>> takenKeys = new HashSet<>();
    for (Map.Entry<String, List<Opportunity>> e : byTenant.entrySet()) {
      List<Opportunity> all = e.getValue();
      for (int from = 0; from < all.size(); from += Sql.IN_CHUNK) {
        List<Opportunity> chunk = all.subList(from, Math.min(all.size(), from + Sql.IN_CHUNK));
        String sql =
            "SELECT id, profile_id, signal_key_sha FROM discovery_opportunity WHERE tenant = ?"
                + " AND (id IN ("
                + Sql.placeholders(chunk.size())
                + ") OR signal_key_sha IN ("
                + Sql.placeholders(chunk.size())
                + "))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setString(i++, e.getKey());
          for (Opportunity o : chunk) {
            ps.setString(i++, o.id().value());
          }
          for (Opportunity o : chunk) {
            ps.setString(i++, Sql.sha(o.signalKey()));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              takenIds.add(e.getKey() + "\u0000" + rs.getString(1));
              takenKeys.add(List.of(e.getKey(), rs.getString(2), rs.getString(3)));
            }
          }
        }
      }
    }
    for (Opportunity o : inserts) {
      if (takenIds.contains(o.tenant() + "\u0000" + o.id().value())
          || takenKeys.contains(
              List.of(o.tenant(), o.profileId().value(), Sql.sha(o.signalKey())))) {
        throw SqlOpportunityStore.duplicate(o);
      }
    }
  }

  private void batchInsert(Connection c, List<Opportunity> inserts) throws SQLException {
    if (inserts.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO discovery_opportunity ("
            + SqlOpportunityStore.OPPORTUNITY_KEY_COLUMNS
            + ", "
            + SqlOpportunityStore.OPPORTUNITY_WRITE_COLUMNS
            + ", version) VALUES ("
            + Sql.placeholders(ROW_PARAMS)
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Opportunity o : inserts) {
        int i = store.bindOpportunityKey(ps, 1, o);
        i = store.bindOpportunity(ps, i, o);
        ps.setLong(i, o.version());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void batchUpdate(Connection c, List<Opportunity> updates) throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(SqlOpportunityStore.UPDATE)) {
      for (Opportunity o : updates) {
        store.bindUpdate(ps, o);
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    for (int r = 0; r < updates.size(); r++) {
      // SUCCESS_NO_INFO (-2) would hide a stale row: the drivers in use report real counts for
      // batches of UPDATE; a count of 0 is a row that was not at the caller's version.
      if (r >= counts.length || counts[r] == 0 || counts[r] == Statement.EXECUTE_FAILED) {
        Opportunity o = updates.get(r);
        throw store.failedUpdate(c, o, o.version() - 1);
      }
    }
  }

  private static NotFoundException missingProfile(List<Opportunity> inserts, SQLException e) {
    Set<ProfileId> profiles = new java.util.TreeSet<>(Comparator.comparing(ProfileId::toString));
    inserts.forEach(o -> profiles.add(o.profileId()));
    return new NotFoundException(
        "a profile of the batch does not exist, one of "
            + profiles.stream().limit(5).toList()
            + (profiles.size() > 5 ? " and " + (profiles.size() - 5) + " more" : "")
            + ": save profiles before their opportunities",
        Errors.sanitized(e));
  }
}
