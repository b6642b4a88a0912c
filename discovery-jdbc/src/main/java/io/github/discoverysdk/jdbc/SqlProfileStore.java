package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.ProfileStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ProfileStore} in SQL. Thread-safe when its {@link Access} is. */
final class SqlProfileStore implements ProfileStore {
  private final Sql db;

  SqlProfileStore(Sql sql) {
    this.db = sql;
  }

  private static final String PROFILE_COLUMNS =
      "tenant, id, owner, name, enabled, frequency, min_confidence, criteria, alerts,"
          + " created_at, updated_at, version";

  private int bindProfile(PreparedStatement ps, int start, Profile p) throws SQLException {
    int i = start;
    ps.setString(i++, p.owner());
    ps.setString(i++, p.name());
    ps.setBoolean(i++, p.enabled());
    ps.setString(i++, p.frequency().name());
    ps.setDouble(i++, p.minConfidence());
    ps.setString(i++, Json.criteria(p));
    ps.setString(i++, Json.alerts(p.alerts()));
    db.setInstant(ps, i++, p.createdAt().orElse(null));
    db.setInstant(ps, i++, p.updatedAt().orElse(null));
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
    Optional.ofNullable(db.getInstant(rs, "created_at")).ifPresent(b::createdAt);
    Optional.ofNullable(db.getInstant(rs, "updated_at")).ifPresent(b::updatedAt);
    return b.build();
  }

  private static Profile micros(Profile p) {
    if (p.createdAt().map(i -> i != Sql.micros(i)).orElse(false)
        || p.updatedAt().map(i -> i != Sql.micros(i)).orElse(false)) {
      Profile.Builder b = Profile.builder().from(p);
      p.createdAt().map(Sql::micros).ifPresent(b::createdAt);
      p.updatedAt().map(Sql::micros).ifPresent(b::updatedAt);
      return b.build();
    }
    return p;
  }

  // ---- profiles

  @Override
  public Profile save(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    Profile saved = micros(Profile.builder().from(profile).version(profile.version() + 1).build());
    ProfileId id = profile.id();
    return db.access()
        .run(
            "save profile " + id,
            c -> {
              db.saveVersioned(
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

  /**
   * Saves the batch in a fixed number of statements ({@link SqlVersionedBatch}), atomically outside
   * a transaction; a batch that names a profile twice is saved row by row, in order.
   */
  @Override
  public List<Profile> saveAll(List<Profile> profiles) {
    Objects.requireNonNull(profiles, "profiles");
    profiles.forEach(p -> Objects.requireNonNull(p, "profiles must not contain null"));
    if (profiles.isEmpty()) {
      return List.of();
    }
    List<Profile> saved =
        profiles.stream()
            .map(p -> micros(Profile.builder().from(p).version(p.version() + 1).build()))
            .toList();
    List<SqlVersionedBatch.Row> rows = new java.util.ArrayList<>(saved.size());
    for (Profile p : saved) {
      rows.add(
          new SqlVersionedBatch.Row(
              p.id().tenant(),
              p.id().value(),
              p.version() - 1,
              (ps, i) -> bindProfile(ps, i, p),
              "profile " + p.id(),
              p.id()));
    }
    SqlVersionedBatch batch =
        new SqlVersionedBatch(db, "discovery_profile", PROFILE_COLUMNS, "profile");
    return db.access()
        .atomic(
            "save " + saved.size() + " profiles",
            c -> {
              if (SqlVersionedBatch.distinct(rows)) {
                batch.save(c, rows);
              } else {
                for (SqlVersionedBatch.Row r : rows) {
                  db.saveVersioned(
                      c,
                      "discovery_profile",
                      PROFILE_COLUMNS,
                      new String[] {r.tenant(), r.id()},
                      r.values(),
                      r.version(),
                      r.what(),
                      "profile",
                      r.name());
                }
              }
              return saved;
            });
  }

  @Override
  public Optional<Profile> find(ProfileId id) {
    Objects.requireNonNull(id, "id");
    return db.access()
        .run(
            "find profile " + id,
            c ->
                Sql.one(
                    c,
                    "SELECT "
                        + PROFILE_COLUMNS
                        + " FROM discovery_profile WHERE tenant = ? AND id = ?",
                    this::profile,
                    id.tenant(),
                    id.value()));
  }

  @Override
  public List<Profile> list(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return db.access()
        .run(
            "list profiles of tenant " + tenant,
            c ->
                Sql.many(
                    c,
                    "SELECT "
                        + PROFILE_COLUMNS
                        + " FROM discovery_profile WHERE tenant = ? ORDER BY id",
                    this::profile,
                    tenant));
  }

  @Override
  public boolean delete(ProfileId id) {
    Objects.requireNonNull(id, "id");
    // Opportunities and their feedback go with it: ON DELETE CASCADE. Its tracking observations
    // have no foreign key (they may name a profile the storage never saw) and go by hand.
    return db.access()
        .atomic(
            "delete profile " + id,
            c -> {
              String[] key = {id.tenant(), id.value()};
              if (Sql.update(c, "DELETE FROM discovery_profile WHERE tenant = ? AND id = ?", key)
                  == 0) {
                return false;
              }
              Sql.update(
                  c, "DELETE FROM discovery_tracking WHERE tenant = ? AND profile_id = ?", key);
              return true;
            });
  }

  // ---- scheduling

  /** The one statement not scoped by a tenant: it lists them. */
  @Override
  public List<String> tenants() {
    return db.access()
        .run(
            "list tenants",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT DISTINCT tenant FROM discovery_profile ORDER BY tenant")) {
                return Sql.all(ps, rs -> rs.getString(1));
              }
            });
  }
}
