package io.github.discoverysdk.benchmarks.insight;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.Storage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Loads the benchmark's data into a migrated PostgreSQL store: profiles and accounts through the
 * stores, then opportunities, their review cards, card records and some feedback with one {@code
 * INSERT ... SELECT FROM generate_series} each (the bulk path of a data migration), then {@code
 * VACUUM ANALYZE}. Opportunity {@code g} belongs to account {@code g % accounts}, whose owner is
 * {@code am-(account / accountsPerAm)}; publications spread over {@link #WEEKS} weeks before {@code
 * now}, cards 0 to 30 minutes later; review states cycle through NEW, PENDING_REVIEW, APPROVED,
 * REJECTED and ACTIVATED.
 */
final class InsightData {
  static final String TENANT = "bench";
  static final int WEEKS = 26;
  static final int PROFILES = 10;

  private InsightData() {}

  static String owner(int account, int accountsPerAm) {
    return "am-" + account / accountsPerAm;
  }

  static void load(
      Storage storage, DataSource ds, Instant now, int opportunities, int accounts, int perAm)
      throws SQLException {
    for (int p = 0; p < PROFILES; p++) {
      storage
          .profiles()
          .save(
              Profile.builder()
                  .tenant(TENANT)
                  .id(ProfileId.of(TENANT, "p-" + p))
                  .owner("am-0")
                  .name("profile " + p)
                  .addKeywords("signal")
                  .build());
    }
    for (int a = 0; a < accounts; a++) {
      storage
          .accounts()
          .save(
              Account.builder()
                  .tenant(TENANT)
                  .id("acc-" + a)
                  .name("Company " + a)
                  .owner(owner(a, perAm))
                  .addCompanies("Company " + a)
                  .createdAt(now)
                  .updatedAt(now)
                  .build());
    }
    long span = WEEKS * 7L * 86_400;
    // published = now - (g * 7919 mod span) seconds: spread evenly, not in id order.
    // Only numbers and an instant the code made become SQL text: no parameters needed.
    String published =
        "(TIMESTAMPTZ '" + now + "' - ((g::bigint * 7919) % " + span + ") * INTERVAL '1 second')";
    String carded = "(" + published + " + (g % 1800) * INTERVAL '1 second')";
    String opportunitiesSql =
        "INSERT INTO discovery_opportunity (tenant, id, profile_id, source_id, external_id,"
            + " signal_key_sha, signal_type, title, company, published_at, occurs_at, status,"
            + " score_total, strength, score, matches, temporal, signal_hash, created_at,"
            + " updated_at, last_seen_at, version, sort_score, sort_published, sort_urgency,"
            + " sort_outreach)"
            + " SELECT 'bench', 'o-' || g, 'p-' || (g % 10), 'src-' || (g % 5), 'x-' || g,"
            + " md5(g::text) || md5('k' || g), (ARRAY['NEWS','FUNDING','EVENT','JOB_POSTING'])[1 + g % 4],"
            + " 'Signal ' || g, 'Company ' || (g % "
            + accounts
            + "), "
            + published
            + ", "
            + published
            + ", (ARRAY['NEW','PENDING_REVIEW','APPROVED','REJECTED','APPROVED','DISMISSED','CONVERTED'])[1 + g % 7],"
            + " (g * 37) % 100, CASE WHEN (g * 37) % 100 >= 70 THEN 'STRONG' WHEN (g * 37) % 100"
            + " >= 45 THEN 'MEDIUM' ELSE 'WEAK' END, '{}', '[]', '{}', 'h', "
            + carded
            + ", "
            + carded
            + ", "
            + carded
            + ", 1, -((g * 37) % 100) * 1000, 0, g % 4, 0 FROM generate_series(0, "
            + (opportunities - 1)
            + ") g";
    String cardsSql =
        "INSERT INTO discovery_review_card (tenant, opportunity_id, account_id, state, notes,"
            + " created_at, updated_at, submitted_at, decided_at, queued_at, version)"
            + " SELECT 'bench', 'o-' || g, 'acc-' || (g % "
            + accounts
            + "),"
            + " (ARRAY['NEW','PENDING_REVIEW','APPROVED','REJECTED','ACTIVATED'])[1 + g % 5], '[]', "
            + carded
            + ", "
            + carded
            + ", CASE WHEN g % 5 = 0 THEN NULL ELSE "
            + carded
            + " END, CASE WHEN g % 5 >= 2 THEN "
            + carded
            + " + (g % 48) * INTERVAL '1 hour' END, "
            + carded
            + ", 1 FROM generate_series(0, "
            + (opportunities - 1)
            + ") g";
    String insightSql =
        "INSERT INTO discovery_insight_card (tenant, opportunity_id, account_id, source_id,"
            + " published_at, published_sec, fetched_at, carded_at, latency_ms, risk_flags,"
            + " evidence, breakdown, title, signal_type, strength, urgency, status, score_total,"
            + " signal_key_sha, review_state, submitted_at, decided_at, feedback_at)"
            + " SELECT 'bench', 'o-' || g, 'acc-' || (g % "
            + accounts
            + "), 'src-' || (g % 5), "
            + published
            + ", EXTRACT(EPOCH FROM "
            + published
            + ")::bigint, "
            + published
            + ", "
            + carded
            + ", (g % 1800) * 1000, CASE WHEN g % 11 = 0 THEN 1 << (g % 6) ELSE 0 END, 1,"
            + " CASE WHEN g % 50 = 0 THEN 0 ELSE 1 END,"
            // What InsightStore.refresh copies from the rows above (same expressions).
            + " 'Signal ' || g, (ARRAY['NEWS','FUNDING','EVENT','JOB_POSTING'])[1 + g % 4],"
            + " CASE WHEN (g * 37) % 100 >= 70 THEN 'STRONG' WHEN (g * 37) % 100 >= 45 THEN"
            + " 'MEDIUM' ELSE 'WEAK' END, g % 4,"
            + " (ARRAY['NEW','PENDING_REVIEW','APPROVED','REJECTED','APPROVED','DISMISSED','CONVERTED'])[1 + g % 7],"
            + " (g * 37) % 100, md5(g::text) || md5('k' || g),"
            + " (ARRAY['NEW','PENDING_REVIEW','APPROVED','REJECTED','ACTIVATED'])[1 + g % 5],"
            + " CASE WHEN g % 5 = 0 THEN NULL ELSE "
            + carded
            + " END, CASE WHEN g % 5 >= 2 THEN "
            + carded
            + " + (g % 48) * INTERVAL '1 hour' END, CASE WHEN g % 20 = 0 THEN "
            + carded
            + " + INTERVAL '2 hours' END FROM generate_series(0, "
            + (opportunities - 1)
            + ") g";
    String feedbackSql =
        "INSERT INTO discovery_feedback (tenant, opportunity_id, feedback_type, given_at)"
            + " SELECT 'bench', 'o-' || g, 'SAVE', "
            + carded
            + " + INTERVAL '2 hours' FROM generate_series(0, "
            + (opportunities - 1)
            + ", 20) g";
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      for (String sql : new String[] {opportunitiesSql, cardsSql, insightSql, feedbackSql}) {
        st.executeUpdate(sql);
      }
      st.execute("VACUUM ANALYZE");
    }
  }
}
