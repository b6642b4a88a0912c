package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.storage.FeedSupport;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link OpportunityStore} in SQL: opportunities, their feedback and the feed. Thread-safe when its
 * {@link Access} is.
 */
final class SqlOpportunityStore implements OpportunityStore {
  private final Sql db;

  SqlOpportunityStore(Sql sql) {
    this.db = sql;
  }

  static final String OPPORTUNITY_READ_COLUMNS =
      "tenant, id, profile_id, source_id, external_id, signal_type, title, url, company,"
          + " published_at, occurs_at, status, score, matches, temporal, changes, changed_at,"
          + " company_attributes, signal_hash, created_at, updated_at, last_seen_at, version";
  static final String OPPORTUNITY_WRITE_COLUMNS =
      "signal_type, title, url, company, published_at, occurs_at, status, score_total, strength,"
          + " score, matches, temporal, changes, changed_at, company_attributes, signal_hash,"
          + " created_at, updated_at, last_seen_at, sort_score, sort_published, sort_urgency,"
          + " sort_outreach";

  /** How many columns {@link #OPPORTUNITY_WRITE_COLUMNS} names. */
  static final int OPPORTUNITY_WRITE_COUNT = Sql.split(OPPORTUNITY_WRITE_COLUMNS).size();

  static final String OPPORTUNITY_KEY_COLUMNS =
      "tenant, id, profile_id, source_id, external_id, signal_key_sha";
  private static final String FEEDBACK_COLUMNS =
      "feedback_type, dismiss_reason, amount, actor, note, given_at";

  /** What inserting {@code o} throws when its id or its (profile, signal key) is taken. */
  static ConcurrentUpdateException duplicate(Opportunity o) {
    return new ConcurrentUpdateException(
        "opportunity "
            + o.id()
            + " or the opportunity of profile "
            + o.profileId()
            + " for signal "
            + o.signalKey()
            + " already exists");
  }

