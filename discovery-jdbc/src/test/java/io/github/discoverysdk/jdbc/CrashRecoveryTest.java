package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill the engine at any point, start it again, and it ends where an uninterrupted run ends: the
 * engine runs in a JVM of its own ({@link CrashWorker}) on an H2 file database or on the embedded
 * PostgreSQL (a server that outlives the worker), is halted at each instrumented point (inside a
 * fetch, before a batch is written, between the batch and its watermark, after the watermark before
 * the commit, after a commit, between an alert's delivery and its outbox update) and also killed
 * ({@code destroyForcibly}, SIGKILL) at random times; a second start completes the work. Then the
 * opportunities, signals and watermark equal those of an uninterrupted run, no natural key is
 * stored twice, every outbox entry is SENT and every alert was delivered at least once (a kill
 * between delivery and update may deliver one twice).
 *
 * <p>CI kills {@value #CI_KILLS} times per store at random; {@code -Ddiscovery.test.crashKills=20}
 * (or more) is the nightly size. Each store's figures (kills, missing, duplicate) are printed at
 * the end of its random test.
 */
class CrashRecoveryTest {
  static final int CI_KILLS = 4;
  private static Outcome golden;
  private static TestDatabase postgres;

  /** What a database holds at the end, and what the alert file received. */
  private record Outcome(
      Set<String> opportunities,
      int opportunityRows,
      int signals,
      Set<String> alerts,
      List<OutboxEntry> unsent,
      Set<String> delivered) {}

  /** One store under test: what the worker is given, and how the test empties and reads it. */
  private record Store(String name, Path dir) {
    String target(int round) {
      return name.equals("h2") ? dir.resolve("db" + round).toString() : postgres.jdbcUrl();
    }

    void reset() throws Exception {
      if (!name.equals("h2")) {
        postgres.empty();
      }
    }

    Outcome read(int round, Path file) throws IOException {
      if (name.equals("h2")) {
        try (JdbcStorage storage = JdbcStorage.h2File(dir.resolve("db" + round))) {
          return CrashRecoveryTest.read(storage, file);
        }
      }
      return CrashRecoveryTest.read(
          JdbcStorage.builder().dataSource(postgres.dataSource()).build(), file);
    }
  }

  @BeforeAll
  static void uninterrupted(@TempDir Path dir) throws Exception {
    postgres = TestDatabase.postgres();
    Path db = dir.resolve("db");
    Path file = dir.resolve("alerts.txt");
    Path log = dir.resolve("golden.log");
    assertThat(exitCode(worker(db.toString(), file, log, 0, Optional.empty())))
        .as(() -> log(log))
        .isZero();
    try (JdbcStorage storage = JdbcStorage.h2File(db)) {
      golden = read(storage, file);
    }
    assertThat(golden.opportunities()).hasSize(CrashWorker.RECORDS);
    assertThat(golden.alerts()).hasSize(CrashWorker.RECORDS);
    assertThat(golden.delivered()).isEqualTo(golden.alerts());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  static Stream<Arguments> haltPoints() {
    List<Arguments> out = new ArrayList<>();
    for (String store : List.of("h2", "postgres")) {
      for (String point :
          List.of(
              "fetch:4", "signals:3", "watermark:5", "written:7", "committed:9", "sending:40")) {
        out.add(Arguments.of(store, point));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} halted at {1}")
  @MethodSource("haltPoints")
  void aHaltAtAnInstrumentedPointResumesToTheSameResult(
      String storeName, String point, @TempDir Path dir) throws Exception {
    Store store = new Store(storeName, dir);
    store.reset();
    Path file = dir.resolve("alerts.txt");
    Path log = dir.resolve("worker.log");

    assertThat(exitCode(worker(store.target(0), file, log, 0, Optional.of(point))))
        .as(() -> log(log))
        .isEqualTo(CrashWorker.HALTED);
    Outcome halted = store.read(0, file);
    assertThat(halted.opportunities())
        .as("work left after the halt")
        .isNotEqualTo(golden.opportunities());

    assertThat(exitCode(worker(store.target(0), file, log, 1, Optional.empty())))
        .as(() -> log(log))
        .isZero();
    assertSameAsUninterrupted(store.read(0, file));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void sigkillAtRandomTimesResumesToTheSameResult(String storeName, @TempDir Path dir)
      throws Exception {
    Store store = new Store(storeName, dir);
    int kills = Integer.getInteger("discovery.test.crashKills", CI_KILLS);
    Random random = new Random(20261122L + storeName.hashCode());
    int missing = 0;
    int duplicates = 0;
    int redelivered = 0;
    int killedLive = 0;
    for (int round = 0; round < kills; round++) {
      store.reset();
      Path file = dir.resolve("alerts" + round + ".txt");
      Path log = dir.resolve("worker" + round + ".log");
      // From the very first start: a kill may land while an H2 schema is being created.
      Process p = worker(store.target(round), file, log, 1, Optional.empty());
      // From JVM start-up to the outbox's last delivery: a worker's whole life is a few seconds.
      p.waitFor(300 + random.nextInt(6_000), TimeUnit.MILLISECONDS);
      if (p.isAlive()) {
        killedLive++;
      }
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);

      assertThat(exitCode(worker(store.target(round), file, log, 2, Optional.empty())))
          .as(() -> log(log))
          .isZero();
      Outcome o = store.read(round, file);
      Set<String> lost = new TreeSet<>(golden.opportunities());
      lost.removeAll(o.opportunities());
      missing += lost.size();
      duplicates += o.opportunityRows() - o.opportunities().size();
      redelivered += deliveredTwice(file);
      assertSameAsUninterrupted(o);
    }
    System.out.printf(
        "crash suite on %s: %d kills (%d before the worker ended), %d missing, %d duplicate"
            + " opportunities, %d alerts delivered twice (at least once allows it)%n",
        storeName, kills, killedLive, missing, duplicates, redelivered);
  }

  private static int deliveredTwice(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file);
    return lines.size() - new HashSet<>(lines).size();
  }

  private static void assertSameAsUninterrupted(Outcome o) {
    assertThat(o.opportunities()).isEqualTo(golden.opportunities());
    assertThat(o.opportunityRows()).as("rows per natural key").isEqualTo(o.opportunities().size());
    assertThat(o.signals()).isEqualTo(golden.signals());
    assertThat(o.alerts()).isEqualTo(golden.alerts());
    assertThat(o.unsent()).as("outbox entries not SENT").isEmpty();
    assertThat(o.delivered()).as("alerts delivered at least once").containsAll(o.alerts());
  }

  private static Process worker(
      String target, Path file, Path log, int start, Optional<String> crashAt) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A worker lives a few seconds: C1 only and the serial collector halve its CPU time, and
    // this suite starts about forty of them.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashWorker.class.getName());
    command.add(target);
    command.add(file.toString());
    command.add(Integer.toString(start));
    crashAt.ifPresent(command::add);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static int exitCode(Process p) throws InterruptedException {
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the worker did not finish within 120 s");
    }
    return p.exitValue();
  }

  /** The worker's output so far, to explain a failure. */
  private static String log(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static Outcome read(JdbcStorage storage, Path file) throws IOException {
    Set<String> keys = new TreeSet<>();
    int rows = 0;
    Optional<String> cursor = Optional.empty();
    do {
      Page<Opportunity> page =
          storage
              .opportunities()
              .feed(
                  FeedQuery.forProfile(CrashWorker.PROFILE)
                      .limit(FeedQuery.MAX_LIMIT)
                      .cursor(cursor)
                      .build());
      for (Opportunity o : page.items()) {
        keys.add(o.signalKey() + "|" + o.signalHash());
        rows++;
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    List<OutboxEntry> outbox = storage.outbox().list(CrashWorker.TENANT, 10_000);
    Set<String> delivered = Files.exists(file) ? new HashSet<>(Files.readAllLines(file)) : Set.of();
    return new Outcome(
        keys,
        rows,
        storage.signals().list(CrashWorker.TENANT, Instant.EPOCH, 10_000).size(),
        new TreeSet<>(outbox.stream().map(OutboxEntry::dedupeKey).toList()),
        outbox.stream().filter(e -> e.status() != OutboxStatus.SENT).toList(),
        delivered);
  }
}
