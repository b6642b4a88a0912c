package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.recordjobs.Records;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.QueueRule;
import io.github.discoverysdk.records.RecordCursor;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.RecordRead;
import io.github.discoverysdk.records.SourceRow;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JdbcRecordSource} on H2 in MySQL mode, PostgreSQL (in-process) and MariaDB (when {@code
 * DISCOVERY_TEST_MARIADB_URL} is set): keyset paging across ties, the safety window, and typed
 * errors naming the setting.
 */
class JdbcRecordSourceTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static TestDatabase postgres;
  private static TestDatabase mariaDb;

  static Stream<String> databases() {
    return Stream.of("h2", "postgresql", "mariadb");
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  private static Replica replica(String database) throws Exception {
    switch (database) {
      case "h2":
        return Replica.h2MySql();
      case "postgresql":
        if (postgres == null) {
          postgres = TestDatabase.postgres();
        }
        return new Replica(Dialect.POSTGRESQL, postgres.dataSource());
      default:
        String url = System.getenv(TestDatabase.MARIADB_URL);
        Assumptions.assumeTrue(
            (url != null && !url.isBlank())
                || "true".equalsIgnoreCase(System.getenv(TestDatabase.MARIADB_REQUIRED)),
            "MariaDB not configured");
        if (mariaDb == null) {
          mariaDb = TestDatabase.mariaDbUnmigrated("");
        }
        return new Replica(Dialect.MARIADB, mariaDb.dataSource());
    }
  }

  private static List<String> readAll(JdbcRecordSource source, int pageSize) {
    List<String> keys = new ArrayList<>();
    RecordCursor cursor = RecordCursor.start();
    for (int guard = 0; guard < 1_000; guard++) {
      List<SourceRow> page = source.read(new RecordRead(cursor, pageSize));
      page.forEach(r -> keys.add(r.key()));
      if (page.size() < pageSize) {
        return keys;
      }
      cursor = page.get(page.size() - 1).cursor();
    }
    throw new AssertionError("paging did not end");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rowsSharingOneTimestampAcrossAPageBoundaryAreNeitherMissedNorRepeated(String database)
      throws Exception {
    Replica replica = replica(database);
    List<String> expected = new ArrayList<>();
    replica.put(1, "unsigned", "a", T0.minusSeconds(1));
    expected.add("1");
    // 25 rows on one timestamp, keys 2..26 (numeric order differs from text order: 9 < 10).
    for (long id = 2; id <= 26; id++) {
      replica.put(id, "unsigned", "a", T0);
      expected.add(Long.toString(id));
    }
    replica.put(27, "signed", "b", T0.plusNanos(1_000));
    expected.add("27");

    for (int pageSize : new int[] {1, 7, 10, 25, 26, 100}) {
      assertThat(readAll(replica.source().build(), pageSize))
          .as("page size %d", pageSize)
          .containsExactlyElementsOf(expected);
    }
    List<SourceRow> first = replica.source().build().read(new RecordRead(RecordCursor.start(), 2));
    assertThat(first.get(1).state()).containsEntry("status", "unsigned");
    assertThat(first.get(1).owner()).contains("a");
    assertThat(first.get(1).updatedAt()).isEqualTo(T0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRowCommittedLateWithAnOlderTimestampInsideTheSafetyWindowIsSeen(String database)
      throws Exception {
    Replica replica = replica(database);
    MutableClock clock = MutableClock.at(T0.plusSeconds(60));
    InMemoryStorage storage = InMemoryStorage.create();
    RecordJob withWindow =
        RecordJob.tracking("acme", "users-window", replica.source().build())
            .safetyWindow(Duration.ofMinutes(5))
            .addQueue(new QueueRule("unsigned_users", States.is("status", "unsigned")))
            .build();
    RecordJob withoutWindow =
        RecordJob.tracking("acme", "users-none", replica.source().id("users2").build())
            .safetyWindow(Duration.ZERO)
            .build();
    Records records =
        new Records(
            storage,
            clock,
            List.of(withWindow, withoutWindow),
            List.of(),
            "e1",
            new io.github.discoverysdk.internal.Gate("test"));
    replica.put(1, "unsigned", "a", T0);
    replica.put(2, "unsigned", "a", T0.plusSeconds(30));
    records.run("acme", "users-window");
    records.run("acme", "users-none");

    // Committed now, stamped 20 s before the last row read: replica lag, a long transaction.
    replica.put(3, "unsigned", "a", T0.plusSeconds(10));
    clock.advance(Duration.ofMinutes(1));
    RecordJobHealth health = records.run("acme", "users-window");
    records.run("acme", "users-none");

    assertThat(health.newRecords()).isEqualTo(1);
    assertThat(storage.records().find("acme", "users", List.of("1", "2", "3"))).hasSize(3);
    assertThat(storage.records().find("acme", "users2", List.of("3"))).isEmpty();
    assertThat(
            records.queue("acme", QueueQuery.of("users", "unsigned_users", 10)).stream()
                .map(r -> r.key()))
        .containsExactly("1", "2", "3");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aMissingOrDisappearingColumnFailsNamingTheSetting(String database) throws Exception {
    Replica replica = replica(database);
    replica.put(1, "unsigned", "a", T0);

    assertThatThrownBy(() -> replica.source().stateColumns("stage").build().validate())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("record source users: stateColumns: column stage")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> replica.source().timestampColumn("modified").build().validate())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("timestampColumn");
    assertThatThrownBy(() -> replica.source().table("users; DROP TABLE users").build().validate())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("table: table users; DROP TABLE users does not exist");
    assertThatThrownBy(() -> replica.source().keyColumn("id\" OR 1=1 --").build().validate())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("keyColumn");

    JdbcRecordSource source = replica.source().stateColumns("note").build();
    source.validate();
    assertThat(source.read(new RecordRead(RecordCursor.start(), 10))).hasSize(1);
    replica.execute("ALTER TABLE users DROP COLUMN note");
    assertThatThrownBy(() -> source.read(new RecordRead(RecordCursor.start(), 10)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("stateColumns: column note of table users does not exist");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aTransitionAndItsReversalAreEachRecordedOnce(String database) throws Exception {
    Replica replica = replica(database);
    MutableClock clock = MutableClock.at(T0);
    InMemoryStorage storage = InMemoryStorage.create();
    RecordJob job =
        RecordJob.tracking("acme", "conversions", replica.source().build())
            .addTransition(
                new TransitionRule(
                    "signed",
                    States.isNot("status", "signed"),
                    States.is("status", "signed"),
                    "signed",
                    1))
            .addTransition(
                new TransitionRule(
                    "unsigned",
                    States.is("status", "signed"),
                    States.isNot("status", "signed"),
                    "reversal",
                    -1))
            .build();
    Records records =
        new Records(
            storage,
            clock,
            List.of(job),
            List.of(),
            "e1",
            new io.github.discoverysdk.internal.Gate("test"));
    replica.put(1, "unsigned", "a", T0);
    records.run("acme", "conversions");
    clock.advance(Duration.ofMinutes(1));
    replica.put(1, "signed", "a", clock.instant());
    records.run("acme", "conversions");
    records.run("acme", "conversions");
    clock.advance(Duration.ofMinutes(1));
    replica.put(1, "unsigned", "a", clock.instant());
    records.run("acme", "conversions");
    clock.advance(Duration.ofMinutes(1));
    replica.put(1, "signed", "a", clock.instant());
    records.run("acme", "conversions");

    assertThat(records.conversions("acme", 0, 10))
        .extracting(c -> c.id())
        .containsExactly("users/1/signed/2", "users/1/unsigned/3", "users/1/signed/4");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aCrashBetweenTheStateWriteAndTheDeliveryLeavesExactlyOneConversionInTheSqlStore(
      String database) throws Exception {
    Replica replica = replica(database);
    MutableClock clock = MutableClock.at(T0);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    io.github.discoverysdk.spi.OutcomeListener crashingOnce =
        new io.github.discoverysdk.spi.OutcomeListener() {
          @Override
          public void onFeedback(
              io.github.discoverysdk.model.Opportunity o,
              io.github.discoverysdk.model.Feedback f,
              io.github.discoverysdk.spi.Storage tx) {}

          @Override
          public void onConversion(
              io.github.discoverysdk.records.Conversion c, io.github.discoverysdk.spi.Storage tx) {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("killed");
            }
          }
        };
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      RecordJob job =
          RecordJob.tracking("acme", "conversions", replica.source().build())
              .addTransition(
                  new TransitionRule(
                      "signed",
                      States.isNot("status", "signed"),
                      States.is("status", "signed"),
                      "signed",
                      1))
              .build();
      Records records =
          new Records(
              storage,
              clock,
              List.of(job),
              List.of(crashingOnce),
              "e1",
              new io.github.discoverysdk.internal.Gate("test"));
      replica.put(1, "unsigned", "a", T0);
      records.run("acme", "conversions");
      clock.advance(Duration.ofMinutes(1));
      replica.put(1, "signed", "a", clock.instant());

      assertThatThrownBy(() -> records.run("acme", "conversions")).hasMessageContaining("killed");
      assertThat(records.health("acme").get(0).errors()).isEqualTo(1);
      records.run("acme", "conversions");
      records.run("acme", "conversions");

      assertThat(records.conversions("acme", 0, 10))
          .extracting(c -> c.id())
          .containsExactly("users/1/signed/2");
      assertThat(calls.get()).isEqualTo(2);
    }
  }
}
