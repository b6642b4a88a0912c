package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ReviewStore} in SQL: {@code discovery_review_card}, one row per opportunity, which its
 * foreign key deletes with the opportunity. The read models ({@link SqlReviewReads}) join the
 * account of each card for its scope. Thread-safe when its {@link Access} is.
 */
final class SqlReviewStore implements ReviewStore {
  /** Cards per PostgreSQL multi-row insert: 16 parameters a row, far under its limit. */
  static final int PG_ROWS = 1_000;

  private static final String INSERT =
      "INSERT INTO "
          + SqlReviewCards.TABLE
          + " ("
          + SqlReviewCards.COLUMNS
          + ") VALUES ("
          + Sql.placeholders(16)
          + ")";

  private final Sql db;
  private final SqlReviewCards cards;
  private final SqlReviewReads reads;

  SqlReviewStore(Sql sql) {
    this.db = sql;
    this.cards = new SqlReviewCards(sql);
    this.reads = new SqlReviewReads(sql, cards);
  }

  /**
   * {@link Sql#saveVersioned}; an update that finds no card because its opportunity is gone is a
   * {@link ValidationException}, as an insert refused by the foreign key is.
   */
  @Override
  public ReviewCard save(ReviewCard card) {
    Objects.requireNonNull(card, "card");
    ReviewCard saved = SqlReviewCards.stored(card, card.version() + 1);
    OpportunityId id = card.opportunityId();
    return db.access()
        .atomic(
            "save the review card of " + id,
            c -> {
              try {
                db.saveVersioned(
                    c,
                    SqlReviewCards.TABLE,
                    SqlReviewCards.COLUMNS,
                    new String[] {id.tenant(), id.value()},
                    (ps, i) -> cards.bindValues(ps, i, saved),
                    card.version(),
                    "review card of " + id,
                    "review card",
                    id);
              } catch (ConcurrentUpdateException e) {
                if (card.version() != 0 && !opportunityExists(c, id)) {
                  throw new ValidationException("no opportunity " + id + " to review");
                }
                throw e;
              }
              return saved;
            });
  }

  private static boolean opportunityExists(Connection c, OpportunityId id) throws SQLException {
    return Sql.one(
            c,
            "SELECT 1 FROM discovery_opportunity WHERE tenant = ? AND id = ?",
            rs -> true,
            id.tenant(),
            id.value())
        .isPresent();
  }

  /**
   * Inserts the new cards whose opportunity has none, in a number of statements that does not grow
   * with the batch: on PostgreSQL one multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING}
   * per {@link #PG_ROWS}; elsewhere one read of the stored keys per tenant and {@link Sql#IN_CHUNK}
   * cards, then one JDBC batch of the absent ones, decided one by one instead if a concurrent
   * transaction takes a key meanwhile ({@link Sql#batchOrOneByOne}). A card whose opportunity does
   * not exist fails the whole batch with a {@link ValidationException}.
   */
  @Override
  public List<ReviewCard> createAll(List<ReviewCard> batch) {
    Objects.requireNonNull(batch, "cards");
    Map<OpportunityId, ReviewCard> firsts = new LinkedHashMap<>();
    for (ReviewCard card : batch) {
      Objects.requireNonNull(card, "cards must not contain null");
      if (card.version() == 0) {
        firsts.putIfAbsent(card.opportunityId(), SqlReviewCards.stored(card, 1));
      }
    }
    if (firsts.isEmpty()) {
      return List.of();
    }
    List<ReviewCard> wanted = List.copyOf(firsts.values());
    return db.access()
        .atomic(
            "create " + wanted.size() + " review cards",
            c ->
                db.dialect() == Dialect.POSTGRESQL
                    ? pgInsert(c, wanted)
                    : Sql.batchOrOneByOne(
                        c, k -> batchInsert(k, wanted), k -> oneByOne(k, wanted)));
  }

