package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The read models of {@link SqlReviewStore}, one query each. A scoped read joins each card to its
 * account ({@code a}) and applies {@link SqlScope} to the account's owner and team, so that a card
 * moves with its account and a card without one is seen only by a whole-tenant scope (which needs
 * no join). Thread-safe when its {@link Access} is.
 */
final class SqlReviewReads {
  /** The states a card has a decision in; the median is taken over them. */
  static final Set<ReviewState> DECIDED =
      EnumSet.of(ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.ACTIVATED);

  private final Sql db;
  private final SqlReviewCards cards;

  SqlReviewReads(Sql db, SqlReviewCards cards) {
    this.db = db;
    this.cards = cards;
  }

  /** The cards table aliased {@code c}, joined to its account {@code a} unless for all. */
  private static String from(SqlScope scope) {
    return " FROM "
        + SqlReviewCards.TABLE
        + " c"
        + (scope.all()
            ? ""
            : " JOIN discovery_account a ON a.tenant = c.tenant AND a.id = c.account_id");
  }

  List<ReviewCard> list(
      String tenant,
      AccessScope scope,
      Set<ReviewState> states,
      Optional<ReviewCursor> after,
      int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(after, "after");
    List<String> wanted = names(states);
    Sql.checkLimit(limit);
    if (limit == 0 || wanted.isEmpty()) {
      return List.of();
    }
    SqlScope where = SqlScope.of(scope, "a.");
    String sql =
        "SELECT "
            + SqlReviewCards.aliased()
            + from(where)
            + " WHERE c.tenant = ? AND c.state IN ("
            + Sql.placeholders(wanted.size())
            + ")"
            + where.condition()
            + (after.isPresent()
                ? " AND (c.queued_at > ? OR (c.queued_at = ? AND c.opportunity_id > ?))"
                : "")
            + SqlReviewCards.ORDER
            + Sql.limitClause();
    return db.access()
        .run(
            "list the review cards of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, tenant);
                for (String s : wanted) {
                  ps.setString(i++, s);
                }
                i = where.bind(ps, i);
                if (after.isPresent()) {
                  db.setInstant(ps, i++, after.get().queuedAt());
                  db.setInstant(ps, i++, after.get().queuedAt());
                  ps.setString(i++, after.get().opportunityId());
                }
                ps.setInt(i, limit);
                return Sql.all(ps, cards::card);
              }
            });
  }

  List<ReviewCard> byAccount(String tenant, String accountId, Set<ReviewState> states, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    List<String> wanted = names(states);
    Sql.checkLimit(limit);
    if (limit == 0 || wanted.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT "
            + SqlReviewCards.aliased()
            + " FROM "
            + SqlReviewCards.TABLE
            + " c WHERE c.tenant = ? AND c.account_id = ? AND c.state IN ("
            + Sql.placeholders(wanted.size())
            + ")"
            + SqlReviewCards.ORDER
            + Sql.limitClause();
    return db.access()
        .run(
            "list the review cards of account " + accountId + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, tenant);
                ps.setString(i++, accountId);
                for (String s : wanted) {
                  ps.setString(i++, s);
                }
                ps.setInt(i, limit);
                return Sql.all(ps, cards::card);
              }
            });
  }

  Map<ReviewState, Long> counts(String tenant, AccessScope scope) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    SqlScope where = SqlScope.of(scope, "a.");
    String sql =
        "SELECT c.state, COUNT(*)"
            + from(where)
            + " WHERE c.tenant = ?"
            + where.condition()
            + " GROUP BY c.state";
    return db.access()
        .run(
            "count the review cards of tenant " + tenant,
            c -> {
              Map<ReviewState, Long> counts = new EnumMap<>(ReviewState.class);
              for (ReviewState s : ReviewState.values()) {
                counts.put(s, 0L);
              }
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                where.bind(ps, 2);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    counts.put(ReviewState.valueOf(rs.getString(1)), rs.getLong(2));
                  }
                }
              }
              return Map.copyOf(counts);
            });
  }

  /**
   * The median in microseconds (seconds on MariaDB), interpolated between the two middle values of
   * an even count, in one aggregate query: {@code percentile_cont} on PostgreSQL and H2, the {@code
   * MEDIAN} window function on MariaDB (the first row carries it).
   */
  Optional<Duration> medianTimeToReview(
      String tenant, AccessScope scope, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    SqlScope where = SqlScope.of(scope, "a.");
    List<String> decided = names(DECIDED);
    String micros = reviewMicros(db.dialect());
    // MariaDB's MEDIAN caps its result at 10^8 (found on 10.11): in microseconds that is 100
    // seconds, so it takes the median in seconds (a DECIMAL with six places) and scales back.
    boolean mariadb = db.dialect() == Dialect.MARIADB;
    String median =
        mariadb
            ? "MEDIAN(" + micros + " / 1000000) OVER ()"
            : "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + micros + ")";
    long nanosPerUnit = mariadb ? 1_000_000_000L : 1_000L;
    String sql =
        "SELECT "
            + median
            + from(where)
            + " WHERE c.tenant = ? AND c.state IN ("
            + Sql.placeholders(decided.size())
            + ") AND c.submitted_at IS NOT NULL AND c.decided_at >= ? AND c.decided_at < ?"
            + where.condition()
            + (db.dialect() == Dialect.MARIADB ? Sql.limitClause() : "");
    return db.access()
        .run(
            "take the median time to review of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, tenant);
                for (String s : decided) {
                  ps.setString(i++, s);
                }
                db.setInstant(ps, i++, from);
                db.setInstant(ps, i++, to);
                i = where.bind(ps, i);
                if (db.dialect() == Dialect.MARIADB) {
                  ps.setInt(i, 1);
                }
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.<Duration>empty();
                  }
                  double value = rs.getDouble(1);
                  return rs.wasNull()
                      ? Optional.<Duration>empty()
                      : Optional.of(Duration.ofNanos(Math.round(value * nanosPerUnit)));
                }
              }
            });
  }

  /**
   * {@code c.decided_at - c.submitted_at} in microseconds, of the cards table aliased {@code c}, as
   * an expression each dialect can take a percentile of.
   */
  static String reviewMicros(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL ->
          "CAST(EXTRACT(EPOCH FROM (c.decided_at - c.submitted_at)) * 1000000"
              + " AS DOUBLE PRECISION)";
      case MARIADB -> "TIMESTAMPDIFF(MICROSECOND, c.submitted_at, c.decided_at)";
      // H2 interpolates a BIGINT exactly (as NUMERIC), but fails on DOUBLE PRECISION.
      case H2 -> "DATEDIFF(MICROSECOND, c.submitted_at, c.decided_at)";
    };
  }

  List<ReviewCard> overdue(String tenant, Instant submittedBefore, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(submittedBefore, "submittedBefore");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    // A card pending review was submitted, so its queued_at is its submitted_at: the range on
    // queued_at lets the queue index serve the query.
    String sql =
        "SELECT "
            + SqlReviewCards.aliased()
            + " FROM "
            + SqlReviewCards.TABLE
            + " c WHERE c.tenant = ? AND c.state = ? AND c.queued_at < ?"
            + " AND c.submitted_at < ? AND c.escalated_at IS NULL"
            + SqlReviewCards.ORDER
            + Sql.limitClause();
    return db.access()
        .run(
            "list the overdue review cards of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                ps.setString(2, ReviewState.PENDING_REVIEW.name());
                db.setInstant(ps, 3, submittedBefore);
                db.setInstant(ps, 4, submittedBefore);
                ps.setInt(5, limit);
                return Sql.all(ps, cards::card);
              }
            });
  }

  private static List<String> names(Set<ReviewState> states) {
    Objects.requireNonNull(states, "states");
    return states.stream().sorted().map(ReviewState::name).toList();
  }
}
