package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.insight.RiskFlags;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.storage.InsightSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link InsightStore} in SQL: {@code discovery_insight_card}, one row per opportunity, which its
 * foreign key deletes with the opportunity. Writes insert the absent rows of a batch in one
 * statement per {@link #ROWS} and fill the account of stored rows that had none (PostgreSQL {@code
 * ON CONFLICT DO UPDATE ... WHERE}, MariaDB {@code ON DUPLICATE KEY UPDATE ... COALESCE}, H2 {@code
 * MERGE}); every write also copies the opportunity's, review card's and feedback's columns the read
 * models need onto the rows ({@link #refresh}); the read models are {@link SqlInsightReads}.
 * Thread-safe when its {@link Access} is.
 */
final class SqlInsightStore implements InsightStore {
  static final String TABLE = "discovery_insight_card";

  static final String COLUMNS =
      "tenant, opportunity_id, account_id, source_id, published_at, published_sec, fetched_at,"
          + " carded_at, latency_ms, risk_flags, evidence, breakdown";

  /** Rows per multi-row statement: 12 parameters a row, far under every driver's limit. */
  static final int ROWS = 1_000;

  private final Sql db;
  private final SqlInsightReads reads;

  SqlInsightStore(Sql sql) {
    this.db = sql;
    this.reads = new SqlInsightReads(sql);
  }

  @Override
  public void recordAll(List<CardInsight> records) {
    List<CardInsight> copy = InsightSupport.firsts(records);
    if (copy.isEmpty()) {
      return;
    }
    db.access()
        .atomic(
            "record " + copy.size() + " cards",
            c -> {
              for (int from = 0; from < copy.size(); from += ROWS) {
                insert(c, copy.subList(from, Math.min(copy.size(), from + ROWS)));
              }
              refresh(c, copy.stream().map(CardInsight::opportunityId).toList());
              return null;
            });
  }

  @Override
  public void refresh(Collection<OpportunityId> ids) {
    List<OpportunityId> copy = InsightSupport.refreshed(ids);
    if (copy.isEmpty()) {
      return;
    }
    db.access()
        .atomic(
            "refresh " + copy.size() + " card records",
            c -> {
              refresh(c, copy);
              return null;
            });
  }

  private void refresh(Connection c, List<OpportunityId> ids) throws SQLException {
    for (int from = 0; from < ids.size(); from += ROWS) {
      List<OpportunityId> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS));
      try (PreparedStatement ps = c.prepareStatement(refreshSql(chunk.size()))) {
        int i = 1;
        ps.setString(i++, chunk.get(0).tenant());
        for (OpportunityId id : chunk) {
          ps.setString(i++, id.value());
        }
        ps.executeUpdate();
      }
    }
  }

  /**
   * Copies the opportunity's, review card's and last feedback's columns onto the records of one
   * tenant's {@code n} ids, in one statement: {@code UPDATE ... FROM} on PostgreSQL, a multi-table
   * {@code UPDATE} on MariaDB, row subqueries on H2.
   */
  private String refreshSql(int n) {
    String feedback =
        "(SELECT MAX(f.given_at) FROM discovery_feedback f"
            + " WHERE f.tenant = i.tenant AND f.opportunity_id = i.opportunity_id)";
    String where = " i.tenant = ? AND i.opportunity_id IN (" + Sql.placeholders(n) + ")";
    String review = SqlReviewCards.TABLE;
    return switch (db.dialect()) {
      case POSTGRESQL ->
          "UPDATE "
              + TABLE
              + " i SET title = o.title, signal_type = o.signal_type, strength = o.strength,"
              + " urgency = o.sort_urgency, status = o.status,"
              + " score_total = o.score_total, signal_key_sha = o.signal_key_sha,"
              + " review_state = c.state, submitted_at = c.submitted_at,"
              + " decided_at = c.decided_at, feedback_at = "
              + feedback
              + " FROM discovery_opportunity o LEFT JOIN "
              + review
              + " c ON c.tenant = o.tenant AND c.opportunity_id = o.id"
              + " WHERE o.tenant = i.tenant AND o.id = i.opportunity_id AND"
              + where;
      case MARIADB ->
          "UPDATE "
              + TABLE
              + " i JOIN discovery_opportunity o ON o.tenant = i.tenant AND o.id = i.opportunity_id"
              + " LEFT JOIN "
              + review
              + " c ON c.tenant = i.tenant AND c.opportunity_id = i.opportunity_id"
              + " SET i.title = o.title, i.signal_type = o.signal_type, i.strength = o.strength,"
              + " i.urgency = o.sort_urgency, i.status = o.status,"
              + " i.score_total = o.score_total, i.signal_key_sha = o.signal_key_sha,"
              + " i.review_state = c.state, i.submitted_at = c.submitted_at,"
              + " i.decided_at = c.decided_at, i.feedback_at = "
              + feedback
              + " WHERE"
              + where;
      case H2 ->
          "UPDATE "
              + TABLE
              + " i SET (title, signal_type, strength, urgency, status, score_total,"
              + " signal_key_sha) = (SELECT o.title, o.signal_type, o.strength, o.sort_urgency, o.status, o.score_total, o.signal_key_sha FROM"
              + " discovery_opportunity o WHERE o.tenant = i.tenant AND o.id = i.opportunity_id),"
              + " (review_state, submitted_at, decided_at) = (SELECT c.state, c.submitted_at,"
              + " c.decided_at FROM "
              + review
              + " c WHERE c.tenant = i.tenant AND c.opportunity_id = i.opportunity_id),"
              + " feedback_at = "
              + feedback
              + " WHERE"
              + where;
    };
  }

  private void insert(Connection c, List<CardInsight> chunk) throws SQLException {
    List<String> columns = Sql.split(COLUMNS);
    String sql =
        switch (db.dialect()) {
          case POSTGRESQL ->
              "INSERT INTO "
                  + TABLE
                  + " ("
                  + COLUMNS
                  + ") VALUES "
                  + Sql.pgRows(chunk.size(), columns)
                  + " ON CONFLICT (tenant, opportunity_id) DO UPDATE SET account_id ="
                  + " EXCLUDED.account_id WHERE "
                  + TABLE
                  + ".account_id IS NULL AND EXCLUDED.account_id IS NOT NULL";
          case MARIADB ->
              "INSERT INTO "
                  + TABLE
                  + " ("
                  + COLUMNS
                  + ") VALUES "
                  + rows(chunk.size(), "(" + Sql.placeholders(columns.size()) + ")")
                  + " ON DUPLICATE KEY UPDATE account_id = COALESCE(account_id, VALUES(account_id))";
          case H2 ->
              "MERGE INTO "
                  + TABLE
                  + " t USING (VALUES "
                  + rows(chunk.size(), h2Row())
                  + ") AS v ("
                  + COLUMNS
                  + ") ON t.tenant = v.tenant AND t.opportunity_id = v.opportunity_id"
                  + " WHEN MATCHED AND t.account_id IS NULL AND v.account_id IS NOT NULL THEN"
                  + " UPDATE SET account_id = v.account_id"
                  + " WHEN NOT MATCHED THEN INSERT ("
                  + COLUMNS
                  + ") VALUES ("
                  + String.join(", ", columns.stream().map(col -> "v." + col).toList())
                  + ")";
        };
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (CardInsight r : chunk) {
        i = bind(ps, i, r);
      }
      ps.executeUpdate();
    }
  }

  private static String rows(int n, String row) {
    return String.join(", ", Collections.nCopies(n, row));
  }

  /** A row of an H2 {@code VALUES} list, typed: H2 cannot type a bare parameter there. */
  private static String h2Row() {
    return "(CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(100)),"
        + " CAST(? AS VARCHAR(100)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS BIGINT),"
        + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS TIMESTAMP(6) WITH TIME ZONE),"
        + " CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS SMALLINT), CAST(? AS SMALLINT))";
  }

  private int bind(PreparedStatement ps, int start, CardInsight r) throws SQLException {
    int i = start;
    ps.setString(i++, r.tenant());
    ps.setString(i++, r.opportunityId().value());
    ps.setString(i++, r.accountId().orElse(null));
    ps.setString(i++, r.sourceId());
    db.setInstant(ps, i++, r.publishedAt());
    ps.setLong(i++, r.publishedAt().getEpochSecond());
    db.setInstant(ps, i++, r.fetchedAt());
    db.setInstant(ps, i++, r.cardedAt());
    ps.setLong(i++, r.latencyMillis());
    ps.setInt(i++, RiskFlags.bits(r.riskFlags()));
    ps.setShort(i++, (short) (r.evidence() ? 1 : 0));
    ps.setShort(i++, (short) (r.breakdown() ? 1 : 0));
    return i;
  }

  @Override
  public Optional<CardInsight> find(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find the card record of " + id,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + COLUMNS
                        + " FROM "
                        + TABLE
                        + " WHERE tenant = ? AND opportunity_id = ?",
                    this::insight,
                    id.tenant(),
                    id.value()));
  }

  private CardInsight insight(ResultSet rs) throws SQLException {
    return new CardInsight(
        OpportunityId.of(rs.getString("tenant"), rs.getString("opportunity_id")),
        Optional.ofNullable(rs.getString("account_id")),
        rs.getString("source_id"),
        db.getInstant(rs, "published_at"),
        db.getInstant(rs, "fetched_at"),
        db.getInstant(rs, "carded_at"),
        RiskFlags.fromBits(rs.getInt("risk_flags")),
        rs.getInt("evidence") == 1,
        rs.getInt("breakdown") == 1);
  }

  @Override
  public Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed) {
    return reads.accountHealth(tenant, scope, accountId, now, weeks, listed);
  }

  @Override
  public InboxStats inboxStats(
      String tenant, AccessScope scope, Instant from, Instant to, Instant weekStart) {
    return reads.inboxStats(tenant, scope, from, to, weekStart);
  }

  @Override
  public Dashboard dashboard(String tenant, Instant from, Instant to) {
    return reads.dashboard(tenant, from, to);
  }

  @Override
  public List<CardSummary> inbox(
      String tenant, AccessScope scope, InboxQuery query, Optional<InboxCursor> after, int limit) {
    return reads.inbox(tenant, scope, query, after, limit);
  }
}
