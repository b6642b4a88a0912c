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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The health and inbox figures of {@link SqlInsightStore}, one statement each: a common table of
 * the reader's card records ({@code s}, the columns copied onto them, no join per card), then one
 * {@code UNION ALL} branch per figure, each row tagged by its kind. A scoped read joins each card
 * to its account ({@code a}) and applies {@link SqlScope}, as the review listings do. Thread-safe
 * when its {@link Access} is.
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
  private final SqlInsightHealth health;

  SqlInsightReads(Sql db) {
    this.db = db;
    this.lists = new SqlInsightLists(db);
    this.health = new SqlInsightHealth(db, this);
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

  /**
   * The card records (i) of the reader and, when scoped, their account (a): the read models read
   * the columns copied onto the records ({@code InsightStore.refresh}), never the opportunity or
   * review card of each card.
   */
  static String records(boolean account) {
    return " FROM "
        + SqlInsightStore.TABLE
        + " i"
        + (account
            ? " JOIN discovery_account a ON a.tenant = i.tenant AND a.id = i.account_id"
            : "");
  }

  Optional<AccountHealth> accountHealth(
      String tenant, AccessScope scope, String accountId, Instant now, int weeks, int listed) {
    return health.accountHealth(tenant, scope, accountId, now, weeks, listed);
  }

  static String nulls() {
    return String.join(", ", java.util.Collections.nCopies(SUMMARY_COLUMNS, "NULL"));
  }

  /** A typed null instant: a derived table must know the column's type before the union does. */
  String nullTime() {
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
        "WITH s AS (SELECT i.review_state AS state, i.strength AS strength, i.urgency AS urgency,"
            + " i.carded_at AS carded_at, CASE WHEN i.submitted_at IS NULL THEN NULL ELSE "
            + SqlReviewReads.reviewMicros(db.dialect())
                .replace("c.submitted_at", "i.submitted_at")
                .replace("c.decided_at", "i.decided_at")
            + " END AS review_us"
            + records(!where.all())
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
                      case "b" -> {
                        if (name != null) {
                          byStrength.put(SignalStrength.valueOf(name), n);
                        }
                      }
                      case "u" -> {
                        if (name != null) {
                          byUrgency.put(Urgency.valueOf(name), n);
                        }
                      }
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
