package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.storage.InsightSupport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant dashboard and the filtered inbox of {@link SqlInsightStore}, one statement each. The
 * inbox is keyset-paged in the order {@code (account id), carded_at DESC, opportunity_id}, which
 * the {@code discovery_insight_card_by_account} and {@code _by_time} indexes serve. Thread-safe
 * when its {@link Access} is.
 */
final class SqlInsightLists {
  private final Sql db;

  SqlInsightLists(Sql db) {
    this.db = db;
  }

  /**
   * One aggregate row; the percentiles are aggregates on PostgreSQL and H2, and on MariaDB, which
   * has them as window functions only, scalar subqueries over the same cards.
   */
  Dashboard dashboard(String tenant, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    InsightSupport.checkPeriod(from, to);
    // Parameters are added in the order the text names them: the accounts, the percentiles, the
    // cards.
    SqlInsightParams p = new SqlInsightParams(db);
    String accounts =
        "(SELECT COUNT(*) FROM discovery_account ac WHERE ac.tenant = " + p.add(tenant) + ")";
    String p50;
    String p95;
    if (db.dialect() == Dialect.MARIADB) {
      p50 = mariaPercentile(p, 0.5, tenant, from, to);
      p95 = mariaPercentile(p, 0.95, tenant, from, to);
    } else {
      p50 = "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY i.latency_ms)";
      p95 = "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY i.latency_ms)";
    }
    String sql =
        "SELECT COUNT(*) AS cards,"
            + " SUM(CASE WHEN i.account_id IS NULL THEN 0 ELSE 1 END) AS account_cards,"
            + " SUM(CASE WHEN i.review_state IN ('APPROVED', 'ACTIVATED') THEN 1 ELSE 0 END)"
            + " AS accepted,"
            + " SUM(CASE WHEN i.review_state IN ('APPROVED', 'ACTIVATED', 'REJECTED') THEN 1"
            + " ELSE 0 END) AS decided,"
            + " SUM(CASE WHEN i.status = 'CONVERTED' THEN 1 ELSE 0 END) AS converted,"
            + " SUM(i.evidence) AS evidence, SUM(i.breakdown) AS breakdown,"
            + " "
            + accounts
            + " AS accounts, "
            + p50
            + " AS p50, "
            + p95
            + " AS p95"
            + " FROM "
            + SqlInsightStore.TABLE
            + " i"
            + " WHERE i.tenant = "
            + p.add(tenant)
            + " AND i.carded_at >= "
            + p.add(from)
            + " AND i.carded_at < "
            + p.add(to);
    return db.access()
        .run(
            "read the dashboard of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                p.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return new Dashboard(
                      from,
                      to,
                      rs.getLong("accounts"),
                      rs.getLong("cards"),
                      rs.getLong("account_cards"),
                      rs.getLong("accepted"),
                      rs.getLong("decided"),
                      rs.getLong("converted"),
                      rs.getLong("evidence"),
                      rs.getLong("breakdown"),
                      millis(rs, "p50"),
                      millis(rs, "p95"));
                }
              }
            });
  }

  private static String mariaPercentile(
      SqlInsightParams p, double fraction, String tenant, Instant from, Instant to) {
    // In seconds: MariaDB 10.11 caps a percentile at 10^8 (its result is a DECIMAL(18, 10)).
    return "(SELECT MAX(v) * 1000 FROM (SELECT PERCENTILE_CONT("
        + fraction
        + ") WITHIN GROUP (ORDER BY CAST(latency_ms AS DECIMAL(20, 3)) / 1000) OVER () AS v FROM "
        + SqlInsightStore.TABLE
        + " WHERE tenant = "
        + p.add(tenant)
        + " AND carded_at >= "
        + p.add(from)
        + " AND carded_at < "
        + p.add(to)
        + ") x)";
  }

  private static Optional<Duration> millis(ResultSet rs, String column)
      throws java.sql.SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(InsightSupport.millis(v));
  }

  List<CardSummary> inbox(
      SqlInsightReads reads,
      String tenant,
      AccessScope scope,
      InboxQuery q,
      Optional<InboxCursor> after,
      int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(after, "after");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    SqlScope where = SqlScope.of(scope, "a.");
    SqlInsightParams p = new SqlInsightParams(db);
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(SqlInsightReads.SUMMARY)
            .append(SqlInsightReads.from(where, !where.all() || q.owner().isPresent()))
            .append(" WHERE i.tenant = ")
            .append(p.add(tenant))
            .append(p.add(where));
    q.accountId().ifPresent(a -> sql.append(" AND i.account_id = ").append(p.add(a)));
    if (q.groupByAccount()) {
      sql.append(" AND i.account_id IS NOT NULL");
    }
    q.owner().ifPresent(o -> sql.append(" AND a.owner = ").append(p.add(o)));
    q.from().ifPresent(f -> sql.append(" AND i.carded_at >= ").append(p.add(f)));
    q.to().ifPresent(t -> sql.append(" AND i.carded_at < ").append(p.add(t)));
    if (!q.sources().isEmpty()) {
      sql.append(" AND i.source_id IN (")
          .append(p.add(q.sources().stream().sorted().toArray()))
          .append(")");
    }
    if (q.minScore().isPresent()) {
      sql.append(" AND o.score_total >= ").append(p.add(q.minScore().getAsDouble()));
    }
    if (!q.states().isEmpty()) {
      sql.append(" AND c.state IN (")
          .append(p.add(q.states().stream().sorted().map(ReviewState::name).toArray()))
          .append(")");
    }
    if (!q.urgencies().isEmpty()) {
      // The record's copy of o.sort_urgency (the ordinal), which the inbox figures count and the
      // card indexes hold: the filter and the byUrgency counts agree.
      sql.append(" AND i.urgency IN (")
          .append(p.add(q.urgencies().stream().sorted().map(u -> (long) u.ordinal()).toArray()))
          .append(")");
    }
    after.ifPresent(cur -> keyset(sql, p, cur, q.groupByAccount()));
    sql.append(" ORDER BY ")
        .append(q.groupByAccount() ? "i.account_id, " : "")
        .append("i.carded_at DESC, i.opportunity_id LIMIT ")
        .append(p.add(limit));
    return db.access()
        .run(
            "list the inbox of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                p.bind(ps);
                return Sql.all(ps, reads::summary);
              }
            });
  }

  private static void keyset(
      StringBuilder sql, SqlInsightParams p, InboxCursor cur, boolean groupByAccount) {
    if (groupByAccount) {
      String account = cur.accountId().orElse("");
      sql.append(" AND (i.account_id > ")
          .append(p.add(account))
          .append(" OR (i.account_id = ")
          .append(p.add(account))
          .append(" AND ");
    } else {
      sql.append(" AND ");
    }
    sql.append("(i.carded_at < ")
        .append(p.add(cur.cardedAt()))
        .append(" OR (i.carded_at = ")
        .append(p.add(cur.cardedAt()))
        .append(" AND i.opportunity_id > ")
        .append(p.add(cur.opportunityId()))
        .append("))");
    if (groupByAccount) {
      sql.append("))");
    }
  }
}
