package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SignalWrite;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/** {@link SignalStore} in SQL. Thread-safe when its {@link Access} is. */
final class SqlSignalStore implements SignalStore {
  private final Sql db;
  private final String signalUpsert;

  SqlSignalStore(Sql sql) {
    this.db = sql;
    this.signalUpsert = signalUpsert(db.dialect());
  }

  private static final String SIGNAL_COLUMNS =
      "tenant, source_id, external_id, signal_type, title, body, url, published_at, observed_at,"
          + " event, organizations, people, industries, regions, content_hash, language, themes";
  private static final List<String> SIGNAL_COLUMN_LIST = Sql.split(SIGNAL_COLUMNS);

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
          + " ?::text[], ?::text[], ?::text[], ?::varchar[], ?::varchar[], ?::text[])"
          + " WITH ORDINALITY AS i (source_id, external_id, signal_type, title, body, url,"
          + " published_at, observed_at, event, organizations, people, industries, regions,"
          + " content_hash, language, themes, ord)),"
          + " up AS (INSERT INTO discovery_signal ("
          + SIGNAL_COLUMNS
          + ") SELECT ?, source_id, external_id, signal_type, title, body, url, published_at,"
          + " observed_at, event, organizations, people, industries, regions, content_hash,"
          + " language, themes FROM input ORDER BY ord ON CONFLICT (tenant, source_id, external_id) DO UPDATE SET "
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
      columns[k++][r] = s.contentHash();
      columns[k++][r] = s.language().orElse(null);
      columns[k][r] = Json.themes(s.themes());
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
    return PG_TIMESTAMP.format(LocalDateTime.ofInstant(Sql.micros(i), ZoneOffset.UTC));
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
      for (int from = 0; from < ids.size(); from += Sql.IN_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Sql.IN_CHUNK));
        String sql =
            "SELECT external_id, content_hash, observed_at FROM discovery_signal"
                + " WHERE tenant = ? AND source_id = ? AND external_id IN ("
                + Sql.placeholders(chunk.size())
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
                  new Stored(rs.getString(2), db.getInstant(rs, 3)));
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
    db.setInstant(ps, i++, s.publishedAt());
    db.setInstant(ps, i++, s.observedAt());
    ps.setString(i++, s.event().map(Json::event).orElse(null));
    ps.setString(i++, Json.organizations(s.organizations()));
    ps.setString(i++, Json.people(s.people()));
    ps.setString(i++, Json.stringSet(s.industries()));
    ps.setString(i++, Json.stringSet(s.regions()));
    ps.setString(i++, s.contentHash());
    ps.setString(i++, s.language().orElse(null));
    ps.setString(i, Json.themes(s.themes()));
  }

  private Signal signal(ResultSet rs) throws SQLException {
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(rs.getString("source_id"), rs.getString("external_id")))
            .type(SignalType.valueOf(rs.getString("signal_type")))
            .title(rs.getString("title"))
            .text(rs.getString("body"))
            .publishedAt(db.getInstant(rs, "published_at"))
            .observedAt(db.getInstant(rs, "observed_at"))
            .organizations(Json.readOrganizations(rs.getString("organizations")))
            .people(Json.readPeople(rs.getString("people")))
            .industries(Json.readStrings(rs.getString("industries")))
            .regions(Json.readStrings(rs.getString("regions")))
            .themes(Json.readThemes(rs.getString("themes")));
    Optional.ofNullable(rs.getString("language")).ifPresent(b::language);
    Optional.ofNullable(rs.getString("url")).map(URI::create).ifPresent(b::url);
    Optional.ofNullable(rs.getString("event")).map(Json::readEvent).ifPresent(b::event);
    return b.build();
  }

  // ---- SQL helpers

  /**
   * The batched signal upsert of {@link #upsertAll}, which has judged each row against what it read
   * first; the statement guards again against a newer version written since that read, so that an
   * older observation never replaces a newer one. On PostgreSQL the row is updated only when
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
      return Sql.upsert(
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
        + Sql.placeholders(SIGNAL_COLUMN_LIST.size())
        + ") ON DUPLICATE KEY UPDATE "
        + set;
  }

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
   * stored one), skips the rest, and says which rows it inserted and which it updated; for updated
   * rows the same statement reads the hash they had before it. Otherwise (MariaDB, H2, or a batch
   * that repeats a key) in three steps: one query loads the stored content hashes of the batch's
   * keys; each signal is judged NEW, CHANGED or UNCHANGED against them (and against the batch's
   * earlier signals of the same key); one batched upsert writes the last version of each key that
   * is new, changed or observed later, and skips the rest. MariaDB cannot judge from the upsert
   * itself: its affected-rows count reports an unchanged row as 1, like an insert, unless the
   * host's URL sets {@code useAffectedRows=true}, and a rewritten batch reports no counts at all.
   */
  @Override
  public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signals, "signals");
    signals.forEach(s -> Objects.requireNonNull(s, "signals must not contain null"));
    if (signals.isEmpty()) {
      return List.of();
    }
    boolean oneStatement = db.dialect() == Dialect.POSTGRESQL && oneStatementFits(signals);
    return db.access()
        .atomic(
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
                Instant observed = Sql.micros(s.observedAt());
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
    return db.access()
        .run(
            "find signal " + key,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + SIGNAL_COLUMNS
                        + " FROM discovery_signal"
                        + " WHERE tenant = ? AND source_id = ? AND external_id = ?",
                    this::signal,
                    tenant,
                    key.sourceId(),
                    key.externalId()));
  }

  /**
   * One query per {@link Sql#IN_CHUNK} distinct keys through the primary key: the chunk's sources
   * and external ids as two IN lists, whose cross product may name rows that were not asked for;
   * those are dropped here. The answer follows the order of {@code keys}.
   */
  @Override
  public Map<SignalKey, Signal> findAll(String tenant, Collection<SignalKey> keys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(keys, "keys");
    keys.forEach(k -> Objects.requireNonNull(k, "keys must not contain null"));
    List<SignalKey> distinct = List.copyOf(new java.util.LinkedHashSet<>(keys));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<SignalKey, Signal> found =
        db.access()
            .run(
                "find " + distinct.size() + " signal(s) of tenant " + tenant,
                c -> {
                  Map<SignalKey, Signal> rows = new HashMap<>();
                  for (int from = 0; from < distinct.size(); from += Sql.IN_CHUNK) {
                    List<SignalKey> chunk =
                        distinct.subList(from, Math.min(distinct.size(), from + Sql.IN_CHUNK));
                    List<String> sources =
                        chunk.stream().map(SignalKey::sourceId).distinct().toList();
                    List<String> ids =
                        chunk.stream().map(SignalKey::externalId).distinct().toList();
                    String sql =
                        "SELECT "
                            + SIGNAL_COLUMNS
                            + " FROM discovery_signal WHERE tenant = ? AND source_id IN ("
                            + Sql.placeholders(sources.size())
                            + ") AND external_id IN ("
                            + Sql.placeholders(ids.size())
                            + ")";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                      int i = 1;
                      ps.setString(i++, tenant);
                      for (String s : sources) {
                        ps.setString(i++, s);
                      }
                      for (String id : ids) {
                        ps.setString(i++, id);
                      }
                      for (Signal s : Sql.all(ps, this::signal)) {
                        rows.put(s.key(), s);
                      }
                    }
                  }
                  return rows;
                });
    Map<SignalKey, Signal> out = new LinkedHashMap<>();
    for (SignalKey k : distinct) {
      Signal s = found.get(k);
      if (s != null) {
        out.put(k, s);
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public List<Signal> list(String tenant, Instant since, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(since, "since");
    Sql.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    return db.access()
        .run(
            "list signals of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + SIGNAL_COLUMNS
                          + " FROM discovery_signal WHERE tenant = ? AND published_at >= ?"
                          + " ORDER BY published_at DESC, source_id, external_id"
                          + Sql.limitClause())) {
                ps.setString(1, tenant);
                db.setInstant(ps, 2, since);
                ps.setInt(3, limit);
                return Sql.all(ps, this::signal);
              }
            });
  }
}
