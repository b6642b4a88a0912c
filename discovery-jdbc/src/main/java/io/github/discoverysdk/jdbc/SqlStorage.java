package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.DismissReason;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.ModelStore;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.ProfileStore;
import io.github.discoverysdk.spi.RunStore;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TeamStore;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import io.github.discoverysdk.storage.FeedSupport;
import io.github.discoverysdk.storage.TrackingSupport;
import io.github.discoverysdk.support.Hashing;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@link Storage} operations in SQL, on whatever connection {@link Access} provides. Every
 * statement is a constant or is assembled from constants and {@code ?} placeholders chosen by enum
 * switches and collection sizes: no value from a caller ever becomes SQL text. Every statement
 * binds the tenant, except {@link #listTenants()}, which lists them, the statements on the shared
 * query cache ({@code discovery_query_cache}), the one table without a tenant: it holds only
 * answers of sources that declare their data public, and the statements that record, read and prune
 * tracking observations ({@code discovery_tracking}), read across tenants by design. Thread-safe
 * when its {@link Access} is.
 */
final class SqlStorage implements Storage {
  /** Keys per {@code IN (...)} list when loading a batch's stored hashes. */
  private static final int IN_CHUNK = 500;

  private static final String PROFILE_COLUMNS =
      "tenant, id, owner, name, enabled, frequency, min_confidence, criteria, alerts,"
          + " created_at, updated_at, version";
  private static final String SIGNAL_COLUMNS =
      "tenant, source_id, external_id, signal_type, title, body, url, published_at, observed_at,"
          + " event, organizations, people, industries, regions, content_hash";
  private static final List<String> SIGNAL_COLUMN_LIST = split(SIGNAL_COLUMNS);
  private static final String OPPORTUNITY_READ_COLUMNS =
      "tenant, id, profile_id, source_id, external_id, signal_type, title, url, company,"
          + " published_at, occurs_at, status, score, matches, temporal, changes, changed_at,"
          + " company_attributes, signal_hash, created_at, updated_at, last_seen_at, version";
  private static final String OPPORTUNITY_WRITE_COLUMNS =
      "signal_type, title, url, company, published_at, occurs_at, status, score_total, strength,"
          + " score, matches, temporal, changes, changed_at, company_attributes, signal_hash,"
          + " created_at, updated_at, last_seen_at, sort_score, sort_published, sort_urgency,"
          + " sort_outreach";

  /** How many columns {@link #OPPORTUNITY_WRITE_COLUMNS} names. */
  private static final int OPPORTUNITY_WRITE_COUNT = split(OPPORTUNITY_WRITE_COLUMNS).size();

  private static final String OPPORTUNITY_KEY_COLUMNS =
      "tenant, id, profile_id, source_id, external_id, signal_key_sha";
  private static final String FEEDBACK_COLUMNS =
      "feedback_type, dismiss_reason, amount, actor, note, given_at";
  private static final String RUN_COLUMNS =
      "tenant, run_id, started_at, finished_at, status, report";
  private static final String WATERMARK_COLUMNS =
      "tenant, source_id, query_key, cursor_value, updated_at";
  private static final String LIFECYCLE_COLUMNS =
      "tenant, source_id, external_id, detected_at, run_id, changes";
  private static final String CACHE_COLUMNS =
      "source_id, query_key, cursor_sha, cursor_value, signals, next_cursor, stored_at,"
          + " expires_at";
  private static final String COST_COLUMNS =
      "tenant, source_id, query_key, occurred_at, cache_hit, cost, profile_ids";

  private final Dialect dialect;
  private final Access access;
  private final String signalUpsert;
  private final String runUpsert;
  private final String watermarkUpsert;
  private final String cacheUpsert;

  SqlStorage(Dialect dialect, Access access) {
    this.dialect = dialect;
    this.access = access;
    this.signalUpsert = signalUpsert(dialect);
    this.runUpsert =
        upsert(dialect, "discovery_run", split(RUN_COLUMNS), List.of("tenant", "run_id"), null);
    this.watermarkUpsert =
        upsert(
            dialect,
            "discovery_watermark",
            split(WATERMARK_COLUMNS),
            List.of("tenant", "source_id", "query_key"),
            null);
    this.cacheUpsert =
        upsert(
            dialect,
            "discovery_query_cache",
            split(CACHE_COLUMNS),
            List.of("source_id", "query_key", "cursor_sha"),
            null);
  }

  // ---- transactions

  @Override
  public <T> T inTransaction(Work<T> work) {
    Objects.requireNonNull(work, "work");
    return access.transaction(work);
  }

  private int bindProfile(PreparedStatement ps, int start, Profile p) throws SQLException {
    int i = start;
    ps.setString(i++, p.owner());
    ps.setString(i++, p.name());
    ps.setBoolean(i++, p.enabled());
    ps.setString(i++, p.frequency().name());
    ps.setDouble(i++, p.minConfidence());
    ps.setString(i++, Json.criteria(p));
    ps.setString(i++, Json.alerts(p.alerts()));
    setInstant(ps, i++, p.createdAt().orElse(null));
    setInstant(ps, i++, p.updatedAt().orElse(null));
    return i;
  }

  private Profile profile(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    Profile.Builder b =
        Profile.builder()
            .tenant(tenant)
            .id(ProfileId.of(tenant, rs.getString("id")))
            .owner(rs.getString("owner"))
            .name(rs.getString("name"))
            .enabled(rs.getBoolean("enabled"))
            .frequency(Frequency.valueOf(rs.getString("frequency")))
            .minConfidence(rs.getDouble("min_confidence"))
            .alerts(Json.readAlerts(rs.getString("alerts")))
            .version(rs.getLong("version"));
    Json.readCriteria(rs.getString("criteria"), b);
    Optional.ofNullable(getInstant(rs, "created_at")).ifPresent(b::createdAt);
    Optional.ofNullable(getInstant(rs, "updated_at")).ifPresent(b::updatedAt);
    return b.build();
  }

  private record Stored(String hash, Instant observedAt) {}

  /**
   * The PostgreSQL batch upsert, one statement: one array parameter per column but the tenant,
   * unnested in the batch's order. {@code up} upserts: it updates a stored row only when its hash
   * differs or the signal was observed later, as {@link #signalUpsert} does, and returns the keys
   * it wrote, each with whether it inserted the row ({@code xmax = 0}: an updated row version
   * carries the lock of the update in xmax). A key it did not return was stored with the same hash
   * and was skipped: UNCHANGED. For the rows it updated, the second branch reads the stored hash as
   * it was before the statement: it runs in the same snapshot as {@code up} and so cannot see
   * {@code up}'s effects (PostgreSQL documentation, "Data-Modifying Statements in WITH"); equal
   * means UNCHANGED but observed later, different means CHANGED. That read is one index scan with
   * the updated keys' sources and ids as arrays, matched exactly in Java; with no updated row the
   * arrays are empty and it reads nothing, so a batch of new signals costs one insert and no
   * lookup.
   */
  static final String PG_SIGNAL_UPSERT =
      "WITH input AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[],"
          + " ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::varchar[]) WITH ORDINALITY AS i (source_id,"
          + " external_id, signal_type, title, body, url, published_at, observed_at, event,"
          + " organizations, people, industries, regions, content_hash, ord)),"
          + " up AS (INSERT INTO discovery_signal ("
          + SIGNAL_COLUMNS
          + ") SELECT ?, source_id, external_id, signal_type, title, body, url, published_at,"
          + " observed_at, event, organizations, people, industries, regions, content_hash"
          + " FROM input ORDER BY ord ON CONFLICT (tenant, source_id, external_id) DO UPDATE SET "
          + pgExcludedAssignments(SIGNAL_COLUMN_LIST, List.of("tenant", "source_id", "external_id"))
          + " WHERE discovery_signal.observed_at < EXCLUDED.observed_at"
          + " OR (discovery_signal.observed_at = EXCLUDED.observed_at"
          + " AND discovery_signal.content_hash <> EXCLUDED.content_hash)"
          + " RETURNING source_id, external_id, (xmax = 0) AS inserted)"
          + " SELECT source_id, external_id, inserted, NULL FROM up"
          + " UNION ALL SELECT s.source_id, s.external_id, NULL, s.content_hash"
          + " FROM discovery_signal s WHERE s.tenant = ?"
          + " AND s.source_id = ANY (ARRAY(SELECT DISTINCT source_id FROM up WHERE NOT inserted))"
          + " AND s.external_id = ANY (ARRAY(SELECT external_id FROM up WHERE NOT inserted))";

  /** Timestamps as {@code timestamptz} array elements: UTC, microseconds, "+00". */
  private static final DateTimeFormatter PG_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'");

  /**
   * Whether {@link #PG_SIGNAL_UPSERT} can take the batch: its keys are distinct (one statement
   * cannot upsert a row twice, and repeated keys are judged in order) and its instants are in years
   * 1 to 9999, which the array text format above writes plainly.
   */
  private static boolean oneStatementFits(List<Signal> signals) {
    Set<SignalKey> keys = new HashSet<>(signals.size() * 2);
    for (Signal s : signals) {
      if (!keys.add(s.key()) || !plainYear(s.publishedAt()) || !plainYear(s.observedAt())) {
        return false;
      }
    }
    return true;
  }

  private static final Instant YEAR_1 = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");

  private static boolean plainYear(Instant i) {
    return !i.isBefore(YEAR_1) && i.isBefore(YEAR_10000);
  }

  /**
   * {@code signals} ordered by natural key. Writers that lock rows in one order cannot deadlock on
   * them: two batches of the same keys in different orders each took a row the other needed next,
   * and on PostgreSQL every such deadlock cost the deadlock_timeout (a second) before one of them
   * was aborted and retried (test plan DB-6).
   */
  private static List<Signal> inKeyOrder(Collection<Signal> signals) {
    List<Signal> sorted = new ArrayList<>(signals);
    sorted.sort(
        Comparator.comparing((Signal s) -> s.key().sourceId())
            .thenComparing(s -> s.key().externalId()));
    return sorted;
  }

  private List<SignalWrite> upsertSignalsInOneStatement(
      Connection c, String tenant, List<Signal> signals) throws SQLException {
    int n = signals.size();
    // Rows are written, and locked, in key order; the result is read back by key.
    List<Signal> ordered = inKeyOrder(signals);
    String[][] columns = new String[SIGNAL_COLUMN_LIST.size() - 1][n];
    for (int r = 0; r < n; r++) {
      Signal s = ordered.get(r);
      int k = 0;
      columns[k++][r] = s.key().sourceId();
      columns[k++][r] = s.key().externalId();
      columns[k++][r] = s.type().name();
      columns[k++][r] = s.title();
      columns[k++][r] = s.text();
      columns[k++][r] = s.url().map(URI::toString).orElse(null);
      columns[k++][r] = pgTimestamp(s.publishedAt());
      columns[k++][r] = pgTimestamp(s.observedAt());
      columns[k++][r] = s.event().map(Json::event).orElse(null);
      columns[k++][r] = Json.organizations(s.organizations());
      columns[k++][r] = Json.people(s.people());
      columns[k++][r] = Json.stringSet(s.industries());
      columns[k++][r] = Json.stringSet(s.regions());
      columns[k][r] = s.contentHash();
    }
    List<Array> arrays = new ArrayList<>(columns.length);
    try (PreparedStatement ps = c.prepareStatement(PG_SIGNAL_UPSERT)) {
      int i = 1;
      for (String[] column : columns) {
        Array a = c.createArrayOf("text", column);
        arrays.add(a);
        ps.setArray(i++, a);
      }
      ps.setString(i++, tenant);
      ps.setString(i, tenant);
      Map<SignalKey, Boolean> written = new HashMap<>();
      Map<SignalKey, String> storedHash = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          SignalKey key = SignalKey.of(rs.getString(1), rs.getString(2));
          String hash = rs.getString(4);
          if (hash == null) {
            written.put(key, rs.getBoolean(3));
          } else {
            storedHash.put(key, hash);
          }
        }
      }
      List<SignalWrite> out = new ArrayList<>(n);
      for (Signal s : signals) {
        Boolean inserted = written.get(s.key());
        String before = storedHash.get(s.key());
        if (inserted == null) {
          // Skipped by the upsert's condition: stored with the same hash, observed no earlier.
          out.add(SignalWrite.UNCHANGED);
        } else if (inserted || before == null) {
          // Inserted; or updated a row that another transaction committed after this statement's
          // snapshot was taken, which a read before the write would have missed as well.
          out.add(SignalWrite.NEW);
        } else {
          out.add(before.equals(s.contentHash()) ? SignalWrite.UNCHANGED : SignalWrite.CHANGED);
        }
      }
      return List.copyOf(out);
    } finally {
      for (Array a : arrays) {
        a.free();
      }
    }
  }

  private static String pgTimestamp(Instant i) {
    return PG_TIMESTAMP.format(LocalDateTime.ofInstant(micros(i), ZoneOffset.UTC));
  }

  private static String pgExcludedAssignments(List<String> columns, List<String> keys) {
    StringJoiner set = new StringJoiner(", ");
    columns.stream().filter(c -> !keys.contains(c)).forEach(c -> set.add(c + " = EXCLUDED." + c));
    return set.toString();
  }

  private Map<SignalKey, Stored> storedSignals(Connection c, String tenant, List<Signal> signals)
      throws SQLException {
    Map<String, List<String>> bySource = new LinkedHashMap<>();
    for (Signal s : signals) {
      List<String> ids = bySource.computeIfAbsent(s.key().sourceId(), k -> new ArrayList<>());
      ids.add(s.key().externalId());
    }
    Map<SignalKey, Stored> out = new HashMap<>();
    for (Map.Entry<String, List<String>> e : bySource.entrySet()) {
      List<String> ids = e.getValue().stream().distinct().toList();
      for (int from = 0; from < ids.size(); from += IN_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
        String sql =
            "SELECT external_id, content_hash, observed_at FROM discovery_signal"
                + " WHERE tenant = ? AND source_id = ? AND external_id IN ("
                + placeholders(chunk.size())
                + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          ps.setString(i++, tenant);
          ps.setString(i++, e.getKey());
          for (String id : chunk) {
            ps.setString(i++, id);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(
                  SignalKey.of(e.getKey(), rs.getString(1)),
                  new Stored(rs.getString(2), getInstant(rs, 3)));
            }
          }
        }
      }
    }
    return out;
  }

  /** Binds every column of {@link #SIGNAL_COLUMNS}, in that order. */
  void bindSignal(PreparedStatement ps, String tenant, Signal s) throws SQLException {
    int i = 1;
    ps.setString(i++, tenant);
    ps.setString(i++, s.key().sourceId());
    ps.setString(i++, s.key().externalId());
    ps.setString(i++, s.type().name());
    ps.setString(i++, s.title());
    ps.setString(i++, s.text());
    ps.setString(i++, s.url().map(URI::toString).orElse(null));
    setInstant(ps, i++, s.publishedAt());
    setInstant(ps, i++, s.observedAt());
    ps.setString(i++, s.event().map(Json::event).orElse(null));
    ps.setString(i++, Json.organizations(s.organizations()));
    ps.setString(i++, Json.people(s.people()));
    ps.setString(i++, Json.stringSet(s.industries()));
    ps.setString(i++, Json.stringSet(s.regions()));
    ps.setString(i, s.contentHash());
  }

  private Signal signal(ResultSet rs) throws SQLException {
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(rs.getString("source_id"), rs.getString("external_id")))
            .type(SignalType.valueOf(rs.getString("signal_type")))
            .title(rs.getString("title"))
            .text(rs.getString("body"))
            .publishedAt(getInstant(rs, "published_at"))
            .observedAt(getInstant(rs, "observed_at"))
            .organizations(Json.readOrganizations(rs.getString("organizations")))
            .people(Json.readPeople(rs.getString("people")))
            .industries(Json.readStrings(rs.getString("industries")))
            .regions(Json.readStrings(rs.getString("regions")));
    Optional.ofNullable(rs.getString("url")).map(URI::create).ifPresent(b::url);
    Optional.ofNullable(rs.getString("event")).map(Json::readEvent).ifPresent(b::event);
    return b.build();
  }

  private void insertOpportunity(Connection c, Opportunity o) throws SQLException {
    String sql =
        "INSERT INTO discovery_opportunity ("
            + OPPORTUNITY_KEY_COLUMNS
            + ", "
            + OPPORTUNITY_WRITE_COLUMNS
            + ", version) VALUES ("
            + placeholders(6 + OPPORTUNITY_WRITE_COUNT + 1)
            + ")"
            + ignoreConflicts();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindOpportunityKey(ps, 1, o);
      i = bindOpportunity(ps, i, o);
      ps.setLong(i, o.version());
      if (insert(ps) == 0) {
        throw new ConcurrentUpdateException(
            "opportunity "
                + o.id()
                + " or the opportunity of profile "
                + o.profileId()
                + " for signal "
                + o.signalKey()
                + " already exists");
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

  private RuntimeException failedUpdate(Connection c, Opportunity o) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT profile_id, source_id, external_id, version FROM discovery_opportunity"
                + " WHERE tenant = ? AND id = ?")) {
      ps.setString(1, o.tenant());
      ps.setString(2, o.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return stale("opportunity", o.id(), o.version(), Optional.empty());
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
        return stale("opportunity", o.id(), o.version(), Optional.of(rs.getLong(4)));
      }
    }
  }

  private int bindOpportunityKey(PreparedStatement ps, int start, Opportunity o)
      throws SQLException {
    int i = start;
    ps.setString(i++, o.tenant());
    ps.setString(i++, o.id().value());
    ps.setString(i++, o.profileId().value());
    ps.setString(i++, o.signalKey().sourceId());
    ps.setString(i++, o.signalKey().externalId());
    ps.setString(i++, sha(o.signalKey()));
    return i;
  }

  /** Binds {@link #OPPORTUNITY_WRITE_COLUMNS}, in that order. */
  private int bindOpportunity(PreparedStatement ps, int start, Opportunity o) throws SQLException {
    FeedSupport.SortKey relevance = FeedSupport.sortKey(FeedSort.RELEVANCE, o);
    FeedSupport.SortKey urgency = FeedSupport.sortKey(FeedSort.URGENCY, o);
    int i = start;
    ps.setString(i++, o.signalType().name());
    ps.setString(i++, o.title());
    ps.setString(i++, o.url().map(URI::toString).orElse(null));
    ps.setString(i++, o.company().orElse(null));
    setInstant(ps, i++, o.publishedAt());
    setInstant(ps, i++, o.occursAt());
    ps.setString(i++, o.status().name());
    ps.setDouble(i++, o.score().total());
    ps.setString(i++, o.strength().name());
    ps.setString(i++, Json.score(o.score()));
    ps.setString(i++, Json.matches(o.matches()));
    ps.setString(i++, Json.temporal(o.temporal()));
    ps.setString(i++, Json.textList(o.changes()));
    setInstant(ps, i++, o.changedAt().orElse(null));
    ps.setString(i++, Json.stringMap(o.companyAttributes()));
    ps.setString(i++, o.signalHash());
    setInstant(ps, i++, o.createdAt());
    setInstant(ps, i++, o.updatedAt());
    setInstant(ps, i++, o.lastSeenAt());
    // RELEVANCE orders by (sort_score, sort_published), DATE by (sort_published, sort_score).
    ps.setLong(i++, relevance.primary());
    ps.setLong(i++, relevance.secondary());
    ps.setLong(i++, urgency.primary());
    ps.setLong(i++, urgency.secondary());
    return i;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps, int index) throws SQLException;
  }

  private static void inEnums(
      StringBuilder sql, List<Binder> binds, String column, Collection<? extends Enum<?>> values) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (").append(placeholders(values.size()));
    sql.append(')');
    for (Enum<?> v : values) {
      binds.add((ps, i) -> ps.setString(i, v.name()));
    }
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
            .publishedAt(getInstant(rs, "published_at"))
            .occursAt(getInstant(rs, "occurs_at"))
            .status(OpportunityStatus.valueOf(rs.getString("status")))
            .score(Json.readScore(rs.getString("score")))
            .matches(Json.readMatches(rs.getString("matches")))
            .temporal(Json.readTemporal(rs.getString("temporal")))
            .changes(Json.readStrings(rs.getString("changes")))
            .companyAttributes(Json.readStringMap(rs.getString("company_attributes")))
            .signalHash(rs.getString("signal_hash"))
            .createdAt(getInstant(rs, "created_at"))
            .updatedAt(getInstant(rs, "updated_at"))
            .lastSeenAt(getInstant(rs, "last_seen_at"))
            .version(rs.getLong("version"));
    Optional.ofNullable(rs.getString("url")).map(URI::create).ifPresent(b::url);
    Optional.ofNullable(rs.getString("company")).ifPresent(b::company);
    Optional.ofNullable(getInstant(rs, "changed_at")).ifPresent(b::changedAt);
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
    Optional.ofNullable(getInstant(rs, "given_at")).ifPresent(b::at);
    return b.build();
  }

  private LifecycleEvent lifecycleEvent(ResultSet rs) throws SQLException {
    LifecycleEvent.Builder b =
        LifecycleEvent.builder()
            .tenant(rs.getString("tenant"))
            .signalKey(SignalKey.of(rs.getString("source_id"), rs.getString("external_id")))
            .detectedAt(getInstant(rs, "detected_at"))
            .changes(Json.readLifecycleChanges(rs.getString("changes")));
    Optional.ofNullable(rs.getString("run_id")).ifPresent(b::runId);
    return b.build();
  }

  // ---- outbox

  private static final String OUTBOX_COLUMNS =
      "tenant, id, sink_id, kind, opportunity_id, dedupe_sha, dedupe_key, status, attempts,"
          + " next_attempt_at, last_error, created_at, updated_at, version";

  private OutboxEntry outboxEntry(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    OutboxEntry.Builder b =
        OutboxEntry.builder()
            .tenant(tenant)
            .id(rs.getString("id"))
            .sinkId(rs.getString("sink_id"))
            .kind(DeliveryKind.valueOf(rs.getString("kind")))
            .opportunityId(OpportunityId.of(tenant, rs.getString("opportunity_id")))
            .dedupeKey(rs.getString("dedupe_key"))
            .status(OutboxStatus.valueOf(rs.getString("status")))
            .attempts(rs.getInt("attempts"))
            .nextAttemptAt(getInstant(rs, "next_attempt_at"))
            .createdAt(getInstant(rs, "created_at"))
            .updatedAt(getInstant(rs, "updated_at"))
            .version(rs.getLong("version"));
    Optional.ofNullable(rs.getString("last_error")).ifPresent(b::lastError);
    return b.build();
  }

  // ---- teams

  private static final String TEAM_COLUMNS = "tenant, id, name, members, created_at, version";
  private static final String SHARE_COLUMNS =
      "tenant, team_id, opportunity_id, shared_by, shared_at, status, notes, version";

  private Team team(ResultSet rs) throws SQLException {
    return Team.builder()
        .tenant(rs.getString("tenant"))
        .id(rs.getString("id"))
        .name(rs.getString("name"))
        .members(Json.readStrings(rs.getString("members")))
        .createdAt(getInstant(rs, "created_at"))
        .version(rs.getLong("version"))
        .build();
  }

  private SharedOpportunity shared(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant");
    return SharedOpportunity.builder()
        .tenant(tenant)
        .teamId(rs.getString("team_id"))
        .opportunityId(OpportunityId.of(tenant, rs.getString("opportunity_id")))
        .sharedBy(rs.getString("shared_by"))
        .sharedAt(getInstant(rs, "shared_at"))
        .status(TeamStatus.valueOf(rs.getString("status")))
        .notes(Json.readTeamNotes(rs.getString("notes")))
        .version(rs.getLong("version"))
        .build();
  }

  private CachedResult cachedResult(ResultSet rs) throws SQLException {
    CachedResult.Builder b =
        CachedResult.builder()
            .sourceId(rs.getString("source_id"))
            .queryKey(rs.getString("query_key"))
            .cursor(rs.getString("cursor_value"))
            .signals(Json.readSignals(rs.getString("signals")))
            .storedAt(getInstant(rs, "stored_at"))
            .expiresAt(getInstant(rs, "expires_at"));
    Optional.ofNullable(rs.getString("next_cursor")).ifPresent(b::nextCursor);
    return b.build();
  }

  // ---- model state

  private static final String MODEL_STATE_COLUMNS = "tenant, name, payload, updated_at, version";

  // ---- tracking observations: the one table read across tenants, by design

  private static final String TRACKING_COLUMNS =
      "subject_sha, subject_kind, subject_key, tenant, profile_id, epoch_day, tracked_at,"
          + " industries";

  /**
   * Time, then tenant, profile and subject: {@code subject_kind} sorts as the prefix of {@link
   * TrackedSubject#toString()} does, and the keys compare byte-wise like the ids.
   */
  private static final String TRACKING_ORDER =
      " ORDER BY tracked_at, tenant, profile_id, subject_kind, subject_key";

  /** A row as read across tenants: tenant and profile become pseudonyms here, in Java. */
  private AnonymousObservation trackingObservation(ResultSet rs) throws SQLException {
    return AnonymousObservation.of(
        new TrackingObservation(
            ProfileId.of(rs.getString("tenant"), rs.getString("profile_id")),
            new TrackedSubject(
                TrackedSubject.Kind.valueOf(rs.getString("subject_kind")),
                rs.getString("subject_key")),
            getInstant(rs, "tracked_at"),
            Set.copyOf(Json.readStrings(rs.getString("industries")))));
  }

  // ---- SQL helpers

  /**
   * The batched signal upsert of {@link #upsertSignals}, which has judged each row against what it
   * read first; the statement guards again against a newer version written since that read, so that
   * an older observation never replaces a newer one. On PostgreSQL the row is updated only when
   * observed later, or at the same time with other content. On MariaDB every column keeps its value
   * unless the incoming row was observed no earlier ({@code observed_at} is assigned last, since
   * later assignments see earlier ones). H2's {@code MERGE ... KEY} has no condition: there the
   * read in the same transaction is the guard (H2 reads committed rows at each statement). In that
   * race on MariaDB the batch still reports what its read judged (CHANGED for a version the
   * statement then kept out), so its caller may act once on an older version; the stored row stays
   * the newer.
   */
  private static String signalUpsert(Dialect dialect) {
    List<String> keys = List.of("tenant", "source_id", "external_id");
    if (dialect != Dialect.MARIADB) {
      return upsert(
          dialect,
          "discovery_signal",
          SIGNAL_COLUMN_LIST,
          keys,
          "discovery_signal.observed_at < EXCLUDED.observed_at"
              + " OR (discovery_signal.observed_at = EXCLUDED.observed_at"
              + " AND discovery_signal.content_hash <> EXCLUDED.content_hash)");
    }
    StringJoiner set = new StringJoiner(", ");
    for (String c : SIGNAL_COLUMN_LIST) {
      if (!keys.contains(c) && !c.equals("observed_at")) {
        set.add(c + " = IF(VALUES(observed_at) >= observed_at, VALUES(" + c + "), " + c + ")");
      }
    }
    set.add("observed_at = GREATEST(observed_at, VALUES(observed_at))");
    return "INSERT INTO discovery_signal ("
        + String.join(", ", SIGNAL_COLUMN_LIST)
        + ") VALUES ("
        + placeholders(SIGNAL_COLUMN_LIST.size())
        + ") ON DUPLICATE KEY UPDATE "
        + set;
  }

  /**
   * The dialect's idempotent write of a row by its natural key: {@code INSERT ... ON CONFLICT} on
   * PostgreSQL (optionally only when {@code pgCondition} holds), {@code ON DUPLICATE KEY UPDATE} on
   * MariaDB, {@code MERGE ... KEY} on H2.
   */
  static String upsert(
      Dialect dialect, String table, List<String> columns, List<String> keys, String pgCondition) {
    String cols = String.join(", ", columns);
    String values = placeholders(columns.size());
    List<String> rest = columns.stream().filter(c -> !keys.contains(c)).toList();
    return switch (dialect) {
      case POSTGRESQL -> {
        StringJoiner set = new StringJoiner(", ");
        rest.forEach(c -> set.add(c + " = EXCLUDED." + c));
        yield "INSERT INTO "
            + table
            + " ("
            + cols
            + ") VALUES ("
            + values
            + ") ON CONFLICT ("
            + String.join(", ", keys)
            + ") DO UPDATE SET "
            + set
            + (pgCondition == null ? "" : " WHERE " + pgCondition);
      }
      case MARIADB -> {
        StringJoiner set = new StringJoiner(", ");
        rest.forEach(c -> set.add(c + " = VALUES(" + c + ")"));
        yield "INSERT INTO "
            + table
            + " ("
            + cols
            + ") VALUES ("
            + values
            + ") ON DUPLICATE KEY UPDATE "
            + set;
      }
      case H2 ->
          "MERGE INTO "
              + table
              + " ("
              + cols
              + ") KEY ("
              + String.join(", ", keys)
              + ") VALUES ("
              + values
              + ")";
    };
  }

  /**
   * What makes an INSERT report a conflicting row as "0 rows" instead of failing. Only PostgreSQL
   * needs it: there a failed statement aborts the whole transaction. MariaDB and H2 fail just the
   * statement, and {@link #insert} turns their duplicate-key error into 0.
   */
  private String ignoreConflicts() {
    return dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "";
  }

  private static int insert(PreparedStatement ps) throws SQLException {
    try {
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (Errors.kind(e) == Errors.Kind.UNIQUE_VIOLATION) {
        return 0;
      }
      throw e;
    }
  }

  private static String limitClause() {
    return " LIMIT ?";
  }

  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static String assignments(String columns) {
    StringJoiner j = new StringJoiner(", ");
    split(columns).forEach(c -> j.add(c + " = ?"));
    return j.toString();
  }

  private static List<String> split(String columns) {
    return List.of(columns.split(",\\s*"));
  }

  private void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(
          index, dialect == Dialect.MARIADB ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
    } else if (dialect == Dialect.MARIADB) {
      ps.setObject(index, LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    }
  }

  private Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      LocalDateTime v = rs.getObject(column, LocalDateTime.class);
      return v == null ? null : v.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
    return v == null ? null : v.toInstant();
  }

  private Instant getInstant(ResultSet rs, int column) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      LocalDateTime v = rs.getObject(column, LocalDateTime.class);
      return v == null ? null : v.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
    return v == null ? null : v.toInstant();
  }

  /** Instants are stored with microsecond precision, the finest all three databases keep. */
  static Instant micros(Instant i) {
    return i.getNano() % 1_000 == 0 ? i : i.truncatedTo(ChronoUnit.MICROS);
  }

  private static Profile micros(Profile p) {
    if (p.createdAt().map(i -> i != micros(i)).orElse(false)
        || p.updatedAt().map(i -> i != micros(i)).orElse(false)) {
      Profile.Builder b = Profile.builder().from(p);
      p.createdAt().map(SqlStorage::micros).ifPresent(b::createdAt);
      p.updatedAt().map(SqlStorage::micros).ifPresent(b::updatedAt);
      return b.build();
    }
    return p;
  }

  private static Opportunity micros(Opportunity o) {
    if (o.publishedAt() != micros(o.publishedAt())
        || o.occursAt() != micros(o.occursAt())
        || o.createdAt() != micros(o.createdAt())
        || o.updatedAt() != micros(o.updatedAt())
        || o.lastSeenAt() != micros(o.lastSeenAt())
        || o.changedAt().map(i -> i != micros(i)).orElse(false)) {
      Opportunity.Builder b =
          Opportunity.builder()
              .from(o)
              .publishedAt(micros(o.publishedAt()))
              .occursAt(micros(o.occursAt()))
              .createdAt(micros(o.createdAt()))
              .updatedAt(micros(o.updatedAt()))
              .lastSeenAt(micros(o.lastSeenAt()));
      o.changedAt().map(SqlStorage::micros).ifPresent(b::changedAt);
      return b.build();
    }
    return o;
  }

  /** SHA-256 of a signal key, the indexed part of an opportunity's natural key. */
  static String sha(SignalKey key) {
    return sha(key.sourceId().length() + ":" + key.sourceId() + key.externalId());
  }

  /** SHA-256 of a tracked subject's kind and key, the indexed part of a tracking row's key. */
  static String sha(TrackedSubject subject) {
    return sha(subject.kind().name() + "\u0000" + subject.key());
  }

  /** SHA-256 of a text in hex: the fixed-size key column of a value of any length. */
  static String sha(String text) {
    return Hashing.sha256Hex(text);
  }

  /** Binds a row's value columns from parameter {@code start}; returns the next index. */
  @FunctionalInterface
  private interface RowValues {
    int bind(PreparedStatement ps, int start) throws SQLException;
  }

  /**
   * Inserts (version 0) or updates from its version one row of a table with a version column.
   * {@code columns} is the table's column constant: the key columns (as many as {@code key}
   * values), then the value columns {@code values} binds, then {@code version}. Statements are
   * built from those constants only.
   *
   * @throws ConcurrentUpdateException "{@code what} already exists" when inserting a taken key, or
   *     {@link #stale} when the stored version is another
   */
  private void saveVersioned(
      Connection c,
      String table,
      String columns,
      String[] key,
      RowValues values,
      long version,
      String what,
      String kind,
      Object id)
      throws SQLException {
    List<String> all = split(columns);
    List<String> keyColumns = all.subList(0, key.length);
    List<String> valueColumns = all.subList(key.length, all.size() - 1);
    if (version == 0) {
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + columns
              + ") VALUES ("
              + placeholders(all.size())
              + ")"
              + ignoreConflicts();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindStrings(ps, key);
        ps.setLong(values.bind(ps, key.length + 1), 1);
        if (insert(ps) == 0) {
          throw new ConcurrentUpdateException(what + " already exists");
        }
      }
      return;
    }
    String where = String.join(" = ? AND ", keyColumns) + " = ?";
    String sql =
        "UPDATE "
            + table
            + " SET "
            + String.join(" = ?, ", valueColumns)
            + " = ?, version = ? WHERE "
            + where
            + " AND version = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = values.bind(ps, 1);
      ps.setLong(i++, version + 1);
      for (String k : key) {
        ps.setString(i++, k);
      }
      ps.setLong(i, version);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    Optional<Long> stored = longValue(c, "SELECT version FROM " + table + " WHERE " + where, key);
    throw stale(kind, id, version, stored);
  }

  private static ConcurrentUpdateException stale(
      String kind, Object id, long version, Optional<Long> stored) {
    if (stored.isEmpty()) {
      return new ConcurrentUpdateException(
          kind + " " + id + " does not exist (any more), so version " + version + " is stale");
    }
    return new ConcurrentUpdateException(
        kind
            + " "
            + id
            + " is at version "
            + stored.get()
            + ", not "
            + version
            + ": read it again and retry");
  }

  private static Optional<Long> longValue(Connection c, String sql, String... params)
      throws SQLException {
    return one(c, sql, rs -> rs.getLong(1), params);
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** The first row of a query whose parameters are all strings, or empty. */
  private static <T> Optional<T> one(
      Connection c, String sql, RowMapper<T> mapper, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindStrings(ps, params);
      return first(ps, mapper);
    }
  }

  /** Every row of a query whose parameters are all strings. */
  private static <T> List<T> many(Connection c, String sql, RowMapper<T> mapper, String... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindStrings(ps, params);
      return all(ps, mapper);
    }
  }

  /** Runs an update or delete whose parameters are all strings; returns the rows it changed. */
  private static int update(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindStrings(ps, params);
      return ps.executeUpdate();
    }
  }

  private static void bindStrings(PreparedStatement ps, String... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setString(i + 1, params[i]);
    }
  }

  private static <T> Optional<T> first(PreparedStatement ps, RowMapper<T> mapper)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
    }
  }

  private static <T> List<T> all(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return List.copyOf(out);
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new ValidationException("limit must not be negative, was " + limit);
    }
  }

  // ---- stores: one per aggregate, all sharing this storage's state

  private final ProfileStore profilesStore = new Profiles();
  private final SignalStore signalsStore = new Signals();
  private final OpportunityStore opportunitiesStore = new Opportunities();
  private final RunStore runsStore = new Runs();
  private final SourceStateStore sourceStateStore = new SourceState();
  private final OutboxStore outboxStore = new Outbox();
  private final TeamStore teamsStore = new Teams();
  private final ModelStore modelsStore = new Models();
  private final TrackingStore trackingStore = new Tracking();

  @Override
  public ProfileStore profiles() {
    return profilesStore;
  }

  @Override
  public SignalStore signals() {
    return signalsStore;
  }

  @Override
  public OpportunityStore opportunities() {
    return opportunitiesStore;
  }

  @Override
  public RunStore runs() {
    return runsStore;
  }

  @Override
  public SourceStateStore sourceState() {
    return sourceStateStore;
  }

  @Override
  public OutboxStore outbox() {
    return outboxStore;
  }

  @Override
  public TeamStore teams() {
    return teamsStore;
  }

  @Override
  public ModelStore models() {
    return modelsStore;
  }

  @Override
  public TrackingStore tracking() {
    return trackingStore;
  }

  private final class Profiles implements ProfileStore {

    // ---- profiles

    @Override
    public Profile save(Profile profile) {
      Objects.requireNonNull(profile, "profile");
      Profile saved =
          micros(Profile.builder().from(profile).version(profile.version() + 1).build());
      ProfileId id = profile.id();
      return access.run(
          "save profile " + id,
          c -> {
            saveVersioned(
                c,
                "discovery_profile",
                PROFILE_COLUMNS,
                new String[] {id.tenant(), id.value()},
                (ps, i) -> bindProfile(ps, i, saved),
                profile.version(),
                "profile " + id,
                "profile",
                id);
            return saved;
          });
    }

    @Override
    public Optional<Profile> find(ProfileId id) {
      Objects.requireNonNull(id, "id");
      return access.run(
          "find profile " + id,
          c ->
              one(
                  c,
                  "SELECT "
                      + PROFILE_COLUMNS
                      + " FROM discovery_profile WHERE tenant = ? AND id = ?",
                  SqlStorage.this::profile,
                  id.tenant(),
                  id.value()));
    }

    @Override
    public List<Profile> list(String tenant) {
      Objects.requireNonNull(tenant, "tenant");
      return access.run(
          "list profiles of tenant " + tenant,
          c ->
              many(
                  c,
                  "SELECT "
                      + PROFILE_COLUMNS
                      + " FROM discovery_profile WHERE tenant = ? ORDER BY id",
                  SqlStorage.this::profile,
                  tenant));
    }

    @Override
    public boolean delete(ProfileId id) {
      Objects.requireNonNull(id, "id");
      // Opportunities and their feedback go with it: ON DELETE CASCADE. Its tracking observations
      // have no foreign key (they may name a profile the storage never saw) and go by hand.
      return access.atomic(
          "delete profile " + id,
          c -> {
            String[] key = {id.tenant(), id.value()};
            if (update(c, "DELETE FROM discovery_profile WHERE tenant = ? AND id = ?", key) == 0) {
              return false;
            }
            update(c, "DELETE FROM discovery_tracking WHERE tenant = ? AND profile_id = ?", key);
            return true;
          });
    }

    // ---- scheduling

    /** The one statement not scoped by a tenant: it lists them. */
    @Override
    public List<String> tenants() {
      return access.run(
          "list tenants",
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT DISTINCT tenant FROM discovery_profile ORDER BY tenant")) {
              return all(ps, rs -> rs.getString(1));
            }
          });
    }
  }

  private final class Signals implements SignalStore {

    // ---- signals

    @Override
    public SignalWrite upsert(String tenant, Signal signal) {
      Objects.requireNonNull(signal, "signal");
      return upsertAll(tenant, List.of(signal)).get(0);
    }

    /**
     * Stores the batch atomically. On PostgreSQL, when the batch's keys are distinct, in one
     * statement ({@link #PG_SIGNAL_UPSERT}): the batch goes in as one array per column; the upsert
     * writes the rows that are new, changed or observed later (never a version observed before the
     * stored one), skips the rest, and says which rows it inserted and which it updated; for
     * updated rows the same statement reads the hash they had before it. Otherwise (MariaDB, H2, or
     * a batch that repeats a key) in three steps: one query loads the stored content hashes of the
     * batch's keys; each signal is judged NEW, CHANGED or UNCHANGED against them (and against the
     * batch's earlier signals of the same key); one batched upsert writes the last version of each
     * key that is new, changed or observed later, and skips the rest. MariaDB cannot judge from the
     * upsert itself: its affected-rows count reports an unchanged row as 1, like an insert, unless
     * the host's URL sets {@code useAffectedRows=true}, and a rewritten batch reports no counts at
     * all.
     */
    @Override
    public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signals, "signals");
      signals.forEach(s -> Objects.requireNonNull(s, "signals must not contain null"));
      if (signals.isEmpty()) {
        return List.of();
      }
      boolean oneStatement = dialect == Dialect.POSTGRESQL && oneStatementFits(signals);
      return access.atomic(
          "upsert " + signals.size() + " signal(s) of tenant " + tenant,
          c -> {
            if (oneStatement) {
              return upsertSignalsInOneStatement(c, tenant, signals);
            }
            Map<SignalKey, Stored> state = storedSignals(c, tenant, signals);
            List<SignalWrite> out = new ArrayList<>(signals.size());
            Map<SignalKey, Signal> toWrite = new LinkedHashMap<>();
            for (Signal s : signals) {
              Stored stored = state.get(s.key());
              Instant observed = micros(s.observedAt());
              SignalWrite w;
              if (stored == null) {
                w = SignalWrite.NEW;
              } else if (observed.isBefore(stored.observedAt())) {
                // An older version arriving late: the stored one is newer and stays.
                out.add(SignalWrite.UNCHANGED);
                continue;
              } else if (!stored.hash().equals(s.contentHash())) {
                w = SignalWrite.CHANGED;
              } else {
                w = SignalWrite.UNCHANGED;
              }
              out.add(w);
              if (w != SignalWrite.UNCHANGED || observed.isAfter(stored.observedAt())) {
                state.put(s.key(), new Stored(s.contentHash(), observed));
                toWrite.remove(s.key());
                toWrite.put(s.key(), s);
              }
            }
            if (!toWrite.isEmpty()) {
              try (PreparedStatement ps = c.prepareStatement(signalUpsert)) {
                for (Signal s : inKeyOrder(toWrite.values())) {
                  bindSignal(ps, tenant, s);
                  ps.addBatch();
                }
                ps.executeBatch();
              }
            }
            return List.copyOf(out);
          });
    }

    @Override
    public Optional<Signal> find(String tenant, SignalKey key) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(key, "key");
      return access.run(
          "find signal " + key,
          c ->
              one(
                  c,
                  "SELECT "
                      + SIGNAL_COLUMNS
                      + " FROM discovery_signal"
                      + " WHERE tenant = ? AND source_id = ? AND external_id = ?",
                  SqlStorage.this::signal,
                  tenant,
                  key.sourceId(),
                  key.externalId()));
    }

    @Override
    public List<Signal> list(String tenant, Instant since, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(since, "since");
      checkLimit(limit);
      if (limit == 0) {
        return List.of();
      }
      return access.run(
          "list signals of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + SIGNAL_COLUMNS
                        + " FROM discovery_signal WHERE tenant = ? AND published_at >= ?"
                        + " ORDER BY published_at DESC, source_id, external_id"
                        + limitClause())) {
              ps.setString(1, tenant);
              setInstant(ps, 2, since);
              ps.setInt(3, limit);
              return all(ps, SqlStorage.this::signal);
            }
          });
    }
  }

  private final class Opportunities implements OpportunityStore {

    // ---- opportunities

    @Override
    public Opportunity save(Opportunity opportunity) {
      Objects.requireNonNull(opportunity, "opportunity");
      Opportunity saved =
          micros(
              Opportunity.builder().from(opportunity).version(opportunity.version() + 1).build());
      OpportunityId id = opportunity.id();
      return access.run(
          "save opportunity " + id,
          c -> {
            if (opportunity.version() == 0) {
              insertOpportunity(c, saved);
              return saved;
            }
            String sql =
                "UPDATE discovery_opportunity SET "
                    + assignments(OPPORTUNITY_WRITE_COLUMNS)
                    + ", version = ? WHERE tenant = ? AND id = ? AND version = ?"
                    + " AND profile_id = ? AND signal_key_sha = ? AND source_id = ?"
                    + " AND external_id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              int i = bindOpportunity(ps, 1, saved);
              ps.setLong(i++, saved.version());
              ps.setString(i++, id.tenant());
              ps.setString(i++, id.value());
              ps.setLong(i++, opportunity.version());
              ps.setString(i++, saved.profileId().value());
              ps.setString(i++, sha(saved.signalKey()));
              ps.setString(i++, saved.signalKey().sourceId());
              ps.setString(i, saved.signalKey().externalId());
              if (ps.executeUpdate() == 0) {
                throw failedUpdate(c, opportunity);
              }
            }
            return saved;
          });
    }

    @Override
    public Optional<Opportunity> find(OpportunityId id) {
      Objects.requireNonNull(id, "id");
      return access.run(
          "find opportunity " + id,
          c ->
              one(
                  c,
                  "SELECT "
                      + OPPORTUNITY_READ_COLUMNS
                      + " FROM discovery_opportunity WHERE tenant = ? AND id = ?",
                  SqlStorage.this::opportunity,
                  id.tenant(),
                  id.value()));
    }

    @Override
    public Optional<Opportunity> find(ProfileId profileId, SignalKey signalKey) {
      Objects.requireNonNull(profileId, "profileId");
      Objects.requireNonNull(signalKey, "signalKey");
      return access.run(
          "find opportunity of profile " + profileId + " for signal " + signalKey,
          c ->
              one(
                  c,
                  "SELECT "
                      + OPPORTUNITY_READ_COLUMNS
                      + " FROM discovery_opportunity WHERE tenant = ? AND profile_id = ?"
                      + " AND signal_key_sha = ? AND source_id = ? AND external_id = ?",
                  SqlStorage.this::opportunity,
                  profileId.tenant(),
                  profileId.value(),
                  sha(signalKey),
                  signalKey.sourceId(),
                  signalKey.externalId()));
    }

    @Override
    public List<Opportunity> listBySignal(String tenant, SignalKey signalKey) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signalKey, "signalKey");
      return access.run(
          "list opportunities of tenant " + tenant + " for signal " + signalKey,
          c ->
              many(
                  c,
                  "SELECT "
                      + OPPORTUNITY_READ_COLUMNS
                      + " FROM discovery_opportunity WHERE tenant = ? AND signal_key_sha = ?"
                      + " AND source_id = ? AND external_id = ? ORDER BY id",
                  SqlStorage.this::opportunity,
                  tenant,
                  sha(signalKey),
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
      checkLimit(limit);
      if (limit == 0) {
        return List.of();
      }
      List<OpportunityStatus> statuses = List.copyOf(excluded);
      StringBuilder sql =
          new StringBuilder("SELECT ")
              .append(OPPORTUNITY_READ_COLUMNS)
              .append(" FROM discovery_opportunity WHERE tenant = ? AND occurs_at < ?");
      if (!statuses.isEmpty()) {
        sql.append(" AND status NOT IN (").append(placeholders(statuses.size())).append(')');
      }
      sql.append(" ORDER BY occurs_at, id").append(limitClause());
      return access.run(
          "list opportunities of tenant " + tenant + " before " + before,
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
              int i = 1;
              ps.setString(i++, tenant);
              setInstant(ps, i++, before);
              for (OpportunityStatus status : statuses) {
                ps.setString(i++, status.name());
              }
              ps.setInt(i, limit);
              return all(ps, SqlStorage.this::opportunity);
            }
          });
    }

    /**
     * The feed in keyset order. The cursor is decoded before any SQL is built, so a forged one
     * fails without touching the database. Column names come from switches on {@link FeedSort};
     * filter values are enum names bound as parameters.
     */
    @Override
    public Page<Opportunity> feed(FeedQuery query) {
      Objects.requireNonNull(query, "query");
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
              .append(OPPORTUNITY_READ_COLUMNS)
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
      if (query.minScore().isPresent()) {
        sql.append(" AND score_total >= ?");
        binds.add((ps, i) -> ps.setDouble(i, query.minScore().getAsDouble()));
      }
      if (after.isPresent()) {
        FeedSupport.SortKey k = after.get();
        if (dialect == Dialect.MARIADB) {
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
      sql.append(limitClause());
      binds.add((ps, i) -> ps.setInt(i, query.limit() + 1));
      List<Opportunity> rows =
          access.run(
              "read the feed of tenant " + query.tenant(),
              c -> {
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                  for (int i = 0; i < binds.size(); i++) {
                    binds.get(i).bind(ps, i + 1);
                  }
                  return all(ps, SqlStorage.this::opportunity);
                }
              });
      if (rows.size() <= query.limit()) {
        return Page.of(rows, Optional.empty());
      }
      List<Opportunity> page = List.copyOf(rows.subList(0, query.limit()));
      Opportunity last = page.get(page.size() - 1);
      return Page.of(
          page, Optional.of(FeedSupport.encodeCursor(sort, FeedSupport.sortKey(sort, last))));
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
          access.run(
              "add feedback to opportunity " + id,
              c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                  int i = 1;
                  ps.setString(i++, feedback.type().name());
                  ps.setString(i++, feedback.dismissReason().map(Enum::name).orElse(null));
                  ps.setString(i++, feedback.value().map(BigDecimal::toString).orElse(null));
                  ps.setString(i++, feedback.actor().orElse(null));
                  ps.setString(i++, feedback.note().orElse(null));
                  setInstant(ps, i++, feedback.at().orElse(null));
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
      return access.run(
          "list feedback of opportunity " + id,
          c ->
              many(
                  c,
                  "SELECT "
                      + FEEDBACK_COLUMNS
                      + " FROM discovery_feedback WHERE tenant = ? AND opportunity_id = ?"
                      + " ORDER BY seq",
                  SqlStorage.this::feedback,
                  id.tenant(),
                  id.value()));
    }
  }

  private final class Runs implements RunStore {

    // ---- runs

    @Override
    public void save(RunReport report) {
      Objects.requireNonNull(report, "report");
      access.run(
          "save run " + report.runId(),
          c -> {
            try (PreparedStatement ps = c.prepareStatement(runUpsert)) {
              ps.setString(1, report.tenant());
              ps.setString(2, report.runId());
              setInstant(ps, 3, report.startedAt());
              setInstant(ps, 4, report.finishedAt());
              ps.setString(5, report.status().name());
              ps.setString(6, Json.run(report));
              return ps.executeUpdate();
            }
          });
    }

    @Override
    public List<RunReport> list(String tenant, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      checkLimit(limit);
      if (limit == 0) {
        return List.of();
      }
      return access.run(
          "list runs of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT report FROM discovery_run WHERE tenant = ?"
                        + " ORDER BY started_at DESC, run_id DESC"
                        + limitClause())) {
              ps.setString(1, tenant);
              ps.setInt(2, limit);
              return all(ps, rs -> Json.readRun(rs.getString(1)));
            }
          });
    }

    @Override
    public List<RunReport> list(String tenant, Instant from, Instant to) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return access.run(
          "list runs of tenant " + tenant + " from " + from + " to " + to,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT report FROM discovery_run WHERE tenant = ?"
                        + " AND started_at >= ? AND started_at < ?"
                        + " ORDER BY started_at DESC, run_id DESC")) {
              ps.setString(1, tenant);
              setInstant(ps, 2, from);
              setInstant(ps, 3, to);
              return all(ps, rs -> Json.readRun(rs.getString(1)));
            }
          });
    }

    // ---- lifecycle events

    @Override
    public void addLifecycleEvent(LifecycleEvent event) {
      Objects.requireNonNull(event, "event");
      for (LifecycleChange change : event.changes()) {
        if (change.before().isPresent() != change.after().isPresent()) {
          // LifecycleChange offers no way to build such a change again when it is read back.
          throw new ValidationException(
              "a lifecycle change must have both or neither of its old and new values: "
                  + change.kind());
        }
      }
      SignalKey key = event.signalKey();
      access.run(
          "add a lifecycle event of signal " + key,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO discovery_lifecycle_event ("
                        + LIFECYCLE_COLUMNS
                        + ") VALUES ("
                        + placeholders(6)
                        + ")")) {
              ps.setString(1, event.tenant());
              ps.setString(2, key.sourceId());
              ps.setString(3, key.externalId());
              setInstant(ps, 4, event.detectedAt());
              ps.setString(5, event.runId().orElse(null));
              ps.setString(6, Json.lifecycleChanges(event.changes()));
              return ps.executeUpdate();
            }
          });
    }

    @Override
    public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(signalKey, "signalKey");
      return access.run(
          "list lifecycle events of signal " + signalKey,
          c ->
              many(
                  c,
                  "SELECT "
                      + LIFECYCLE_COLUMNS
                      + " FROM discovery_lifecycle_event"
                      + " WHERE tenant = ? AND source_id = ? AND external_id = ? ORDER BY seq",
                  SqlStorage.this::lifecycleEvent,
                  tenant,
                  signalKey.sourceId(),
                  signalKey.externalId()));
    }
  }

  private final class SourceState implements SourceStateStore {

    /**
     * A conditional {@code UPDATE} that takes the lease when it is expired or already the owner's,
     * else an {@code INSERT} of a missing lease that loses without failing when another process
     * inserted it first. Both are single statements, atomic on their own: the database's row lock
     * makes racing updates re-check the condition, and the primary key lets one insert win.
     */
    @Override
    public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(until, "until");
      return access.run(
          "take lease " + name + " of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE discovery_lease SET owner = ?, held_until = ?"
                        + " WHERE tenant = ? AND name = ? AND (held_until <= ? OR owner = ?)")) {
              ps.setString(1, owner);
              setInstant(ps, 2, until);
              ps.setString(3, tenant);
              ps.setString(4, name);
              setInstant(ps, 5, now);
              ps.setString(6, owner);
              if (ps.executeUpdate() > 0) {
                return true;
              }
            }
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO discovery_lease (tenant, name, owner, held_until) VALUES (?, ?, ?, ?)"
                        + ignoreConflicts())) {
              ps.setString(1, tenant);
              ps.setString(2, name);
              ps.setString(3, owner);
              setInstant(ps, 4, until);
              if (insert(ps) > 0) {
                return true;
              }
            }
            // The holder renewing to the same time changes no value, and MariaDB with
            // useAffectedRows=true then counts the UPDATE as 0 rows: the lease is still ours if the
            // row says so.
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT 1 FROM discovery_lease"
                        + " WHERE tenant = ? AND name = ? AND owner = ? AND held_until = ?")) {
              ps.setString(1, tenant);
              ps.setString(2, name);
              ps.setString(3, owner);
              setInstant(ps, 4, until);
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
              }
            }
          });
    }

    // ---- shared query cache and cost ledger

    /**
     * Reads {@code discovery_query_cache}, the one table without a tenant: it holds only answers of
     * sources that declare their data public, shared by every tenant. The row is found by the hash
     * of the cursor and checked against the full cursor.
     */
    @Override
    public Optional<CachedResult> findCachedResult(
        String sourceId, String queryKey, String cursor, Instant now) {
      Objects.requireNonNull(sourceId, "sourceId");
      Objects.requireNonNull(queryKey, "queryKey");
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(now, "now");
      return access.run(
          "find the cached answer of source " + sourceId,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + CACHE_COLUMNS
                        + " FROM discovery_query_cache"
                        + " WHERE source_id = ? AND query_key = ? AND cursor_sha = ?"
                        + " AND expires_at > ?")) {
              ps.setString(1, sourceId);
              ps.setString(2, queryKey);
              ps.setString(3, sha(cursor));
              setInstant(ps, 4, now);
              return first(ps, SqlStorage.this::cachedResult)
                  .filter(r -> r.sourceId().equals(sourceId))
                  .filter(r -> r.queryKey().equals(queryKey))
                  .filter(r -> r.cursor().equals(cursor));
            }
          });
    }

    /**
     * Upserts into the tenant-less {@code discovery_query_cache}; see {@link #findCachedResult}.
     */
    @Override
    public void saveCachedResult(CachedResult result) {
      Objects.requireNonNull(result, "result");
      String signals = Json.signals(result.signals());
      // atomic: of racing first inserts of the same key, H2's MERGE may fail one; it is retried.
      access.atomic(
          "save the cached answer of source " + result.sourceId(),
          c -> {
            try (PreparedStatement ps = c.prepareStatement(cacheUpsert)) {
              ps.setString(1, result.sourceId());
              ps.setString(2, result.queryKey());
              ps.setString(3, sha(result.cursor()));
              ps.setString(4, result.cursor());
              ps.setString(5, signals);
              ps.setString(6, result.nextCursor().orElse(null));
              setInstant(ps, 7, result.storedAt());
              setInstant(ps, 8, result.expiresAt());
              return ps.executeUpdate();
            }
          });
    }

    /** Deletes from the tenant-less {@code discovery_query_cache}, through its expiry index. */
    @Override
    public int deleteExpiredResults(Instant now) {
      Objects.requireNonNull(now, "now");
      return access.run(
          "delete expired cached answers",
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM discovery_query_cache WHERE expires_at <= ?")) {
              setInstant(ps, 1, now);
              return ps.executeUpdate();
            }
          });
    }

    @Override
    public void addCost(CostEntry entry) {
      Objects.requireNonNull(entry, "entry");
      access.run(
          "add a cost ledger line of tenant " + entry.tenant(),
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO discovery_cost_ledger ("
                        + COST_COLUMNS
                        + ") VALUES ("
                        + placeholders(7)
                        + ")")) {
              ps.setString(1, entry.tenant());
              ps.setString(2, entry.sourceId());
              ps.setString(3, entry.queryKey());
              setInstant(ps, 4, entry.at());
              ps.setBoolean(5, entry.cacheHit());
              ps.setDouble(6, entry.cost());
              ps.setString(7, Json.textList(entry.profileIds()));
              return ps.executeUpdate();
            }
          });
    }

    @Override
    public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return access.run(
          "list the cost ledger of tenant " + tenant + " from " + from + " to " + to,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + COST_COLUMNS
                        + " FROM discovery_cost_ledger WHERE tenant = ?"
                        + " AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, seq")) {
              ps.setString(1, tenant);
              setInstant(ps, 2, from);
              setInstant(ps, 3, to);
              return all(
                  ps,
                  rs ->
                      CostEntry.builder()
                          .tenant(rs.getString("tenant"))
                          .sourceId(rs.getString("source_id"))
                          .queryKey(rs.getString("query_key"))
                          .at(getInstant(rs, "occurred_at"))
                          .cacheHit(rs.getBoolean("cache_hit"))
                          .cost(rs.getDouble("cost"))
                          .profileIds(Json.readStrings(rs.getString("profile_ids")))
                          .build());
            }
          });
    }

    // ---- watermarks

    @Override
    public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(sourceId, "sourceId");
      Objects.requireNonNull(queryKey, "queryKey");
      return access.run(
          "find watermark of source " + sourceId,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + WATERMARK_COLUMNS
                        + " FROM discovery_watermark"
                        + " WHERE tenant = ? AND source_id = ? AND query_key = ?")) {
              ps.setString(1, tenant);
              ps.setString(2, sourceId);
              ps.setString(3, queryKey);
              return first(
                  ps,
                  rs ->
                      Watermark.builder()
                          .tenant(rs.getString("tenant"))
                          .sourceId(rs.getString("source_id"))
                          .queryKey(rs.getString("query_key"))
                          .cursor(rs.getString("cursor_value"))
                          .updatedAt(getInstant(rs, "updated_at"))
                          .build());
            }
          });
    }

    @Override
    public void saveWatermark(Watermark watermark) {
      Objects.requireNonNull(watermark, "watermark");
      access.run(
          "save watermark of source " + watermark.sourceId(),
          c -> {
            try (PreparedStatement ps = c.prepareStatement(watermarkUpsert)) {
              ps.setString(1, watermark.tenant());
              ps.setString(2, watermark.sourceId());
              ps.setString(3, watermark.queryKey());
              ps.setString(4, watermark.cursor());
              setInstant(ps, 5, watermark.updatedAt());
              return ps.executeUpdate();
            }
          });
    }
  }

  private final class Outbox implements OutboxStore {

    /**
     * Inserts the entry unless one with the same (tenant, sink, dedupe key) exists, which the
     * unique key on its hash decides atomically.
     */
    @Override
    public boolean enqueue(OutboxEntry entry) {
      Objects.requireNonNull(entry, "entry");
      return access.run(
          "enqueue a delivery to " + entry.sinkId() + " for tenant " + entry.tenant(),
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO discovery_outbox ("
                        + OUTBOX_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                        + ignoreConflicts())) {
              int i = 1;
              ps.setString(i++, entry.tenant());
              ps.setString(i++, entry.id());
              ps.setString(i++, entry.sinkId());
              ps.setString(i++, entry.kind().name());
              ps.setString(i++, entry.opportunityId().value());
              ps.setString(i++, sha(entry.sinkId() + "\u0000" + entry.dedupeKey()));
              ps.setString(i++, entry.dedupeKey());
              ps.setString(i++, entry.status().name());
              ps.setInt(i++, entry.attempts());
              setInstant(ps, i++, entry.nextAttemptAt());
              ps.setString(i++, entry.lastError().orElse(null));
              setInstant(ps, i++, entry.createdAt());
              setInstant(ps, i, entry.updatedAt());
              return insert(ps) > 0;
            }
          });
    }

    @Override
    public List<OutboxEntry> listDue(String tenant, Instant now, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(now, "now");
      checkLimit(limit);
      return access.run(
          "list the due deliveries of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + OUTBOX_COLUMNS
                        + " FROM discovery_outbox WHERE tenant = ? AND status = ?"
                        + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id"
                        + " LIMIT ?")) {
              ps.setString(1, tenant);
              ps.setString(2, OutboxStatus.PENDING.name());
              setInstant(ps, 3, now);
              ps.setInt(4, limit);
              return all(ps, SqlStorage.this::outboxEntry);
            }
          });
    }

    @Override
    public OutboxEntry save(OutboxEntry entry) {
      Objects.requireNonNull(entry, "entry");
      return access.atomic(
          "update delivery " + entry.id() + " of tenant " + entry.tenant(),
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE discovery_outbox SET status = ?, attempts = ?, next_attempt_at = ?,"
                        + " last_error = ?, updated_at = ?, version = version + 1"
                        + " WHERE tenant = ? AND id = ? AND version = ?")) {
              int i = 1;
              ps.setString(i++, entry.status().name());
              ps.setInt(i++, entry.attempts());
              setInstant(ps, i++, entry.nextAttemptAt());
              ps.setString(i++, entry.lastError().orElse(null));
              setInstant(ps, i++, entry.updatedAt());
              ps.setString(i++, entry.tenant());
              ps.setString(i++, entry.id());
              ps.setLong(i, entry.version());
              if (ps.executeUpdate() == 1) {
                return OutboxEntry.builder().from(entry).version(entry.version() + 1).build();
              }
            }
            Optional<Long> stored =
                longValue(
                    c,
                    "SELECT version FROM discovery_outbox WHERE tenant = ? AND id = ?",
                    entry.tenant(),
                    entry.id());
            if (stored.isEmpty()) {
              throw new NotFoundException(
                  "no outbox entry " + entry.id() + " for tenant " + entry.tenant());
            }
            throw stale("outbox entry", entry.id(), entry.version(), stored);
          });
    }

    @Override
    public List<OutboxEntry> list(String tenant, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      checkLimit(limit);
      return access.run(
          "list the deliveries of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + OUTBOX_COLUMNS
                        + " FROM discovery_outbox WHERE tenant = ?"
                        + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
              ps.setString(1, tenant);
              ps.setInt(2, limit);
              return all(ps, SqlStorage.this::outboxEntry);
            }
          });
    }
  }

  private final class Teams implements TeamStore {

    @Override
    public Team save(Team team) {
      Objects.requireNonNull(team, "team");
      Team saved =
          Team.builder()
              .from(team)
              .createdAt(micros(team.createdAt()))
              .version(team.version() + 1)
              .build();
      return access.run(
          "save team " + team.id() + " of tenant " + team.tenant(),
          c -> {
            saveVersioned(
                c,
                "discovery_team",
                TEAM_COLUMNS,
                new String[] {team.tenant(), team.id()},
                (ps, i) -> {
                  ps.setString(i++, team.name());
                  ps.setString(i++, Json.stringSet(team.members()));
                  setInstant(ps, i++, saved.createdAt());
                  return i;
                },
                team.version(),
                "team " + team.id() + " of tenant " + team.tenant(),
                "team",
                team.id());
            return saved;
          });
    }

    @Override
    public Optional<Team> find(String tenant, String teamId) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(teamId, "teamId");
      return access.run(
          "find team " + teamId + " of tenant " + tenant,
          c ->
              one(
                  c,
                  "SELECT " + TEAM_COLUMNS + " FROM discovery_team WHERE tenant = ? AND id = ?",
                  SqlStorage.this::team,
                  tenant,
                  teamId));
    }

    @Override
    public List<Team> list(String tenant) {
      Objects.requireNonNull(tenant, "tenant");
      return access.run(
          "list the teams of tenant " + tenant,
          c ->
              many(
                  c,
                  "SELECT " + TEAM_COLUMNS + " FROM discovery_team WHERE tenant = ? ORDER BY id",
                  SqlStorage.this::team,
                  tenant));
    }

    /**
     * Inserts a share unless the primary key (tenant, team, opportunity) holds one already, or
     * updates the status and notes of one at the caller's version. The foreign keys require the
     * team and the opportunity; deleting the opportunity deletes its shares.
     */
    @Override
    public SharedOpportunity saveShared(SharedOpportunity shared) {
      Objects.requireNonNull(shared, "shared");
      SharedOpportunity saved =
          SharedOpportunity.builder()
              .from(shared)
              .sharedAt(micros(shared.sharedAt()))
              .version(shared.version() + 1)
              .build();
      String id = shared.teamId() + " of " + shared.opportunityId();
      return access.atomic(
          "share opportunity " + shared.opportunityId() + " with team " + shared.teamId(),
          c -> {
            saveVersioned(
                c,
                "discovery_team_share",
                SHARE_COLUMNS,
                new String[] {shared.tenant(), shared.teamId(), shared.opportunityId().value()},
                (ps, i) -> {
                  ps.setString(i++, shared.sharedBy());
                  setInstant(ps, i++, saved.sharedAt());
                  ps.setString(i++, shared.status().name());
                  ps.setString(i++, Json.teamNotes(shared.notes()));
                  return i;
                },
                shared.version(),
                "share with team " + id,
                "share with team",
                id);
            return saved;
          });
    }

    @Override
    public Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(teamId, "teamId");
      Objects.requireNonNull(id, "id");
      if (!id.tenant().equals(tenant)) {
        return Optional.empty();
      }
      return access.run(
          "find the share of " + id + " with team " + teamId,
          c ->
              one(
                  c,
                  "SELECT "
                      + SHARE_COLUMNS
                      + " FROM discovery_team_share"
                      + " WHERE tenant = ? AND team_id = ? AND opportunity_id = ?",
                  SqlStorage.this::shared,
                  tenant,
                  teamId,
                  id.value()));
    }

    @Override
    public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(teamId, "teamId");
      checkLimit(limit);
      return access.run(
          "list the opportunities shared with team " + teamId + " of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + SHARE_COLUMNS
                        + " FROM discovery_team_share WHERE tenant = ? AND team_id = ?"
                        + " ORDER BY shared_at DESC, opportunity_id DESC LIMIT ?")) {
              ps.setString(1, tenant);
              ps.setString(2, teamId);
              ps.setInt(3, limit);
              return all(ps, SqlStorage.this::shared);
            }
          });
    }
  }

  private final class Models implements ModelStore {

    @Override
    public Optional<ModelState> find(String tenant, String name) {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(name, "name");
      return access.run(
          "find model state " + name + " of tenant " + tenant,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + MODEL_STATE_COLUMNS
                        + " FROM discovery_model_state WHERE tenant = ? AND name = ?")) {
              ps.setString(1, tenant);
              ps.setString(2, name);
              return first(
                  ps,
                  rs ->
                      ModelState.builder()
                          .tenant(rs.getString("tenant"))
                          .name(rs.getString("name"))
                          .payload(rs.getString("payload"))
                          .updatedAt(getInstant(rs, "updated_at"))
                          .version(rs.getLong("version"))
                          .build());
            }
          });
    }

    @Override
    public ModelState save(ModelState state) {
      Objects.requireNonNull(state, "state");
      ModelState saved =
          ModelState.builder()
              .from(state)
              .updatedAt(micros(state.updatedAt()))
              .version(state.version() + 1)
              .build();
      return access.run(
          "save model state " + state.name() + " of tenant " + state.tenant(),
          c -> {
            saveVersioned(
                c,
                "discovery_model_state",
                MODEL_STATE_COLUMNS,
                new String[] {state.tenant(), state.name()},
                (ps, i) -> {
                  ps.setString(i++, state.payload());
                  setInstant(ps, i++, saved.updatedAt());
                  return i;
                },
                state.version(),
                "model state " + state.name() + " of tenant " + state.tenant(),
                "model state",
                state.name());
            return saved;
          });
    }
  }

  private final class Tracking implements TrackingStore {

    /**
     * Inserts the observation unless its (subject, tenant, profile, UTC day) has one. A repeat
     * never fails the statement where that would abort the caller's transaction: {@code ON CONFLICT
     * DO NOTHING} on PostgreSQL, a no-op {@code ON DUPLICATE KEY UPDATE} on MariaDB; on H2, which
     * fails only the statement, {@link #insert} catches the duplicate key.
     */
    @Override
    public void record(TrackingObservation observation) {
      Objects.requireNonNull(observation, "observation");
      TrackedSubject subject = observation.subject();
      ProfileId profile = observation.profile();
      String sql =
          "INSERT INTO discovery_tracking ("
              + TRACKING_COLUMNS
              + ") VALUES ("
              + placeholders(8)
              + ")"
              + (dialect == Dialect.MARIADB
                  ? " ON DUPLICATE KEY UPDATE epoch_day = epoch_day"
                  : ignoreConflicts());
      access.run(
          "record tracking of " + subject.kind() + " by profile " + profile,
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setString(1, sha(subject));
              ps.setString(2, subject.kind().name());
              ps.setString(3, subject.key());
              ps.setString(4, profile.tenant());
              ps.setString(5, profile.value());
              ps.setLong(6, Math.floorDiv(observation.at().getEpochSecond(), 86_400L));
              setInstant(ps, 7, observation.at());
              ps.setString(8, Json.stringSet(observation.industries()));
              return insert(ps);
            }
          });
    }

    /**
     * Finds the subjects by the hashes of their kind and key (the leading primary key column), one
     * bound parameter each, and checks the full subject on read.
     */
    @Override
    public List<AnonymousObservation> list(Collection<TrackedSubject> subjects, Instant since) {
      Set<TrackedSubject> wanted = TrackingSupport.distinctSubjects(subjects);
      Objects.requireNonNull(since, "since");
      if (wanted.isEmpty()) {
        return List.of();
      }
      List<String> shas = wanted.stream().map(SqlStorage::sha).toList();
      String sql =
          "SELECT "
              + TRACKING_COLUMNS
              + " FROM discovery_tracking WHERE subject_sha IN ("
              + placeholders(shas.size())
              + ") AND tracked_at >= ?"
              + TRACKING_ORDER;
      return access.run(
          "list the tracking of " + wanted.size() + " subject(s)",
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              int i = 1;
              for (String sha : shas) {
                ps.setString(i++, sha);
              }
              setInstant(ps, i, since);
              return all(ps, SqlStorage.this::trackingObservation).stream()
                  .filter(o -> wanted.contains(o.subject()))
                  .toList();
            }
          });
    }

    @Override
    public List<AnonymousObservation> list(Instant since, int limit) {
      Objects.requireNonNull(since, "since");
      checkLimit(limit);
      if (limit == 0) {
        return List.of();
      }
      return access.run(
          "list the tracking since " + since,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT "
                        + TRACKING_COLUMNS
                        + " FROM discovery_tracking WHERE tracked_at >= ?"
                        + TRACKING_ORDER
                        + limitClause())) {
              setInstant(ps, 1, since);
              ps.setInt(2, limit);
              return all(ps, SqlStorage.this::trackingObservation);
            }
          });
    }

    @Override
    public int deleteBefore(Instant before) {
      Objects.requireNonNull(before, "before");
      return access.run(
          "delete the tracking before " + before,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM discovery_tracking WHERE tracked_at < ?")) {
              setInstant(ps, 1, before);
              return ps.executeUpdate();
            }
          });
    }
  }
}
