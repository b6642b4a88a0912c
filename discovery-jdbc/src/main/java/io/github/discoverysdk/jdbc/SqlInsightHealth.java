package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.storage.InsightSupport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The account health of {@link SqlInsightStore}, in one statement over the account's card records
 * ({@code s}), one {@code UNION ALL} branch per figure as {@link SqlInsightReads} does. Thread-safe
 * when its {@link Access} is.
 */
final class SqlInsightHealth {
  private final Sql db;
  private final SqlInsightReads reads;

  SqlInsightHealth(Sql db, SqlInsightReads reads) {
    this.db = db;
    this.reads = reads;
  }

  /**
   * The health figures read the account's card records only (the covering index); the at most
   * {@code 2 * listed} cards it lists then read their title and type from their record's row, and
   * are ordered here.
   */
  Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed) {
    InsightSupport.checkHealth(tenant, accountId, now, weeks, listed);
    long start = InsightSupport.startSecond(now, weeks);
    long end = now.getEpochSecond();
    SqlScope where = SqlScope.of(scope, "a.");
    SqlInsightParams p = new SqlInsightParams(db);
    String week = db.dialect() == Dialect.MARIADB ? "rel DIV " : "rel / ";
    String sql =
        "WITH s AS (SELECT i.tenant, i.opportunity_id, i.account_id, i.source_id, i.score_total,"
            + " i.strength, i.status, i.review_state AS state, i.published_at, i.carded_at,"
            + " i.risk_flags, i.signal_key_sha, i.decided_at, i.feedback_at, i.published_sec - "
            + p.add(start)
            + " AS rel"
            + SqlInsightReads.records(!where.all())
            + " WHERE i.tenant = "
            + p.add(tenant)
            + " AND i.account_id = "
            + p.add(accountId)
            + p.add(where)
            + ") SELECT 'f' AS kind, 0 AS k, 0 AS n, "
            + reads.nullTime()
            + " AS at, "
            + listedColumns("f")
            + " FROM (SELECT * FROM s WHERE risk_flags <> 0 AND rel >= 0 AND rel < "
            + p.add(end - start)
            + " ORDER BY published_at DESC, opportunity_id LIMIT "
            + p.add(listed)
            + ") f"
            + joinRecord("f")
            + " UNION ALL SELECT 't', 0, 0, NULL, "
            + listedColumns("t")
            + " FROM (SELECT * FROM s WHERE status IN ("
            + SqlInsightReads.open()
            + ") ORDER BY score_total DESC, opportunity_id LIMIT "
            + p.add(listed)
            + ") t"
            + joinRecord("t")
            + " UNION ALL SELECT 'w', "
            + week
            + InsightSupport.WEEK_SECONDS
            + ", COUNT(DISTINCT signal_key_sha), NULL, "
            + SqlInsightReads.nulls()
            + " FROM s WHERE rel >= 0 AND rel < "
            + p.add(end - start)
            + " GROUP BY "
            + week
            + InsightSupport.WEEK_SECONDS
            + " UNION ALL SELECT 'r', 0, COUNT(*), MAX(decided_at), "
            + SqlInsightReads.nulls()
            + " FROM s UNION ALL SELECT 'b', 0, COUNT(*), MAX(feedback_at), "
            + SqlInsightReads.nulls()
            + " FROM s UNION ALL SELECT 'a', 0, COUNT(*), NULL, "
            + SqlInsightReads.nulls()
            + " FROM discovery_account a WHERE a.tenant = "
            + p.add(tenant)
            + " AND a.id = "
            + p.add(accountId)
            + p.add(where);
    return db.access()
        .run(
            "read the health of account " + accountId + " of tenant " + tenant,
            c -> {
              long[] counts = new long[weeks];
              List<CardSummary> flagged = new ArrayList<>();
              List<CardSummary> top = new ArrayList<>();
              Instant touch = null;
              boolean visible = false;
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                p.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    switch (rs.getString("kind")) {
                      case "f" -> flagged.add(reads.summary(rs));
                      case "t" -> top.add(reads.summary(rs));
                      case "w" -> counts[(int) rs.getLong("k")] = rs.getLong("n");
                      case "a" -> visible = rs.getLong("n") > 0;
                      default -> touch = later(touch, db.getInstant(rs, "at"));
                    }
                  }
                }
              }
              flagged.sort(
                  Comparator.comparing(CardSummary::publishedAt)
                      .reversed()
                      .thenComparing(x -> x.opportunityId().value()));
              top.sort(
                  Comparator.comparingDouble(CardSummary::score)
                      .reversed()
                      .thenComparing(x -> x.opportunityId().value()));
              return visible
                  ? Optional.of(
                      AccountHealth.of(
                          accountId,
                          Instant.ofEpochSecond(start),
                          counts,
                          flagged,
                          top,
                          Optional.ofNullable(touch)))
                  : Optional.<AccountHealth>empty();
            });
  }

  /**
   * The {@link SqlInsightReads#SUMMARY} columns of a listed card: those of the common table, and
   * the title and type of its record's row (x), which the covering index leaves out.
   */
  private static String listedColumns(String alias) {
    StringJoiner j = new StringJoiner(", ");
    for (String col : Sql.split(SqlInsightReads.SUMMARY)) {
      String name = col.substring(2);
      j.add(name.equals("title") || name.equals("signal_type") ? "x." + name : alias + "." + name);
    }
    return j.toString();
  }

  /** The record's own row of each listed card, by primary key: a handful of rows. */
  private static String joinRecord(String alias) {
    return " JOIN "
        + SqlInsightStore.TABLE
        + " x ON x.tenant = "
        + alias
        + ".tenant AND x.opportunity_id = "
        + alias
        + ".opportunity_id";
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }
}
