package io.github.discoverysdk.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingOutboxStore;
import io.github.discoverysdk.storage.ForwardingSignalStore;
import io.github.discoverysdk.storage.ForwardingSourceStateStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine in a JVM of its own, for {@link CrashRecoveryTest}: discovers a deterministic feed of
 * {@value #RECORDS} signals into an H2 file database, 50 per run, until a run fetches nothing,
 * delivering an alert per new opportunity to a file (forced to disk before the engine marks it
 * sent). With a crash point it halts the JVM there, as {@code kill -9} would: no shutdown hooks, no
 * commit, no flush.
 *
 * <p>Arguments: the database (an H2 folder, or the {@code jdbc:postgresql:} URL of a migrated
 * database that outlives this JVM), the deliveries file, the number of this start (0, 1...), and
 * optionally a crash point {@code name:n} (the n-th time the point is reached): {@code fetch}
 * (inside the source's fetch), {@code signals} (before a batch of signals is written), {@code
 * watermark} (before the watermark is written, the batch already written), {@code written} (after
 * the watermark, before the commit), {@code committed} (after a transaction commits), {@code
 * sending} (an alert delivered, its outbox entry not yet marked sent).
 */
public final class CrashWorker {
  static final int RECORDS = 600;
  static final int PAGE = 50;
  static final String TENANT = "acme";
  static final ProfileId PROFILE = ProfileId.of(TENANT, "watcher");
  static final String SOURCE = "feed";
  static final int HALTED = 137;
  static final int UNSENT = 3;
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private static final String[] COMPANIES = {"Stripe", "Adyen", "Klarna", "Plaid", "Wise"};

  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    Path deliveries = Path.of(args[1]);
    // Each start is ten minutes after the one before, so that what a killed start had claimed
    // (outbox leases of five minutes) is free again, as it would be on a real clock.
    Instant now =
        T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10L * Integer.parseInt(args[2])));
    String point = args.length > 3 ? args[3].substring(0, args[3].indexOf(':')) : "";
    int at = args.length > 3 ? Integer.parseInt(args[3].substring(args[3].indexOf(':') + 1)) : -1;
    AtomicInteger reached = new AtomicInteger();
    Runnable crash =
        () -> {
          if (reached.incrementAndGet() == at) {
            Runtime.getRuntime().halt(HALTED);
          }
        };
    MutableClock clock = MutableClock.at(now);
    try (Database database = Database.open(args[0]);
        DiscoveryEngine engine =
            DiscoveryEngine.builder()
                .allowSystemCalls()
                .storage(crashing(database.storage(), point, crash))
                .addSource(source(point.equals("fetch") ? crash : () -> {}))
                .scorer(in -> Fixtures.score(60))
                .addAlertSink(new FileSink(deliveries))
                .clock(clock)
                .threads(1)
                .fetchLimit(PAGE)
                .build()) {
      if (engine.profiles().find(PROFILE).isEmpty()) {
        Profile.Builder p = Profile.builder().tenant(TENANT).id(PROFILE).owner("o").name("Watcher");
        for (String c : COMPANIES) {
          p.addWatchlist(Company.of(c));
        }
        engine.profiles().save(p.build());
      }
      RunReport report;
      do {
        report = engine.discover(PROFILE);
      } while (report.signalsFetched() > 0);
      // A delivery that failed waits for its backoff; time passes until the outbox is drained, as
      // it would for a running engine. What needed a retry is printed, for the test's log.
      List<OutboxEntry> unsent = List.of();
      for (int round = 0; round < 10; round++) {
        engine.dispatch();
        unsent =
            engine.outbox(TENANT, 10_000).stream()
                .filter(e -> e.status() != OutboxStatus.SENT)
                .toList();
        if (unsent.isEmpty()) {
          break;
        }
        System.out.println("waiting an hour for " + unsent);
        clock.advance(Duration.ofHours(1));
      }
      if (!unsent.isEmpty()) {
        System.out.println("outbox not drained: " + unsent);
        System.exit(UNSENT);
      }
    }
  }

  /** The worker's storage and what it must close: an H2 file, or a pool on a server. */
  private record Database(JdbcStorage storage, AutoCloseable pool) implements AutoCloseable {
    static Database open(String target) {
      if (!target.startsWith("jdbc:")) {
        return new Database(JdbcStorage.h2File(Path.of(target)), () -> {});
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(target);
      config.setMaximumPoolSize(4);
      HikariDataSource pool = new HikariDataSource(config);
      return new Database(JdbcStorage.builder().dataSource(pool).build(), pool);
    }

    @Override
    public void close() throws Exception {
      storage.close();
      pool.close();
    }
  }

  /** The same {@value #RECORDS} signals at every start, each naming one watched company. */
  private static SignalSource source(Runnable onFetch) {
    return new SignalSource() {
      @Override
      public String id() {
        return SOURCE;
      }

      @Override
      public SourceCapabilities capabilities() {
        return SourceCapabilities.feed();
      }

      @Override
      public SourceResult fetch(SourceRequest request, SourceContext context) {
        onFetch.run();
        int from = request.cursor().map(Integer::parseInt).orElse(0);
        int to = Math.min(RECORDS, from + request.limit());
        List<Signal> page = new ArrayList<>();
        for (int i = from; i < to; i++) {
          page.add(signal(i));
        }
        return SourceResult.of(page, Optional.of(Integer.toString(to)));
      }
    };
  }

  private static Storage crashing(Storage storage, String point, Runnable crash) {
    return new ForwardingStorage(storage) {
      @Override
      public <T> T inTransaction(Work<T> work) {
        T result = super.inTransaction(work);
        if (point.equals("committed")) {
          crash.run();
        }
        return result;
      }

      @Override
      protected Storage wrapTransaction(Storage tx) {
        return new ForwardingStorage(tx) {
          @Override
          public SignalStore signals() {
            return new ForwardingSignalStore(super.signals()) {
              @Override
              public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
                if (point.equals("signals")) {
                  crash.run();
                }
                return super.upsertAll(tenant, signals);
              }
            };
          }

          @Override
          public SourceStateStore sourceState() {
            return new ForwardingSourceStateStore(super.sourceState()) {
              @Override
              public void saveWatermark(Watermark watermark) {
                if (point.equals("watermark")) {
                  crash.run();
                }
                super.saveWatermark(watermark);
                if (point.equals("written")) {
                  crash.run();
                }
              }
            };
          }
        };
      }

      @Override
      public OutboxStore outbox() {
        return new ForwardingOutboxStore(super.outbox()) {
          @Override
          public OutboxEntry save(OutboxEntry entry) {
            if (point.equals("sending") && entry.status() == OutboxStatus.SENT) {
              crash.run();
            }
            return super.save(entry);
          }
        };
      }
    };
  }

  /** Appends each alert's dedupe key to a file and forces it to disk before returning. */
  private static final class FileSink implements AlertSink {
    private final Path file;

    FileSink(Path file) {
      this.file = file;
    }

    @Override
    public String id() {
      return "file";
    }

    @Override
    public void deliver(Alert alert) throws IOException {
      try (FileChannel out =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        out.write(ByteBuffer.wrap((alert.dedupeKey() + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      }
    }
  }

  static Signal signal(int i) {
    String company = COMPANIES[i % COMPANIES.length];
    return Fixtures.signal(
        SOURCE,
        "r" + i,
        SignalType.NEWS,
        company + " news " + i,
        T0.plus(Duration.ofMinutes(i)),
        OrganizationMention.of(company, OrganizationRole.SUBJECT));
  }
}
