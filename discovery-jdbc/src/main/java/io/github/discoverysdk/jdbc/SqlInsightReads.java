package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.insight.RiskFlags;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.storage.InsightSupport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The health and inbox figures of {@link SqlInsightStore}, one statement each: a common table of
 * the reader's cards ({@code s}), then one {@code UNION ALL} branch per figure, each row tagged by
 * its kind. A scoped read joins each card to its account ({@code a}) and applies {@link SqlScope},
 * as the review listings do. Thread-safe when its {@link Access} is.
 */
final class SqlInsightReads {
  /** The columns of a {@link CardSummary}, of the tables aliased i, o and c. */
  static final String SUMMARY =
      "i.tenant, i.opportunity_id, i.account_id, i.source_id, o.title, o.signal_type,"
          + " o.score_total, o.strength, o.status, c.state, i.published_at, i.carded_at,"
          + " i.risk_flags";

  private static final int SUMMARY_COLUMNS = Sql.split(SUMMARY).size();

  private final Sql db;
  private final SqlInsightLists lists;

  SqlInsightReads(Sql db) {
    this.db = db;
    this.lists = new SqlInsightLists(db);
  }

  /**
   * The cards (i) joined to their opportunity (o), review card (c) and, when scoped, account (a).
   */
  static String from(SqlScope scope, boolean account) {
    return " FROM "
        + SqlInsightStore.TABLE
        + " i"
        + (account
            ? " JOIN discovery_account a ON a.tenant = i.tenant AND a.id = i.account_id"
            : "")
        + " JOIN discovery_opportunity o ON o.tenant = i.tenant AND o.id = i.opportunity_id"
        + " LEFT JOIN "
        + SqlReviewCards.TABLE
        + " c ON c.tenant = i.tenant AND c.opportunity_id = i.opportunity_id";
  }

