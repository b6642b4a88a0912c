package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * The columns of {@code discovery_review_card} and the mapping of a card to and from them, shared
 * by {@link SqlReviewStore} and {@link SqlReviewReads}. {@code queued_at} is derived on write: the
 * card's {@link ReviewCursor} time. Immutable; thread-safe.
 */
final class SqlReviewCards {
  static final String TABLE = "discovery_review_card";

  static final String COLUMNS =
      "tenant, opportunity_id, account_id, state, narrative, score_override, score_reason, notes,"
          + " created_at, updated_at, submitted_at, decided_at, decided_by, escalated_at,"
          + " queued_at, version";

  /** Queue order, the order of {@link ReviewCursor}. */
  static final String ORDER = " ORDER BY c.queued_at, c.opportunity_id";

  private final Sql db;

  SqlReviewCards(Sql db) {
    this.db = db;
  }

  /** {@link #COLUMNS} of the table aliased {@code c}. */
  static String aliased() {
    StringJoiner j = new StringJoiner(", ");
    Sql.split(COLUMNS).forEach(col -> j.add("c." + col));
    return j.toString();
  }

  /** The card as stored: instants at microseconds, version {@code version}. */
  static ReviewCard stored(ReviewCard card, long version) {
    return ReviewCard.builder()
        .from(card)
        .createdAt(Sql.micros(card.createdAt()))
        .updatedAt(Sql.micros(card.updatedAt()))
        .submittedAt(card.submittedAt().map(Sql::micros))
        .decidedAt(card.decidedAt().map(Sql::micros))
        .escalatedAt(card.escalatedAt().map(Sql::micros))
        .version(version)
        .build();
  }

  /** Binds the value columns (account_id .. queued_at) from {@code start}; returns the next. */
  int bindValues(PreparedStatement ps, int start, ReviewCard card) throws SQLException {
    int i = start;
    ps.setString(i++, card.accountId().orElse(null));
    ps.setString(i++, card.state().name());
    ps.setString(i++, card.narrative().orElse(null));
    if (card.scoreOverride().isPresent()) {
      ps.setDouble(i++, card.scoreOverride().getAsDouble());
    } else {
      ps.setNull(i++, Types.DOUBLE);
    }
    ps.setString(i++, card.scoreReason().orElse(null));
    ps.setString(i++, Json.textList(card.notes()));
    db.setInstant(ps, i++, card.createdAt());
    db.setInstant(ps, i++, card.updatedAt());
    db.setInstant(ps, i++, card.submittedAt().orElse(null));
    db.setInstant(ps, i++, card.decidedAt().orElse(null));
    ps.setString(i++, card.decidedBy().orElse(null));
    db.setInstant(ps, i++, card.escalatedAt().orElse(null));
    db.setInstant(ps, i++, ReviewCursor.after(card).queuedAt());
    return i;
  }

  /** Binds a whole row, version 1: an insert. */
  int bindInsert(PreparedStatement ps, int start, ReviewCard card) throws SQLException {
    ps.setString(start, card.tenant());
    ps.setString(start + 1, card.opportunityId().value());
    int i = bindValues(ps, start + 2, card);
    ps.setLong(i++, 1);
    return i;
  }

  ReviewCard card(ResultSet rs) throws SQLException {
    double score = rs.getDouble("score_override");
    OptionalDouble override = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(score);
    return ReviewCard.builder()
        .opportunityId(OpportunityId.of(rs.getString("tenant"), rs.getString("opportunity_id")))
        .accountId(Optional.ofNullable(rs.getString("account_id")))
        .state(ReviewState.valueOf(rs.getString("state")))
        .narrative(Optional.ofNullable(rs.getString("narrative")))
        .scoreOverride(override)
        .scoreReason(Optional.ofNullable(rs.getString("score_reason")))
        .notes(Json.readStrings(rs.getString("notes")))
        .createdAt(db.getInstant(rs, "created_at"))
        .updatedAt(db.getInstant(rs, "updated_at"))
        .submittedAt(optional(rs, "submitted_at"))
        .decidedAt(optional(rs, "decided_at"))
        .decidedBy(Optional.ofNullable(rs.getString("decided_by")))
        .escalatedAt(optional(rs, "escalated_at"))
        .version(rs.getLong("version"))
        .build();
  }

  private Optional<Instant> optional(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(db.getInstant(rs, column));
  }
}
