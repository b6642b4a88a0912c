package io.github.discoverysdk.samples.leadqueue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.RecordJobHealth;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sample on its embedded defaults (H2 for both sides, the record side in MySQL mode), and on
 * real servers: MariaDB as the replica ({@code DISCOVERY_TEST_MARIADB_URL}, started by {@code
 * .ci/run}) and an in-process PostgreSQL as the engine's store.
 */
class LeadQueueTest {
  private static void assertEveryConversionFound(LeadQueue.Result result, String out) {
    assertThat(result.signingsMade()).isPositive();
    assertThat(result.approvalsMade()).isPositive();
    assertThat(result.conversions().stream().filter(c -> c.conversionType().equals("signed")))
        .hasSize((int) result.signingsMade());
    assertThat(result.conversions().stream().filter(c -> c.conversionType().equals("approved")))
        .hasSize((int) result.approvalsMade());
    assertThat(result.health()).hasSize(6).allSatisfy(h -> assertThat(h.errors()).isZero());
    assertThat(result.health().stream().filter(h -> !h.job().startsWith("aging")))
        .allSatisfy(h -> assertThat(h.lastRunAt()).isPresent());
    assertThat(result.unsignedQueue()).isPositive();
    assertThat(out)
        .contains("unsigned-conversions")
        .contains(
            "Conversions found: "
                + result.signingsMade()
                + " signed (the generator made "
                + result.signingsMade()
                + ")");
  }

  @Test
  void onTheEmbeddedDefaultsEveryConversionIsFoundAndEachJobReportsItsHealth() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (HikariDataSource replica =
            LeadQueue.pool(
                "jdbc:h2:mem:lq-"
                    + UUID.randomUUID()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.h2InMemory()) {
      LeadQueue.Result result =
          LeadQueue.run(
              new PrintStream(bytes, true, StandardCharsets.UTF_8),
              replica,
              false,
              storage,
              500,
              4);
      assertEveryConversionFound(result, bytes.toString(StandardCharsets.UTF_8));
      RecordJobHealth newUsers = result.health().get(0);
      assertThat(newUsers.job()).isEqualTo("new-users");
      assertThat(newUsers.newRecords()).isPositive();
    }
  }

  @Test
  void onMariaDbAsTheReplicaAndPostgresAsTheStoreEveryConversionIsFound() throws Exception {
    String url = System.getenv("DISCOVERY_TEST_MARIADB_URL");
    if (url == null || url.isBlank()) {
      Assumptions.assumeFalse(
          "true".equalsIgnoreCase(System.getenv("DISCOVERY_TEST_MARIADB_REQUIRED")),
          "DISCOVERY_TEST_MARIADB_REQUIRED=true but DISCOVERY_TEST_MARIADB_URL is not set");
      Assumptions.abort("DISCOVERY_TEST_MARIADB_URL is not set: MariaDB run skipped");
    }
    String database =
        "lead_queue_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }
    String replicaUrl = url.replaceFirst("(//[^/]+/)[^?]*", "$1" + database);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        HikariDataSource replica = LeadQueue.pool(replicaUrl);
        HikariDataSource store = LeadQueue.pool(pg.getJdbcUrl("postgres", "postgres"));
        JdbcStorage storage = JdbcStorage.builder().dataSource(store).build()) {
      storage.migrate();
      LeadQueue.Result result =
          LeadQueue.run(
              new PrintStream(bytes, true, StandardCharsets.UTF_8), replica, true, storage, 300, 3);
      assertEveryConversionFound(result, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + database);
      }
    }
  }
}