  CardSummary summary(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    return new CardSummary(
        OpportunityId.of(rs.getString("tenant"), rs.getString("opportunity_id")),
        Optional.ofNullable(rs.getString("account_id")),
        rs.getString("source_id"),
        rs.getString("title"),
        SignalType.valueOf(rs.getString("signal_type")),
        rs.getDouble("score_total"),
        SignalStrength.valueOf(rs.getString("strength")),
        OpportunityStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(state).map(ReviewState::valueOf),
        db.getInstant(rs, "published_at"),
        db.getInstant(rs, "carded_at"),
        RiskFlags.fromBits(rs.getInt("risk_flags")));
  }

  Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed) {
    InsightSupport.checkHealth(tenant, accountId, now, weeks, listed);
    long start = InsightSupport.startSecond(now, weeks);
    long end = now.getEpochSecond();
    SqlScope where = SqlScope.of(scope, "a.");
    SqlInsightParams p = new SqlInsightParams(db);
    String summary = unqualified();
    String open = open();
    String week = db.dialect() == Dialect.MARIADB ? "rel DIV " : "rel / ";
    String sql =
        "WITH s AS (SELECT "
            + SUMMARY
            + ", o.signal_key_sha, c.decided_at, i.published_sec - "
            + p.add(start)
            + " AS rel"
            + from(where, !where.all())
            + " WHERE i.tenant = "
            + p.add(tenant)
            + " AND i.account_id = "
            + p.add(accountId)
            + p.add(where)
            + ")"
            + " SELECT * FROM (SELECT 'f' AS kind, 0 AS k, 0 AS n, "
            + nullTime()
            + " AS at, "
            + summary
            + " FROM s WHERE risk_flags <> 0 AND rel >= 0 AND rel < "
            + p.add(end - start)
            + " ORDER BY published_at DESC, opportunity_id LIMIT "
            + p.add(listed)
            + ") f"
            + " UNION ALL SELECT * FROM (SELECT 't' AS kind, 0 AS k, 0 AS n, "
            + nullTime()
            + " AS at, "
            + summary
            + " FROM s WHERE status IN ("
            + open
            + ") ORDER BY score_total DESC, opportunity_id LIMIT "
            + p.add(listed)
            + ") t"
            + " UNION ALL SELECT 'w', "
            + week
            + InsightSupport.WEEK_SECONDS
            + ", COUNT(DISTINCT signal_key_sha), NULL, "
            + nulls()
            + " FROM s WHERE rel >= 0 AND rel < "
            + p.add(end - start)
            + " GROUP BY "
            + week
            + InsightSupport.WEEK_SECONDS
            + " UNION ALL SELECT 'r', 0, COUNT(*), MAX(decided_at), "
            + nulls()
            // Feedback per card through its index, never a scan of the tenant's feedback.
            + " FROM s UNION ALL SELECT 'b', 0, COUNT(*), MAX(t.at), "
            + nulls()
            + " FROM (SELECT (SELECT MAX(fb.given_at) FROM discovery_feedback fb"
            + " WHERE fb.tenant = s.tenant AND fb.opportunity_id = s.opportunity_id) AS at"
            + " FROM s) t"
            + " UNION ALL SELECT 'a', 0, COUNT(*), NULL, "
            + nulls()
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
                      case "f" -> flagged.add(summary(rs));
                      case "t" -> top.add(summary(rs));
                      case "w" -> counts[(int) rs.getLong("k")] = rs.getLong("n");
                      case "a" -> visible = rs.getLong("n") > 0;
                      default -> touch = later(touch, db.getInstant(rs, "at"));
                    }
                  }
                }
              }
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

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }

  /** {@link #SUMMARY} without the table aliases, for reading the common table. */
  private static String unqualified() {
    StringJoiner j = new StringJoiner(", ");
    Sql.split(SUMMARY).forEach(col -> j.add(col.substring(2)));
    return j.toString();
  }

  private static String nulls() {
    return String.join(", ", java.util.Collections.nCopies(SUMMARY_COLUMNS, "NULL"));
  }

  /** A typed null instant: a derived table must know the column's type before the union does. */
  private String nullTime() {
    return db.dialect() == Dialect.MARIADB
        ? "CAST(NULL AS DATETIME(6))"
        : "CAST(NULL AS TIMESTAMP(6) WITH TIME ZONE)";
  }

  /** The open statuses as SQL string literals (constants, not user input). */
  static String open() {
    StringJoiner j = new StringJoiner(", ");
    Arrays.stream(OpportunityStatus.values())
        .filter(CardSummary::isOpen)
        .forEach(s -> j.add("'" + s.name() + "'"));
    return j.toString();
  }

  InboxStats inboxStats(
      String tenant, AccessScope scope, Instant from, Instant to, Instant weekStart) {
    InsightSupport.checkPeriod(from, to);
    java.util.Objects.requireNonNull(weekStart, "weekStart");
    java.util.Objects.requireNonNull(scope, "scope");
    SqlScope where = SqlScope.of(scope, "a.");
    SqlInsightParams p = new SqlInsightParams(db);
    StringJoiner urgency = new StringJoiner(" ", "CASE urgency ", " END");
    for (Urgency u : Urgency.values()) {
      urgency.add("WHEN " + u.ordinal() + " THEN '" + u.name() + "'");
    }
    String decided = "'APPROVED', 'REJECTED', 'ACTIVATED'";
    String median =
        db.dialect() == Dialect.MARIADB
            // In seconds: MariaDB 10.11 caps a median at 10^8 (its result is a DECIMAL(18, 10)).
            ? "SELECT 'm', NULL, 0, MAX(v) * 1000000 FROM (SELECT"
                + " MEDIAN(CAST(review_us AS DECIMAL(24, 6)) / 1000000) OVER () AS v FROM s"
                + " WHERE state IN ("
                + decided
                + ") AND review_us IS NOT NULL) x"
            : "SELECT 'm', NULL, COUNT(review_us), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY"
                + " review_us) FROM s WHERE state IN ("
                + decided
                + ") AND review_us IS NOT NULL";
    String sql =
        "WITH s AS (SELECT c.state AS state, o.strength AS strength, o.sort_urgency AS urgency,"
            + " i.carded_at AS carded_at, CASE WHEN c.submitted_at IS NULL THEN NULL ELSE "
            + SqlReviewReads.reviewMicros(db.dialect())
            + " END AS review_us"
            + from(where, !where.all())
            + " WHERE i.tenant = "
            + p.add(tenant)
            + " AND i.carded_at >= "
            + p.add(from)
            + " AND i.carded_at < "
            + p.add(to)
            + p.add(where)
            + ") SELECT 's' AS kind, state AS name, COUNT(*) AS n, "
            + (db.dialect() == Dialect.MARIADB
                ? "CAST(NULL AS DOUBLE)"
                : "CAST(NULL AS DOUBLE PRECISION)")
            + " AS v FROM s"
            + " WHERE state IS NOT NULL GROUP BY state"
            + " UNION ALL SELECT 'b', strength, COUNT(*), NULL FROM s GROUP BY strength"
            + " UNION ALL SELECT 'u', "
            + urgency
            + ", COUNT(*), NULL FROM s GROUP BY urgency"
            + " UNION ALL SELECT 'n', NULL, COUNT(*), NULL FROM s"
            + " UNION ALL SELECT 'w', NULL, COUNT(*), NULL FROM s WHERE carded_at >= "
            + p.add(weekStart)
            + " UNION ALL "
            + median;
    return db.access()
        .run(
            "read the inbox figures of tenant " + tenant,
            c -> {
              Map<ReviewState, Long> byState = new EnumMap<>(ReviewState.class);
              Map<SignalStrength, Long> byStrength = new EnumMap<>(SignalStrength.class);
              Map<Urgency, Long> byUrgency = new EnumMap<>(Urgency.class);
              long cards = 0;
              long fresh = 0;
              Optional<java.time.Duration> med = Optional.empty();
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                p.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    String name = rs.getString("name");
                    long n = rs.getLong("n");
                    switch (rs.getString("kind")) {
                      case "s" -> byState.put(ReviewState.valueOf(name), n);
                      case "b" -> byStrength.put(SignalStrength.valueOf(name), n);
                      case "u" -> byUrgency.put(Urgency.valueOf(name), n);
                      case "n" -> cards = n;
                      case "w" -> fresh = n;
                      default -> {
                        double v = rs.getDouble("v");
                        med = rs.wasNull() ? med : Optional.of(InsightSupport.micros(v));
                      }
                    }
                  }
                }
              }
              return new InboxStats(cards, byState, byStrength, byUrgency, fresh, med);
            });
  }

  Dashboard dashboard(String tenant, Instant from, Instant to) {
    return lists.dashboard(tenant, from, to);
  }

  List<CardSummary> inbox(
      String tenant,
      AccessScope scope,
      io.github.discoverysdk.insight.InboxQuery query,
      Optional<io.github.discoverysdk.insight.InboxCursor> after,
      int limit) {
    return lists.inbox(this, tenant, scope, query, after, limit);
  }
}
