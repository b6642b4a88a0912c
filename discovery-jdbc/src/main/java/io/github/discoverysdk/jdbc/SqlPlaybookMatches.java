package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.draft.DraftBatches;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.draft.PlaybookMatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The playbook matches a run records for {@link SqlDraftStore} ({@link DraftStore#recordMatches}):
 * the absent ones of each chunk are found in one {@code SELECT} and inserted in one multi-row
 * {@code INSERT}, which keeps a row a concurrent run inserted meanwhile. Thread-safe when its
 * {@link Access} is.
 */
final class SqlPlaybookMatches {
  private final Sql db;

  SqlPlaybookMatches(Sql db) {
    this.db = db;
  }

  /** Matches per statement: 7 parameters a row, far under every driver's limit. */
  private static final int MATCH_ROWS = 1_000;

  /** {@link DraftStore#recordMatches}: one select and one insert per {@link #MATCH_ROWS}. */
  List<PlaybookMatch> record(List<PlaybookMatch> matches) {
    List<PlaybookMatch> copy = new ArrayList<>();
    for (PlaybookMatch m : DraftBatches.firstMatches(matches)) {
      copy.add(PlaybookMatch.builder().from(m).matchedAt(Sql.micros(m.matchedAt())).build());
    }
    if (copy.isEmpty()) {
      return List.of();
    }
    return db.access()
        .atomic(
            "record " + copy.size() + " playbook matches",
            c -> {
              List<PlaybookMatch> out = new ArrayList<>();
              for (int from = 0; from < copy.size(); from += MATCH_ROWS) {
                List<PlaybookMatch> chunk =
                    absent(c, copy.subList(from, Math.min(copy.size(), from + MATCH_ROWS)));
                if (!chunk.isEmpty()) {
                  insertMatches(c, chunk);
                  out.addAll(chunk);
                }
              }
              return List.copyOf(out);
            });
  }

  /** The matches of {@code chunk} (one tenant) whose card has none stored. */
  private List<PlaybookMatch> absent(Connection c, List<PlaybookMatch> chunk) throws SQLException {
    java.util.Set<String> stored = new java.util.HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT opportunity_id FROM "
                + SqlDraftStore.MATCH_TABLE
                + " WHERE tenant = ? AND opportunity_id IN ("
                + Sql.placeholders(chunk.size())
                + ")")) {
      int i = 1;
      ps.setString(i++, chunk.get(0).tenant());
      for (PlaybookMatch m : chunk) {
        ps.setString(i++, m.opportunityId().value());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    return chunk.stream().filter(m -> !stored.contains(m.opportunityId().value())).toList();
  }

  /** Inserts the rows; a row a concurrent run inserted meanwhile is kept as it is. */
  private void insertMatches(Connection c, List<PlaybookMatch> rows) throws SQLException {
    List<String> columns = Sql.split(SqlDraftStore.MATCH_COLUMNS);
    String row = "(" + Sql.placeholders(columns.size()) + ")";
    String values =
        db.dialect() == Dialect.POSTGRESQL
            ? Sql.pgRows(rows.size(), columns)
            : String.join(", ", java.util.Collections.nCopies(rows.size(), row));
    String sql =
        switch (db.dialect()) {
          case POSTGRESQL ->
              "INSERT INTO "
                  + SqlDraftStore.MATCH_TABLE
                  + " ("
                  + SqlDraftStore.MATCH_COLUMNS
                  + ") VALUES "
                  + values
                  + " ON CONFLICT (tenant, opportunity_id) DO NOTHING";
          case MARIADB ->
              "INSERT INTO "
                  + SqlDraftStore.MATCH_TABLE
                  + " ("
                  + SqlDraftStore.MATCH_COLUMNS
                  + ") VALUES "
                  + values
                  + " ON DUPLICATE KEY UPDATE version = version";
          case H2 ->
              "INSERT INTO "
                  + SqlDraftStore.MATCH_TABLE
                  + " ("
                  + SqlDraftStore.MATCH_COLUMNS
                  + ") VALUES "
                  + values;
        };
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (PlaybookMatch m : rows) {
        ps.setString(i++, m.tenant());
        ps.setString(i++, m.opportunityId().value());
        ps.setString(i++, m.playbookId());
        ps.setString(i++, m.playbookName());
        ps.setString(i++, Json.textList(m.reasons()));
        db.setInstant(ps, i++, m.matchedAt());
        ps.setLong(i++, m.version());
      }
      ps.executeUpdate();
    }
  }
}