  private void insertOpportunity(Connection c, Opportunity o) throws SQLException {
    String sql =
        "INSERT INTO discovery_opportunity ("
            + OPPORTUNITY_KEY_COLUMNS
            + ", "
            + OPPORTUNITY_WRITE_COLUMNS
            + ", version) VALUES ("
            + Sql.placeholders(6 + OPPORTUNITY_WRITE_COUNT + 1)
            + ")"
            + db.ignoreConflicts();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindOpportunityKey(ps, 1, o);
      i = bindOpportunity(ps, i, o);
      ps.setLong(i, o.version());
      if (Sql.insert(ps) == 0) {
        throw duplicate(o);
      }
    } catch (SQLException e) {
      if (Errors.kind(e) == Errors.Kind.FOREIGN_KEY_VIOLATION) {
        throw new NotFoundException(
            "profile "
                + o.profileId()
                + " does not exist: save the profile before its opportunities",
            Errors.sanitized(e));
      }
      throw e;
    }
  }

  /**
   * Why the update of {@code o} from {@code version} changed no row: stale, gone, or a changed key.
   */
  RuntimeException failedUpdate(Connection c, Opportunity o, long version) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT profile_id, source_id, external_id, version FROM discovery_opportunity"
                + " WHERE tenant = ? AND id = ?"
                + db.currentRead())) {
      ps.setString(1, o.tenant());
      ps.setString(2, o.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Sql.stale("opportunity", o.id(), version, Optional.empty());
        }
        ProfileId profile = ProfileId.of(o.tenant(), rs.getString(1));
        SignalKey key = SignalKey.of(rs.getString(2), rs.getString(3));
        if (!profile.equals(o.profileId()) || !key.equals(o.signalKey())) {
          return new ValidationException(
              "profileId and signalKey of opportunity "
                  + o.id()
                  + " cannot change, were "
                  + profile
                  + " and "
                  + key);
        }
        return Sql.stale("opportunity", o.id(), version, Optional.of(rs.getLong(4)));
      }
    }
  }

  int bindOpportunityKey(PreparedStatement ps, int start, Opportunity o) throws SQLException {
    int i = start;
    ps.setString(i++, o.tenant());
    ps.setString(i++, o.id().value());
    ps.setString(i++, o.profileId().value());
    ps.setString(i++, o.signalKey().sourceId());
    ps.setString(i++, o.signalKey().externalId());
    ps.setString(i++, Sql.sha(o.signalKey()));
    return i;
  }

  /** Binds {@link #OPPORTUNITY_WRITE_COLUMNS}, in that order. */
  int bindOpportunity(PreparedStatement ps, int start, Opportunity o) throws SQLException {
    FeedSupport.SortKey relevance = FeedSupport.sortKey(FeedSort.RELEVANCE, o);
    FeedSupport.SortKey urgency = FeedSupport.sortKey(FeedSort.URGENCY, o);
    int i = start;
    ps.setString(i++, o.signalType().name());
    ps.setString(i++, o.title());
    ps.setString(i++, o.url().map(URI::toString).orElse(null));
    ps.setString(i++, o.company().orElse(null));
    db.setInstant(ps, i++, o.publishedAt());
    db.setInstant(ps, i++, o.occursAt());
    ps.setString(i++, o.status().name());
    ps.setDouble(i++, o.score().total());
    ps.setString(i++, o.strength().name());
    ps.setString(i++, Json.score(o.score()));
    ps.setString(i++, Json.matches(o.matches()));
    ps.setString(i++, Json.temporal(o.temporal()));
    ps.setString(i++, Json.textList(o.changes()));
    db.setInstant(ps, i++, o.changedAt().orElse(null));
    ps.setString(i++, Json.stringMap(o.companyAttributes()));
    ps.setString(i++, o.signalHash());
    db.setInstant(ps, i++, o.createdAt());
    db.setInstant(ps, i++, o.updatedAt());
    db.setInstant(ps, i++, o.lastSeenAt());
    // RELEVANCE orders by (sort_score, sort_published), DATE by (sort_published, sort_score).
    ps.setLong(i++, relevance.primary());
    ps.setLong(i++, relevance.secondary());
    ps.setLong(i++, urgency.primary());
    ps.setLong(i++, urgency.secondary());
    return i;
  }

  private Opportunity opportunity(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    Opportunity.Builder b =
        Opportunity.builder()
            .id(OpportunityId.of(tenant, rs.getString("id")))
            .profileId(ProfileId.of(tenant, rs.getString("profile_id")))
            .signalKey(SignalKey.of(rs.getString("source_id"), rs.getString("external_id")))
            .signalType(SignalType.valueOf(rs.getString("signal_type")))
            .title(rs.getString("title"))
            .publishedAt(db.getInstant(rs, "published_at"))
            .occursAt(db.getInstant(rs, "occurs_at"))
            .status(OpportunityStatus.valueOf(rs.getString("status")))
            .score(Json.readScore(rs.getString("score")))
            .matches(Json.readMatches(rs.getString("matches")))
            .temporal(Json.readTemporal(rs.getString("temporal")))
            .changes(Json.readStrings(rs.getString("changes")))
            .companyAttributes(Json.readStringMap(rs.getString("company_attributes")))
            .signalHash(rs.getString("signal_hash"))
            .createdAt(db.getInstant(rs, "created_at"))
            .updatedAt(db.getInstant(rs, "updated_at"))
            .lastSeenAt(db.getInstant(rs, "last_seen_at"))
            .version(rs.getLong("version"));
    Optional.ofNullable(rs.getString("url")).map(URI::create).ifPresent(b::url);
    Optional.ofNullable(rs.getString("company")).ifPresent(b::company);
    Optional.ofNullable(db.getInstant(rs, "changed_at")).ifPresent(b::changedAt);
    return b.build();
  }

  private Feedback feedback(ResultSet rs) throws SQLException {
    Feedback.Builder b =
        Feedback.builder().type(FeedbackType.valueOf(rs.getString("feedback_type")));
    Optional.ofNullable(rs.getString("dismiss_reason"))
        .map(DismissReason::valueOf)
        .ifPresent(b::dismissReason);
    Optional.ofNullable(rs.getString("amount")).map(BigDecimal::new).ifPresent(b::value);
    Optional.ofNullable(rs.getString("actor")).ifPresent(b::actor);
    Optional.ofNullable(rs.getString("note")).ifPresent(b::note);
    Optional.ofNullable(db.getInstant(rs, "given_at")).ifPresent(b::at);
    return b.build();
  }

  private static Opportunity micros(Opportunity o) {
    if (o.publishedAt() != Sql.micros(o.publishedAt())
        || o.occursAt() != Sql.micros(o.occursAt())
        || o.createdAt() != Sql.micros(o.createdAt())
        || o.updatedAt() != Sql.micros(o.updatedAt())
        || o.lastSeenAt() != Sql.micros(o.lastSeenAt())
        || o.changedAt().map(i -> i != Sql.micros(i)).orElse(false)) {
      Opportunity.Builder b =
          Opportunity.builder()
              .from(o)
              .publishedAt(Sql.micros(o.publishedAt()))
              .occursAt(Sql.micros(o.occursAt()))
              .createdAt(Sql.micros(o.createdAt()))
              .updatedAt(Sql.micros(o.updatedAt()))
              .lastSeenAt(Sql.micros(o.lastSeenAt()));
      o.changedAt().map(Sql::micros).ifPresent(b::changedAt);
      return b.build();
    }
    return o;
  }

  // ---- opportunities

  @Override
  public Opportunity save(Opportunity opportunity) {
    Objects.requireNonNull(opportunity, "opportunity");
    Opportunity saved = stored(opportunity);
    return db.access().run("save opportunity " + opportunity.id(), c -> save(c, saved));
  }

  /** What saving {@code o} stores and returns: its instants in microseconds, version + 1. */
  static Opportunity stored(Opportunity o) {
    return micros(Opportunity.builder().from(o).version(o.version() + 1).build());
  }

  /** The update of one row from its version; its natural key must be the stored one. */
  static final String UPDATE =
      "UPDATE discovery_opportunity SET "
          + Sql.assignments(OPPORTUNITY_WRITE_COLUMNS)
          + ", version = ? WHERE tenant = ? AND id = ? AND version = ?"
          + " AND profile_id = ? AND signal_key_sha = ? AND source_id = ? AND external_id = ?";

  /**
   * Saves one opportunity as {@link #stored} made it, on {@code c}; one statement unless it fails.
   */
  Opportunity save(Connection c, Opportunity saved) throws SQLException {
    if (saved.version() == 1) {
      insertOpportunity(c, saved);
      return saved;
    }
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      bindUpdate(ps, saved);
      if (ps.executeUpdate() == 0) {
        throw failedUpdate(c, saved, saved.version() - 1);
      }
    }
    return saved;
  }

  /**
   * Binds {@link #UPDATE} for the stored value {@code saved}, whose caller's version is one less.
   */
  void bindUpdate(PreparedStatement ps, Opportunity saved) throws SQLException {
    int i = bindOpportunity(ps, 1, saved);
    ps.setLong(i++, saved.version());
    ps.setString(i++, saved.tenant());
    ps.setString(i++, saved.id().value());
    ps.setLong(i++, saved.version() - 1);
    ps.setString(i++, saved.profileId().value());
    ps.setString(i++, Sql.sha(saved.signalKey()));
    ps.setString(i++, saved.signalKey().sourceId());
    ps.setString(i, saved.signalKey().externalId());
  }

  /**
   * Saves the batch in a fixed number of statements: see {@link SqlOpportunityBatch}. A batch that
   * names an opportunity, or a (profile, signal key), twice is saved row by row, in order, on one
   * connection: one statement cannot judge a row against an earlier row of itself.
   */
  @Override
  public List<Opportunity> saveAll(List<Opportunity> opportunities) {
    Objects.requireNonNull(opportunities, "opportunities");
    opportunities.forEach(o -> Objects.requireNonNull(o, "opportunities must not contain null"));
    if (opportunities.isEmpty()) {
      return List.of();
    }
    List<Opportunity> saved = opportunities.stream().map(SqlOpportunityStore::stored).toList();
    return db.access()
        .atomic(
            "save " + saved.size() + " opportunities",
            c -> {
              if (!SqlOpportunityBatch.distinct(saved)) {
                List<Opportunity> out = new ArrayList<>(saved.size());
                for (Opportunity o : saved) {
                  out.add(save(c, o));
                }
                return List.copyOf(out);
              }
              return new SqlOpportunityBatch(db, this).save(c, saved);
            });
  }

  /**
   * One query per {@link Sql#IN_CHUNK} distinct keys, through the index on (tenant, signal key
   * hash); rows whose hash matched but whose key differs are dropped here.
   */
  @Override
  public List<Opportunity> listBySignals(String tenant, Collection<SignalKey> signalKeys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signalKeys, "signalKeys");
    signalKeys.forEach(k -> Objects.requireNonNull(k, "signalKeys must not contain null"));
    List<SignalKey> keys = List.copyOf(new LinkedHashSet<>(signalKeys));
    if (keys.isEmpty()) {
      return List.of();
    }
    Set<SignalKey> wanted = Set.copyOf(keys);
    return db.access()
        .run(
            "list opportunities of tenant " + tenant + " for " + keys.size() + " signal(s)",
            c -> {
              List<Opportunity> out = new ArrayList<>();
              for (int from = 0; from < keys.size(); from += Sql.IN_CHUNK) {
                List<SignalKey> chunk =
                    keys.subList(from, Math.min(keys.size(), from + Sql.IN_CHUNK));
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT "
                            + OPPORTUNITY_READ_COLUMNS
                            + " FROM discovery_opportunity WHERE tenant = ? AND signal_key_sha IN ("
                            + Sql.placeholders(chunk.size())
                            + ")")) {
                  int i = 1;
                  ps.setString(i++, tenant);
                  for (SignalKey k : chunk) {
                    ps.setString(i++, Sql.sha(k));
                  }
                  for (Opportunity o : Sql.all(ps, this::opportunity)) {
                    if (wanted.contains(o.signalKey())) {
                      out.add(o);
                    }
                  }
                }
              }
              out.sort(Comparator.comparing(o -> o.id().value()));
              return List.copyOf(out);
            });
  }

  @Override
  public Optional<Opportunity> find(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find opportunity " + id,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + OPPORTUNITY_READ_COLUMNS
                        + " FROM discovery_opportunity WHERE tenant = ? AND id = ?",
                    this::opportunity,
                    id.tenant(),
                    id.value()));
  }

  @Override
  public Optional<Opportunity> find(ProfileId profileId, SignalKey signalKey) {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(signalKey, "signalKey");
    return db.access()
        .run(
            "find opportunity of profile " + profileId + " for signal " + signalKey,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + OPPORTUNITY_READ_COLUMNS
                        + " FROM discovery_opportunity WHERE tenant = ? AND profile_id = ?"
                        + " AND signal_key_sha = ? AND source_id = ? AND external_id = ?",
                    this::opportunity,
                    profileId.tenant(),
                    profileId.value(),
                    Sql.sha(signalKey),
                    signalKey.sourceId(),
                    signalKey.externalId()));
  }

  @Override
  public List<Opportunity> listBySignal(String tenant, SignalKey signalKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signalKey, "signalKey");
    return db.access()
        .run(
            "list opportunities of tenant " + tenant + " for signal " + signalKey,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + OPPORTUNITY_READ_COLUMNS
                        + " FROM discovery_opportunity WHERE tenant = ? AND signal_key_sha = ?"
                        + " AND source_id = ? AND external_id = ? ORDER BY id",
                    this::opportunity,
                    tenant,
                    Sql.sha(signalKey),
                    signalKey.sourceId(),
                    signalKey.externalId()));
  }

  /** Excluded statuses are enum names bound as parameters, never SQL text. */
  @Override
  public List<Opportunity> listBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(excluded, "excluded");
    excluded.forEach(s -> Objects.requireNonNull(s, "excluded must not contain null"));
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    List<OpportunityStatus> statuses = List.copyOf(excluded);
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(OPPORTUNITY_READ_COLUMNS)
            .append(" FROM discovery_opportunity WHERE tenant = ? AND occurs_at < ?");
    if (!statuses.isEmpty()) {
      sql.append(" AND status NOT IN (").append(Sql.placeholders(statuses.size())).append(')');
    }
    sql.append(" ORDER BY occurs_at, id").append(Sql.limitClause());
    return db.access()
        .run(
            "list opportunities of tenant " + tenant + " before " + before,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, tenant);
                db.setInstant(ps, i++, before);
                for (OpportunityStatus status : statuses) {
                  ps.setString(i++, status.name());
                }
                ps.setInt(i, limit);
                return Sql.all(ps, this::opportunity);
              }
            });
  }

  /** The feed in keyset order; see {@link SqlFeed}. */
  @Override
  public Page<Opportunity> feed(FeedQuery query) {
    Objects.requireNonNull(query, "query");
    return SqlFeed.read(db, query, this::opportunity);
  }

  // ---- feedback

  @Override
  public void addFeedback(OpportunityId id, Feedback feedback) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(feedback, "feedback");
    // INSERT ... SELECT: an unknown opportunity inserts nothing instead of failing the statement,
    // which on PostgreSQL would abort the caller's transaction.
    String sql =
        "INSERT INTO discovery_feedback (tenant, opportunity_id, "
            + FEEDBACK_COLUMNS
            + ") SELECT tenant, id, ?, ?, ?, ?, ?, ? FROM discovery_opportunity"
            + " WHERE tenant = ? AND id = ?";
    int inserted =
        db.access()
            .run(
                "add feedback to opportunity " + id,
                c -> {
                  try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    ps.setString(i++, feedback.type().name());
                    ps.setString(i++, feedback.dismissReason().map(Enum::name).orElse(null));
                    ps.setString(i++, feedback.value().map(BigDecimal::toString).orElse(null));
                    ps.setString(i++, feedback.actor().orElse(null));
                    ps.setString(i++, feedback.note().orElse(null));
                    db.setInstant(ps, i++, feedback.at().orElse(null));
                    ps.setString(i++, id.tenant());
                    ps.setString(i, id.value());
                    return ps.executeUpdate();
                  }
                });
    if (inserted == 0) {
      throw new NotFoundException("opportunity " + id + " does not exist");
    }
  }

  @Override
  public List<Feedback> listFeedback(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "list feedback of opportunity " + id,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + FEEDBACK_COLUMNS
                        + " FROM discovery_feedback WHERE tenant = ? AND opportunity_id = ?"
                        + " ORDER BY seq",
                    this::feedback,
                    id.tenant(),
                    id.value()));
  }
}
