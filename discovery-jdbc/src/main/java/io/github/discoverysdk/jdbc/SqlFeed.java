package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.storage.FeedSupport;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The feed of {@link SqlOpportunityStore}: one keyset-paged query over the opportunity table, its
 * columns chosen by switches on {@link FeedSort} and its filters bound as parameters. Stateless.
 */
final class SqlFeed {
  private SqlFeed() {}

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps, int index) throws SQLException;
  }

  private static void inEnums(
      StringBuilder sql, List<Binder> binds, String column, Collection<? extends Enum<?>> values) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (").append(Sql.placeholders(values.size()));
    sql.append(')');
    for (Enum<?> v : values) {
      binds.add((ps, i) -> ps.setString(i, v.name()));
    }
  }

  /**
   * Urgencies as {@code sort_urgency IN (?, ...)}: the column holds the urgency's ordinal (the
   * primary of {@link FeedSort#URGENCY}'s key), so the filter stays on the urgency indexes.
   */
  private static void inOrdinals(
      StringBuilder sql, List<Binder> binds, Collection<Urgency> urgencies) {
    if (urgencies.isEmpty()) {
      return;
    }
    sql.append(" AND sort_urgency IN (").append(Sql.placeholders(urgencies.size())).append(')');
    for (Urgency u : urgencies) {
      binds.add((ps, i) -> ps.setLong(i, u.ordinal()));
    }
  }

  /**
   * The feed in keyset order. The cursor is decoded before any SQL is built, so a forged one fails
   * without touching the database. Column names come from switches on {@link FeedSort}; filter
   * values are enum names bound as parameters.
   */
  static Page<Opportunity> read(Sql db, FeedQuery query, Sql.RowMapper<Opportunity> rows) {
    FeedSort sort = query.sortBy();
    Optional<FeedSupport.SortKey> after =
        query.cursor().map(cursor -> FeedSupport.decodeCursor(sort, cursor));
    String primary;
    String secondary;
    switch (sort) {
      case RELEVANCE -> {
        primary = "sort_score";
        secondary = "sort_published";
      }
      case DATE -> {
        primary = "sort_published";
        secondary = "sort_score";
      }
      case URGENCY -> {
        primary = "sort_urgency";
        secondary = "sort_outreach";
      }
      default -> throw new ValidationException("sort " + sort + " is not supported");
    }
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(SqlOpportunityStore.OPPORTUNITY_READ_COLUMNS)
            .append(" FROM discovery_opportunity WHERE tenant = ?");
    List<Binder> binds = new ArrayList<>();
    binds.add((ps, i) -> ps.setString(i, query.tenant()));
    if (query.profileId().isPresent()) {
      sql.append(" AND profile_id = ?");
      binds.add((ps, i) -> ps.setString(i, query.profileId().get().value()));
    }
    inEnums(sql, binds, "status", query.statuses());
    inEnums(sql, binds, "signal_type", query.types());
    inEnums(sql, binds, "strength", query.strengths());
    inOrdinals(sql, binds, query.urgencies());
    if (query.minScore().isPresent()) {
      sql.append(" AND score_total >= ?");
      binds.add((ps, i) -> ps.setDouble(i, query.minScore().getAsDouble()));
    }
    if (after.isPresent()) {
      FeedSupport.SortKey k = after.get();
      if (db.dialect() == Dialect.MARIADB) {
        // MariaDB plans the expanded form as a range scan; row values it would scan in full.
        sql.append(" AND (")
            .append(primary)
            .append(" > ? OR (")
            .append(primary)
            .append(" = ? AND (")
            .append(secondary)
            .append(" > ? OR (")
            .append(secondary)
            .append(" = ? AND id > ?))))");
        binds.add((ps, i) -> ps.setLong(i, k.primary()));
        binds.add((ps, i) -> ps.setLong(i, k.primary()));
        binds.add((ps, i) -> ps.setLong(i, k.secondary()));
        binds.add((ps, i) -> ps.setLong(i, k.secondary()));
      } else {
        sql.append(" AND (").append(primary).append(", ").append(secondary);
        sql.append(", id) > (?, ?, ?)");
        binds.add((ps, i) -> ps.setLong(i, k.primary()));
        binds.add((ps, i) -> ps.setLong(i, k.secondary()));
      }
      binds.add((ps, i) -> ps.setString(i, k.id()));
    }
    sql.append(" ORDER BY ").append(primary).append(", ").append(secondary).append(", id");
    sql.append(Sql.limitClause());
    binds.add((ps, i) -> ps.setInt(i, query.limit() + 1));
    List<Opportunity> found =
        db.access()
            .run(
                "read the feed of tenant " + query.tenant(),
                c -> {
                  try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < binds.size(); i++) {
                      binds.get(i).bind(ps, i + 1);
                    }
                    return Sql.all(ps, rows);
                  }
                });
    if (found.size() <= query.limit()) {
      return Page.of(found, Optional.empty());
    }
    List<Opportunity> page = List.copyOf(found.subList(0, query.limit()));
    Opportunity last = page.get(page.size() - 1);
    return Page.of(
        page, Optional.of(FeedSupport.encodeCursor(sort, FeedSupport.sortKey(sort, last))));
  }
}
