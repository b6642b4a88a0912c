package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.draft.DraftBatches;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DraftStore} in SQL: {@code discovery_playbook_match}, one row per card, versioned; {@code
 * discovery_draft}, one row per draft version, inserted once and never updated. Two writers
 * appending the same version meet at the primary key: one wins, the other gets a {@link
 * ConcurrentUpdateException}. Thread-safe when its {@link Access} is.
 */
final class SqlDraftStore implements DraftStore {
  static final String MATCH_TABLE = "discovery_playbook_match";
  static final String MATCH_COLUMNS =
      "tenant, opportunity_id, playbook_id, playbook_name, reasons, matched_at, version";
  private static final String DRAFT_COLUMNS =
      "tenant, opportunity_id, channel, version, body, generator, fallback_reason, citations,"
          + " created_by, created_at";

  private final Sql db;
  private final SqlPlaybookMatches recorded;

  SqlDraftStore(Sql sql) {
    this.db = sql;
    this.recorded = new SqlPlaybookMatches(sql);
  }

  private PlaybookMatch match(ResultSet rs) throws SQLException {
    return PlaybookMatch.builder()
        .opportunityId(OpportunityId.of(rs.getString("tenant"), rs.getString("opportunity_id")))
        .playbookId(rs.getString("playbook_id"))
        .playbookName(rs.getString("playbook_name"))
        .reasons(Json.readStrings(rs.getString("reasons")))
        .matchedAt(db.getInstant(rs, "matched_at"))
        .version(rs.getLong("version"))
        .build();
  }

  private Draft draft(ResultSet rs) throws SQLException {
    return Draft.builder()
        .opportunityId(OpportunityId.of(rs.getString("tenant"), rs.getString("opportunity_id")))
        .channel(Channel.valueOf(rs.getString("channel")))
        .version(rs.getLong("version"))
        .text(rs.getString("body"))
        .generator(rs.getString("generator"))
        .fallbackReason(Optional.ofNullable(rs.getString("fallback_reason")))
        .citations(DraftJson.readCitations(rs.getString("citations")))
        .createdBy(rs.getString("created_by"))
        .createdAt(db.getInstant(rs, "created_at"))
        .build();
  }

  @Override
  public Optional<PlaybookMatch> findMatch(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find the playbook match of " + id,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + MATCH_COLUMNS
                        + " FROM "
                        + MATCH_TABLE
                        + " WHERE tenant = ? AND opportunity_id = ?",
                    this::match,
                    id.tenant(),
                    id.value()));
  }

  @Override
  public PlaybookMatch saveMatch(PlaybookMatch match) {
    Objects.requireNonNull(match, "match");
    PlaybookMatch saved =
        PlaybookMatch.builder()
            .from(match)
            .matchedAt(Sql.micros(match.matchedAt()))
            .version(match.version() + 1)
            .build();
    OpportunityId id = match.opportunityId();
    return db.access()
        .atomic(
            "save the playbook match of " + id,
            c -> {
              db.saveVersioned(
                  c,
                  MATCH_TABLE,
                  MATCH_COLUMNS,
                  new String[] {id.tenant(), id.value()},
                  (ps, i) -> {
                    ps.setString(i++, saved.playbookId());
                    ps.setString(i++, saved.playbookName());
                    ps.setString(i++, Json.textList(saved.reasons()));
                    db.setInstant(ps, i++, saved.matchedAt());
                    return i;
                  },
                  match.version(),
                  "playbook match of " + id,
                  "playbook match",
                  id);
              return saved;
            });
  }

  @Override
  public List<PlaybookMatch> recordMatches(List<PlaybookMatch> matches) {
    return recorded.record(matches);
  }

  @Override
  public List<Draft> append(List<Draft> drafts) {
    List<Draft> batch = List.copyOf(drafts);
    DraftBatches.check(batch);
    if (batch.isEmpty()) {
      return List.of();
    }
    return db.access()
        .atomic(
            "append " + batch.size() + " drafts",
            c -> {
              List<Draft> out = new ArrayList<>(batch.size());
              for (Draft d : batch) {
                long latest = latestVersion(c, d.opportunityId(), d.channel());
                if (d.version() != latest + 1) {
                  throw DraftBatches.stale(d, latest);
                }
                Draft saved = Draft.builder().from(d).createdAt(Sql.micros(d.createdAt())).build();
                insert(c, saved, latest);
                out.add(saved);
              }
              return List.copyOf(out);
            });
  }

  private static long latestVersion(Connection c, OpportunityId id, Channel channel)
      throws SQLException {
    return Sql.longValue(
            c,
            "SELECT COALESCE(MAX(version), 0) FROM discovery_draft"
                + " WHERE tenant = ? AND opportunity_id = ? AND channel = ?",
            id.tenant(),
            id.value(),
            channel.name())
        .orElse(0L);
  }

  private void insert(Connection c, Draft d, long latest) throws SQLException {
    String sql =
        "INSERT INTO discovery_draft ("
            + DRAFT_COLUMNS
            + ") VALUES ("
            + Sql.placeholders(Sql.split(DRAFT_COLUMNS).size())
            + ")"
            + db.ignoreConflicts();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bindStrings(ps, d.tenant(), d.opportunityId().value(), d.channel().name());
      ps.setLong(4, d.version());
      ps.setString(5, d.text());
      ps.setString(6, d.generator());
      ps.setString(7, d.fallbackReason().orElse(null));
      ps.setString(8, DraftJson.citations(d.citations()));
      ps.setString(9, d.createdBy());
      db.setInstant(ps, 10, d.createdAt());
      if (Sql.insert(ps) == 0) {
        throw DraftBatches.stale(d, latest + 1);
      }
    }
  }

  @Override
  public List<Draft> versions(OpportunityId id, Channel channel) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    return db.access()
        .run(
            "list the " + channel + " drafts of " + id,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + DRAFT_COLUMNS
                        + " FROM discovery_draft WHERE tenant = ? AND opportunity_id = ?"
                        + " AND channel = ? ORDER BY version",
                    this::draft,
                    id.tenant(),
                    id.value(),
                    channel.name()));
  }

  @Override
  public List<Draft> latest(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    List<Draft> rows =
        db.access()
            .run(
                "list the latest drafts of " + id,
                c ->
                    Sql.many(
                        c,
                        "SELECT "
                            + DRAFT_COLUMNS
                            + " FROM discovery_draft d WHERE tenant = ? AND opportunity_id = ?"
                            + " AND version = (SELECT MAX(version) FROM discovery_draft m"
                            + " WHERE m.tenant = d.tenant AND m.opportunity_id = d.opportunity_id"
                            + " AND m.channel = d.channel)",
                        this::draft,
                        id.tenant(),
                        id.value()));
    List<Draft> out = new ArrayList<>(rows);
    out.sort(java.util.Comparator.comparing(Draft::channel));
    return List.copyOf(out);
  }
}
