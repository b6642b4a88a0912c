package io.github.discoverysdk.benchmarks.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.benchmarks.matching.MatchingWorkload;
import io.github.discoverysdk.jdbc.Dialect;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The engine benchmark, run by hand (see {@code docs/benchmarks/engine.md}), never in CI: one
 * {@code discoverAll} over a generated {@link MatchingWorkload} (seed 42, ~3-KB news signals)
 * served by an in-process {@link WorkloadSource} whose whole list fits one fetch ({@code
 * fetchLimit} = the signal count), on each storage: in memory, an H2 file database in a temporary
 * folder, embedded PostgreSQL (zonky) or a PostgreSQL server given by {@code --url}.
 *
 * <p>Per storage and size it reports the time to save the profiles, the run's time, signals/s,
 * opportunities/s and allocation per opportunity, the time of a second run that finds nothing new
 * (the source's cursor is at the end), the time of a third run whose source serves the same signals
 * again (every one unchanged: a source without cursors), and, on JDBC storages, the run's
 * opportunity writes beside a peer: a raw JDBC batch insert of the same rows into an empty copy of
 * the table ({@link OpportunityPeer}). In memory has no peer.
 *
 * <p><b>Why a plain harness, not JMH.</b> One measured operation is a whole run of seconds to
 * minutes that must start on a fresh database with the profiles saved, and it changes the database
 * (a second call is the no-op run, a different figure). JMH would have to rebuild that state in a
 * per-invocation set-up, which it discourages for exactly this reason, and its forks and iterations
 * multiply minutes of set-up. Here: warm-up runs on a smaller workload (same code paths, so the JIT
 * has compiled them), then N measured repetitions, each on a fresh database, timed with {@code
 * System.nanoTime()}; min, median and max over the repetitions.
 *
 * <p><b>Allocation</b> is the sum of {@code
 * com.sun.management.ThreadMXBean#getThreadAllocatedBytes} over every live thread, taken before and
 * after the run: it counts the calling thread, the engine's executor threads (born before or during
 * the run), the pool's and H2's threads; it misses threads that end during the run (the engine's
 * pool keeps its threads) and is exact to a TLAB, not a byte. PostgreSQL's work is in another
 * process and not counted.
 *
 * <p>Arguments ({@code --name=value}): {@code --storage=memory|h2|postgres|all} (a comma list is
 * fine; default all), {@code --sizes=1000x5000,10000x2000} (profiles x signals), {@code --reps=N}
 * measured repetitions (default 3), {@code --warmup=N} warm-up runs per storage (default 1), {@code
 * --warmup-size=200x1000}, {@code --url=jdbc:postgresql://...} (use a server instead of the
 * embedded PostgreSQL; each repetition gets a fresh schema, dropped afterwards), {@code
 * --pg-pool=hikari|none} (default a HikariCP pool of 8; {@code none}: a new connection per storage
 * call), {@code --name-pool=40000}, {@code --seed=42}.
 */
public final class EngineBenchmark {
  static final String TENANT = "bench";
  static final String SOURCE = "bench";

  /** The workload's signals are published at 2026-11-21T10:00Z; runs start two hours later. */
  private static final Instant START = Instant.parse("2026-11-21T12:00:00Z");

  private EngineBenchmark() {}

  /** One workload size. */
  record Size(int profiles, int signals) {
    static Size parse(String s) {
      String[] p = s.strip().toLowerCase(Locale.ROOT).replace("_", "").split("x");
      if (p.length != 2) {
        throw new IllegalArgumentException("a size is PROFILESxSIGNALS, was '" + s + "'");
      }
      return new Size(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    @Override
    public String toString() {
      return String.format("%,d x %,d", profiles, signals);
    }
  }

  /** The options of one benchmark invocation. */
  record Options(
      List<String> storages,
      List<Size> sizes,
      int reps,
      int warmups,
      Size warmupSize,
      String url,
      boolean pool,
      int namePool,
      long seed) {
    static Options parse(String[] args) {
      Map<String, String> a = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("arguments are --name=value, was '" + arg + "'");
        }
        a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      String storage = a.getOrDefault("storage", "all");
      List<String> storages =
          storage.equals("all")
              ? List.of("memory", "h2", "postgres")
              : Arrays.stream(storage.split(",")).map(String::strip).toList();
      for (String s : storages) {
        if (!List.of("memory", "h2", "postgres").contains(s)) {
          throw new IllegalArgumentException(
              "--storage is memory, h2, postgres or all, was '" + s + "'");
        }
      }
      return new Options(
          storages,
          Arrays.stream(a.getOrDefault("sizes", "1000x5000,10000x2000").split(","))
              .map(Size::parse)
              .toList(),
          Integer.parseInt(a.getOrDefault("reps", "3")),
          Integer.parseInt(a.getOrDefault("warmup", "1")),
          Size.parse(a.getOrDefault("warmup-size", "200x1000")),
          a.get("url"),
          !a.getOrDefault("pg-pool", "hikari").equals("none"),
          Integer.parseInt(a.getOrDefault("name-pool", "40000")),
          Long.parseLong(a.getOrDefault("seed", "42")));
    }
  }

  /** The figures of one measured repetition. */
  record Rep(
      String storage,
      Size size,
      long saveNanos,
      long runNanos,
      long cpuNanos,
      RunReport report,
      long allocatedBytes,
      long noopNanos,
      RunReport noop,
      long rerunNanos,
      RunReport rerun,
      long oppWriteNanos,
      long oppWriteCalls,
      long oppReadNanos,
      OpportunityPeer.Result peer,
      String load) {
    int opportunities() {
      return report.opportunitiesNew() + report.opportunitiesUpdated();
    }

    double seconds() {
      return runNanos / 1e9;
    }

    double signalsPerSecond() {
      return report.signalsFetched() / seconds();
    }

    double opportunitiesPerSecond() {
      return opportunities() / seconds();
    }

    double bytesPerOpportunity() {
      return allocatedBytes / (double) Math.max(1, opportunities());
    }

    /** Opportunity rows/s while the engine was in the store's write calls, over the peer's. */
    double writeShare() {
      return peer == null || oppWriteNanos == 0
          ? Double.NaN
          : (opportunities() / (oppWriteNanos / 1e9)) / peer.rowsPerSecond();
    }

    /** Opportunities/s of the whole run over the peer's rows/s. */
    double runShare() {
      return peer == null ? Double.NaN : opportunitiesPerSecond() / peer.rowsPerSecond();
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    Options options = Options.parse(args);
    List<Rep> reps = run(options);
    System.out.println();
    System.out.println(table(reps));
  }

  /** Runs every configuration of the options and returns each measured repetition. */
  static List<Rep> run(Options o) throws Exception {
    say(
        "engine benchmark: storages %s, sizes %s, %d warm-up run(s) of %s, %d measured rep(s); %d"
            + " cores, max heap %,d MB, Java %s; load %s",
        o.storages(),
        o.sizes(),
        o.warmups(),
        o.warmupSize(),
        o.reps(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"),
        loadAverage());
    Map<Size, MatchingWorkload> workloads = new LinkedHashMap<>();
    List<Rep> out = new ArrayList<>();
    try (Databases dbs = new Databases(o.url(), o.pool())) {
      for (String storage : o.storages()) {
        for (int w = 0; w < o.warmups(); w++) {
          MatchingWorkload wl =
              workloads.computeIfAbsent(o.warmupSize(), s -> workload(s, o.namePool(), o.seed()));
          Rep r = once(dbs, storage, o.warmupSize(), wl);
          say("warm-up %d %s", w + 1, line(r));
        }
        for (Size size : o.sizes()) {
          MatchingWorkload wl =
              workloads.computeIfAbsent(size, s -> workload(s, o.namePool(), o.seed()));
          for (int rep = 1; rep <= o.reps(); rep++) {
            Rep r = once(dbs, storage, size, wl);
            say("rep %d %s", rep, line(r));
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  private static MatchingWorkload workload(Size s, int namePool, long seed) {
    long t = System.nanoTime();
    MatchingWorkload w = new MatchingWorkload(s.profiles(), s.signals(), namePool, seed);
    // Content hashes are computed lazily and cached in each signal: the first storage measured
    // would pay for them all.
    w.signals().forEach(io.github.discoverysdk.model.Signal::contentHash);
    say(
        "workload %s generated in %.1f s (%.0f bytes per signal)",
        s, (System.nanoTime() - t) / 1e9, w.averageSignalBytes());
    return w;
  }

  /** One repetition on a fresh database. */
  private static Rep once(Databases dbs, String storage, Size size, MatchingWorkload wl)
      throws Exception {
    String loadBefore = loadAverage();
    try (Db db = dbs.open(storage)) {
      TimedStorage timed = new TimedStorage(db.storage());
      WorkloadSource source = new WorkloadSource(SOURCE, wl.signals());
      Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START));
      try (DiscoveryEngine engine =
          DiscoveryEngine.builder()
              .allowSystemCalls()
              .storage(timed)
              .addSource(source)
              .scorer(Scoring.defaults())
              .fetchLimit(size.signals())
              .clock(clock)
              .build()) {
        long t = System.nanoTime();
        for (Profile p : wl.profiles()) {
          engine.profiles().save(p);
        }
        long saveNanos = System.nanoTime() - t;

        timed.reset();
        long allocBefore = allocatedBytes();
        long cpuBefore = cpuNanos();
        t = System.nanoTime();
        RunReport report = engine.discoverAll(TENANT);
        long runNanos = System.nanoTime() - t;
        long cpu = cpuNanos() - cpuBefore;
        long allocated = allocatedBytes() - allocBefore;
        check(report, size.signals());
        long writeNanos = timed.writeNanos.sum();
        long writeCalls = timed.writeCalls.sum();
        long readNanos = timed.readNanos.sum();

        t = System.nanoTime();
        RunReport noop = engine.discoverAll(TENANT);
        long noopNanos = System.nanoTime() - t;
        if (noop.signalsFetched() != 0 || noop.opportunitiesNew() != 0) {
          throw new IllegalStateException("the second run found something new:\n" + noop.summary());
        }

        source.replay(true);
        t = System.nanoTime();
        RunReport rerun = engine.discoverAll(TENANT);
        long rerunNanos = System.nanoTime() - t;
        if (rerun.signalsUnchanged() != size.signals() || rerun.opportunitiesNew() != 0) {
          throw new IllegalStateException(
              "the re-run of the same signals changed something:\n" + rerun.summary());
        }

        OpportunityPeer.Result peer = null;
        if (db.dialect() != null) {
          try (Connection c = db.connection()) {
            List<String> columns = new ArrayList<>();
            List<Object[]> rows = OpportunityPeer.readRows(c, columns);
            if (rows.size() != report.opportunitiesNew()) {
              throw new IllegalStateException(
                  rows.size()
                      + " opportunity rows stored, the run reported "
                      + report.opportunitiesNew()
                      + " new");
            }
            OpportunityPeer.createCopy(c, db.dialect());
            peer = OpportunityPeer.insert(c, columns, rows);
          }
        }
        return new Rep(
            storage,
            size,
            saveNanos,
            runNanos,
            cpu,
            report,
            allocated,
            noopNanos,
            noop,
            rerunNanos,
            rerun,
            writeNanos,
            writeCalls,
            readNanos,
            peer,
            loadBefore + " → " + loadAverage());
      }
    }
  }

  private static void check(RunReport r, int signals) {
    if (!r.errors().isEmpty() || r.signalsFetched() != signals || r.signalsNew() != signals) {
      throw new IllegalStateException(
          "the run did not take every signal (" + signals + "):\n" + r.summary());
    }
  }

  /** CPU time of every live JVM thread (user + system); same coverage as the allocation. */
  private static long cpuNanos() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      long n = mx.getThreadCpuTime(id);
      if (n > 0) {
        sum += n;
      }
    }
    return sum;
  }

  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
      if (b > 0) {
        sum += b;
      }
    }
    return sum;
  }

  // ---- databases

  /** One fresh database of a storage kind, closed (and dropped) after its repetition. */
  interface Db extends AutoCloseable {
    Storage storage();

    /** The SQL dialect; null for in-memory storage. */
    Dialect dialect();

    /** A new connection to the same database, for the peer. */
    Connection connection() throws SQLException;

    @Override
    void close() throws Exception;
  }

  /** Opens fresh databases; owns the embedded PostgreSQL server, started on first use. */
  static final class Databases implements AutoCloseable {
    private final String url;
    private final boolean pool;
    private EmbeddedPostgres embedded;
    private int schemas;

    Databases(String url, boolean pool) {
      this.url = url;
      this.pool = pool;
    }

    Db open(String storage) throws Exception {
      return switch (storage) {
        case "memory" -> memory();
        case "h2" -> h2();
        case "postgres" -> postgres();
        default -> throw new IllegalArgumentException(storage);
      };
    }

    private static Db memory() {
      InMemoryStorage s = InMemoryStorage.create();
      return new Db() {
        @Override
        public Storage storage() {
          return s;
        }

        @Override
        public Dialect dialect() {
          return null;
        }

        @Override
        public Connection connection() {
          throw new UnsupportedOperationException("in memory");
        }

        @Override
        public void close() {}
      };
    }

    /** {@code JdbcStorage.h2File}, the embedded default, in a new temporary folder. */
    private static Db h2() throws IOException {
      Path dir = Files.createTempDirectory("engine-bench-h2");
      JdbcStorage s = JdbcStorage.h2File(dir);
      // The URL h2File opens (H2Databases: file "discovery", its options): a connection to it in
      // the same JVM joins the open database.
      String h2Url =
          "jdbc:h2:file:" + dir.resolve("discovery") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
      return new Db() {
        @Override
        public Storage storage() {
          return s;
        }

        @Override
        public Dialect dialect() {
          return Dialect.H2;
        }

        @Override
        public Connection connection() throws SQLException {
          return DriverManager.getConnection(h2Url, "sa", "");
        }

        @Override
        public void close() throws IOException {
          s.close();
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(p);
            }
          }
        }
      };
    }

    /**
     * A new schema on the embedded server (or {@code --url}), reached through a HikariCP pool as a
     * host would, with {@code reWriteBatchedInserts=true} as in the storage benchmark.
     */
    private Db postgres() throws Exception {
      String base = url;
      if (base == null) {
        if (embedded == null) {
          embedded = EmbeddedPostgres.builder().start();
        }
        base = embedded.getJdbcUrl("postgres", "postgres");
      }
      String jdbcUrl = base + (base.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
      String schema = "engine_bench_" + ProcessHandle.current().pid() + "_" + (++schemas);
      try (Connection c = DriverManager.getConnection(jdbcUrl);
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
      HikariDataSource hikari = null;
      DataSource ds;
      if (pool) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setSchema(schema);
        config.setMaximumPoolSize(8);
        config.setPoolName("engine-bench");
        hikari = new HikariDataSource(config);
        ds = hikari;
      } else {
        // --pg-pool=none: a new connection per storage call, as a host without a pool has.
        PGSimpleDataSource simple = new PGSimpleDataSource();
        simple.setURL(jdbcUrl);
        simple.setCurrentSchema(schema);
        ds = simple;
      }
      HikariDataSource owned = hikari;
      JdbcStorage s = JdbcStorage.builder().dataSource(ds).build();
      s.migrate();
      return new Db() {
        @Override
        public Storage storage() {
          return s;
        }

        @Override
        public Dialect dialect() {
          return s.dialect();
        }

        @Override
        public Connection connection() throws SQLException {
          return ds.getConnection();
        }

        @Override
        public void close() throws SQLException {
          s.close();
          if (owned != null) {
            owned.close();
          }
          try (Connection c = DriverManager.getConnection(jdbcUrl);
              Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
          }
        }
      };
    }

    @Override
    public void close() throws IOException {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  // ---- reporting

  private static String line(Rep r) {
    return String.format(
        "%s %s: save profiles %.2f s | run %.2f s (JVM CPU %.2f s), %,.0f signals/s, %,d opportunities"
            + " (%,.0f/s), %,.0f B/opportunity | no-op run %,.0f ms | same signals again %.2f s | opportunity store: writes"
            + " %.2f s in %,d calls, reads %.2f s%s | load %s",
        r.storage(),
        r.size(),
        r.saveNanos() / 1e9,
        r.seconds(),
        r.cpuNanos() / 1e9,
        r.signalsPerSecond(),
        r.opportunities(),
        r.opportunitiesPerSecond(),
        r.bytesPerOpportunity(),
        r.noopNanos() / 1e6,
        r.rerunNanos() / 1e9,
        r.oppWriteNanos() / 1e9,
        r.oppWriteCalls(),
        r.oppReadNanos() / 1e9,
        r.peer() == null
            ? " | no peer (in memory)"
            : String.format(
                " | peer raw batch insert %,d rows in %.2f s (%,.0f rows/s): writes at %.0f%% of"
                    + " it, whole run at %.0f%%",
                r.peer().rows(),
                r.peer().nanos() / 1e9,
                r.peer().rowsPerSecond(),
                100 * r.writeShare(),
                100 * r.runShare()),
        r.load());
  }

  /** A Markdown table: per storage and size, median [min–max] over the measured repetitions. */
  static String table(List<Rep> reps) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| storage | profiles x signals | reps | save profiles (s) | run (s) | run, JVM CPU (s) |"
            + " signals/s |"
            + " opportunities | opportunities/s | alloc/opportunity (KB) | no-op run (ms) |"
            + " same signals again (s) | peer rows/s | opportunity writes / peer | whole run / peer | load (1 min) |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    Map<String, List<Rep>> groups = new LinkedHashMap<>();
    for (Rep r : reps) {
      groups.computeIfAbsent(r.storage() + " " + r.size(), k -> new ArrayList<>()).add(r);
    }
    for (List<Rep> g : groups.values()) {
      Rep first = g.get(0);
      boolean peer = first.peer() != null;
      b.append(
          String.format(
              "| %s | %s | %d | %s | %s | %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              first.storage(),
              first.size(),
              g.size(),
              stat(g, r -> r.saveNanos() / 1e9, "%.2f"),
              stat(g, Rep::seconds, "%.2f"),
              stat(g, r -> r.cpuNanos() / 1e9, "%.2f"),
              stat(g, Rep::signalsPerSecond, "%,.0f"),
              first.opportunities(),
              stat(g, Rep::opportunitiesPerSecond, "%,.0f"),
              stat(g, r -> r.bytesPerOpportunity() / 1024, "%,.1f"),
              stat(g, r -> r.noopNanos() / 1e6, "%,.0f"),
              stat(g, r -> r.rerunNanos() / 1e9, "%.2f"),
              peer ? stat(g, r -> r.peer().rowsPerSecond(), "%,.0f") : "— (in memory)",
              peer ? stat(g, r -> 100 * r.writeShare(), "%.0f%%") : "—",
              peer ? stat(g, r -> 100 * r.runShare(), "%.1f%%") : "—",
              String.join("; ", g.stream().map(Rep::load).toList())));
    }
    return b.toString();
  }

  /** The median, with [min–max] when there is more than one value. */
  private static String stat(List<Rep> g, ToDoubleFunction<Rep> f, String format) {
    double[] v = g.stream().mapToDouble(f).sorted().toArray();
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    String m = String.format(format, median);
    return v.length == 1
        ? m
        : m
            + " ["
            + String.format(format, v[0])
            + "–"
            + String.format(format, v[v.length - 1])
            + "]";
  }

  /** The 1-, 5- and 15-minute load averages, from /proc/loadavg where there is one. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
