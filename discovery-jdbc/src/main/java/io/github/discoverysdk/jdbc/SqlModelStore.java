package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.spi.ModelStore;
import java.sql.PreparedStatement;
import java.util.Objects;
import java.util.Optional;

/** {@link ModelStore} in SQL. Thread-safe when its {@link Access} is. */
final class SqlModelStore implements ModelStore {
  private final Sql db;

  SqlModelStore(Sql sql) {
    this.db = sql;
  }

  // ---- model state

  private static final String MODEL_STATE_COLUMNS = "tenant, name, payload, updated_at, version";

  @Override
  public Optional<ModelState> find(String tenant, String name) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    return db.access()
        .run(
            "find model state " + name + " of tenant " + tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT "
                          + MODEL_STATE_COLUMNS
                          + " FROM discovery_model_state WHERE tenant = ? AND name = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, name);
                return Sql.first(
                    ps,
                    rs ->
                        ModelState.builder()
                            .tenant(rs.getString("tenant"))
                            .name(rs.getString("name"))
                            .payload(rs.getString("payload"))
                            .updatedAt(db.getInstant(rs, "updated_at"))
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
            .updatedAt(Sql.micros(state.updatedAt()))
            .version(state.version() + 1)
            .build();
    return db.access()
        .run(
            "save model state " + state.name() + " of tenant " + state.tenant(),
            c -> {
              db.saveVersioned(
                  c,
                  "discovery_model_state",
                  MODEL_STATE_COLUMNS,
                  new String[] {state.tenant(), state.name()},
                  (ps, i) -> {
                    ps.setString(i++, state.payload());
                    db.setInstant(ps, i++, saved.updatedAt());
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
