package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Page;
import java.io.File;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill the engine at any point, start it again, and it ends where an uninterrupted run ends: the
 * engine runs in a JVM of its own ({@link CrashWorker}) on an H2 file database, is halted at each
 * instrumented point (inside a fetch, before a batch is written, between the batch and its
 * watermark, after the watermark before the commit, after a commit, between an alert's delivery and
 * its outbox update) and also killed ({@code destroyForcibly}, SIGKILL) at random times; a second
 * start completes the work. Then the opportunities, signals and watermark equal those of an
 * uninterrupted run, no natural key is stored twice, every outbox entry is SENT and every alert was
 * delivered at least once (a kill between delivery and update may deliver one twice).
 */
class CrashRecoveryTest {
  private static Outcome golden;

  /** What a database holds at the end, and what the alert file received. */
  private record Outcome(
      Set<String> opportunities,
      int opportunityRows,
      int signals,
      Set<String> alerts,
      List<OutboxEntry> unsent,
      Set<String> delivered) {}

  @BeforeAll
  static void uninterrupted(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("db");
    Path file = dir.resolve("alerts.txt");
    assertThat(exitCode(worker(db, file, 0, Optional.empty()))).as(() -> log(db)).isZero();
    golden = read(db, file);
    assertThat(golden.opportunities()).hasSize(CrashWorker.RECORDS);
    assertThat(golden.alerts()).hasSize(CrashWorker.RECORDS);
    assertThat(golden.delivered()).isEqualTo(golden.alerts());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fetch:4", "signals:3", "watermark:5", "written:7", "committed:9", "sending:40"})
  void aHaltAtAnInstrumentedPointResumesToTheSameResult(String point, @TempDir Path dir)
      throws Exception {
    Path db = dir.resolve("db");
    Path file = dir.resolve("alerts.txt");

    assertThat(exitCode(worker(db, file, 0, Optional.of(point))))
        .as(() -> log(db))
        .isEqualTo(CrashWorker.HALTED);
    Outcome halted = read(db, file);
    assertThat(halted.opportunities())
        .as("work left after the halt")
        .isNotEqualTo(golden.opportunities());

    assertThat(exitCode(worker(db, file, 1, Optional.empty()))).as(() -> log(db)).isZero();
    assertSameAsUninterrupted(read(db, file));
  }

  @Test
  void sigkillAtRandomTimesResumesToTheSameResult(@TempDir Path dir) throws Exception {
    Random random = new Random(20261122);
    for (int round = 0; round < 4; round++) {
      Path db = dir.resolve("db" + round);
      Path file = dir.resolve("alerts" + round + ".txt");
      // From the very first start: a kill may land while the schema is being created.
      Process p = worker(db, file, 1, Optional.empty());
      p.waitFor(300 + random.nextInt(3_000), TimeUnit.MILLISECONDS);
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);

      assertThat(exitCode(worker(db, file, 2, Optional.empty()))).as(() -> log(db)).isZero();
      assertSameAsUninterrupted(read(db, file));
    }
  }

  private static void assertSameAsUninterrupted(Outcome o) {
    assertThat(o.opportunities()).isEqualTo(golden.opportunities());
    assertThat(o.opportunityRows()).as("rows per natural key").isEqualTo(o.opportunities().size());
    assertThat(o.signals()).isEqualTo(golden.signals());
    assertThat(o.alerts()).isEqualTo(golden.alerts());
    assertThat(o.unsent()).as("outbox entries not SENT").isEmpty();
    assertThat(o.delivered()).as("alerts delivered at least once").containsAll(o.alerts());
  }

  private static Process worker(Path db, Path file, int start, Optional<String> crashAt)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashWorker.class.getName());
    command.add(db.toString());
    command.add(file.toString());
    command.add(Integer.toString(start));
    crashAt.ifPresent(command::add);
    File log = db.resolveSibling(db.getFileName() + ".log").toFile();
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
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
  private static String log(Path db) {
    try {
      return Files.readString(db.resolveSibling(db.getFileName() + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static Outcome read(Path db, Path file) throws IOException {
    try (JdbcStorage storage = JdbcStorage.h2File(db)) {
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
      Set<String> delivered =
          Files.exists(file) ? new HashSet<>(Files.readAllLines(file)) : Set.of();
      return new Outcome(
          keys,
          rows,
          storage.signals().list(CrashWorker.TENANT, Instant.EPOCH, 10_000).size(),
          new TreeSet<>(outbox.stream().map(OutboxEntry::dedupeKey).toList()),
          outbox.stream().filter(e -> e.status() != OutboxStatus.SENT).toList(),
          delivered);
    }
  }
}
