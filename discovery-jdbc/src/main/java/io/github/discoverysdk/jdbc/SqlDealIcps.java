package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.deals.Icp;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenants' current ICPs of {@link SqlDealStore}: {@code discovery_icp}, one row per tenant, the
 * traits a JSON array ({@link DealJson#icpTraits}). A save is one upsert, a read one query by
 * primary key. Thread-safe when its {@link Access} is.
 */
final class SqlDealIcps {
  private static final List<String> COLUMNS =
      List.of("tenant", "won_deals", "lost_deals", "traits", "derived_at");

  private final Sql db;

  SqlDealIcps(Sql db) {
    this.db = db;
  }

  void save(Icp icp) {
    Objects.requireNonNull(icp, "icp");
    String sql = Sql.upsert(db.dialect(), "discovery_icp", COLUMNS, List.of("tenant"), null);
    String traits = DealJson.icpTraits(icp.traits());
    db.access()
        .atomic(
            "save the ICP of tenant " + icp.tenant(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, icp.tenant());
                ps.setInt(2, icp.won());
                ps.setInt(3, icp.lost());
                ps.setString(4, traits);
                db.setInstant(ps, 5, icp.derivedAt());
                ps.executeUpdate();
              }
              return null;
            });
  }

  Optional<Icp> find(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return db.access()
        .run(
            "find the ICP of tenant " + tenant,
            c ->
                Sql.one(
                    c,
                    "SELECT " + String.join(", ", COLUMNS) + " FROM discovery_icp WHERE tenant = ?",
                    this::icp,
                    tenant));
  }

  private Icp icp(ResultSet rs) throws SQLException {
    return new Icp(
        rs.getString("tenant"),
        rs.getInt("won_deals"),
        rs.getInt("lost_deals"),
        DealJson.readIcpTraits(rs.getString("traits")),
        db.getInstant(rs, "derived_at"));
  }
}