  private List<ReviewCard> pgInsert(Connection c, List<ReviewCard> wanted) throws SQLException {
    List<ReviewCard> created = new ArrayList<>();
    for (int from = 0; from < wanted.size(); from += PG_ROWS) {
      List<ReviewCard> chunk = wanted.subList(from, Math.min(wanted.size(), from + PG_ROWS));
      String sql =
          "INSERT INTO "
              + SqlReviewCards.TABLE
              + " ("
              + SqlReviewCards.COLUMNS
              + ") VALUES "
              + Sql.pgRows(chunk.size(), Sql.split(SqlReviewCards.COLUMNS))
              + " ON CONFLICT DO NOTHING RETURNING tenant, opportunity_id";
      Set<OpportunityId> inserted = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (ReviewCard card : chunk) {
          i = cards.bindInsert(ps, i, card);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(OpportunityId.of(rs.getString(1), rs.getString(2)));
          }
        }
      }
      chunk.stream().filter(card -> inserted.contains(card.opportunityId())).forEach(created::add);
    }
    return List.copyOf(created);
  }

  private List<ReviewCard> batchInsert(Connection c, List<ReviewCard> wanted) throws SQLException {
    Map<String, List<String>> idsByTenant = new LinkedHashMap<>();
    wanted.forEach(
        card ->
            idsByTenant
                .computeIfAbsent(card.tenant(), t -> new ArrayList<>())
                .add(card.opportunityId().value()));
    Set<OpportunityId> taken = new HashSet<>();
    for (Map.Entry<String, List<String>> e : idsByTenant.entrySet()) {
      List<String> ids = e.getValue();
      for (int from = 0; from < ids.size(); from += Sql.IN_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Sql.IN_CHUNK));
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT opportunity_id FROM "
                    + SqlReviewCards.TABLE
                    + " WHERE tenant = ? AND opportunity_id IN ("
                    + Sql.placeholders(chunk.size())
                    + ")")) {
          ps.setString(1, e.getKey());
          for (int k = 0; k < chunk.size(); k++) {
            ps.setString(k + 2, chunk.get(k));
          }
          Sql.all(ps, rs -> rs.getString(1))
              .forEach(id -> taken.add(OpportunityId.of(e.getKey(), id)));
        }
      }
    }
    List<ReviewCard> absent =
        wanted.stream().filter(card -> !taken.contains(card.opportunityId())).toList();
    if (!absent.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (ReviewCard card : absent) {
          cards.bindInsert(ps, 1, card);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return absent;
  }

  private List<ReviewCard> oneByOne(Connection c, List<ReviewCard> wanted) throws SQLException {
    List<ReviewCard> created = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (ReviewCard card : wanted) {
        cards.bindInsert(ps, 1, card);
        if (Sql.insert(ps) == 1) {
          created.add(card);
        }
      }
    }
    return List.copyOf(created);
  }

  @Override
  public Optional<ReviewCard> find(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find the review card of " + id,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + SqlReviewCards.COLUMNS
                        + " FROM "
                        + SqlReviewCards.TABLE
                        + " WHERE tenant = ? AND opportunity_id = ?",
                    cards::card,
                    id.tenant(),
                    id.value()));
  }

  /** One query however many ids ({@link SqlKeys}). */
  @Override
  public Map<OpportunityId, ReviewCard> findAll(Collection<OpportunityId> ids) {
    Objects.requireNonNull(ids, "ids");
    Set<String> tenants = new HashSet<>();
    Set<String> values = new java.util.LinkedHashSet<>();
    for (OpportunityId id : ids) {
      Objects.requireNonNull(id, "ids must not contain null");
      tenants.add(id.tenant());
      values.add(id.value());
    }
    if (tenants.size() > 1) {
      throw new ValidationException(
          "findAll takes the opportunities of one tenant, was given those of " + tenants.size());
    }
    if (values.isEmpty()) {
      return Map.of();
    }
    String tenant = tenants.iterator().next();
    List<String> keys = List.copyOf(values);
    String sql =
        "SELECT "
            + SqlReviewCards.COLUMNS
            + " FROM "
            + SqlReviewCards.TABLE
            + " WHERE tenant = ? AND "
            + SqlKeys.in(db.dialect(), "opportunity_id", keys.size());
    return db.access()
        .run(
            "find the review cards of " + keys.size() + " opportunities of tenant " + tenant,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                SqlKeys.bind(c, ps, 2, db.dialect(), keys);
                Map<OpportunityId, ReviewCard> found = new HashMap<>();
                for (ReviewCard card : Sql.all(ps, cards::card)) {
                  found.put(card.opportunityId(), card);
                }
                return Map.copyOf(found);
              }
            });
  }

  @Override
  public List<ReviewCard> list(
      String tenant,
      AccessScope scope,
      Set<ReviewState> states,
      Optional<ReviewCursor> after,
      int limit) {
    return reads.list(tenant, scope, states, after, limit);
  }

  @Override
  public List<ReviewCard> byAccount(
      String tenant, String accountId, Set<ReviewState> states, int limit) {
    return reads.byAccount(tenant, accountId, states, limit);
  }

  @Override
  public Map<ReviewState, Long> counts(String tenant, AccessScope scope) {
    return reads.counts(tenant, scope);
  }

  @Override
  public Optional<Duration> medianTimeToReview(
      String tenant, AccessScope scope, Instant from, Instant to) {
    return reads.medianTimeToReview(tenant, scope, from, to);
  }

  @Override
  public List<ReviewCard> overdue(String tenant, Instant submittedBefore, int limit) {
    return reads.overdue(tenant, submittedBefore, limit);
  }
}
