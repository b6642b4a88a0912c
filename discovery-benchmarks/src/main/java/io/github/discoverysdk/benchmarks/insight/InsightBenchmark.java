package io.github.discoverysdk.benchmarks.insight;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark of issue #15: an account manager's inbox figures and an account's health over
 * {@code opportunities} cards in {@code accounts} accounts ({@code perAm} accounts per manager) on
 * an embedded PostgreSQL, each read model timed {@code iterations} times for a random manager or
 * account (after a warm-up), reported as p50 and p99; the tenant dashboard is timed a few times for
 * reference. With {@code --explain}, the plans of one call of each. Run by hand:
 *
 * <pre>
 * java -cp discovery-benchmarks/target/benchmarks.jar \
 *   io.github.discoverysdk.benchmarks.insight.InsightBenchmark --opportunities=1000000 --explain
 * </pre>
 *
 * Times are wall time ({@code System.nanoTime}) of the store calls, through a HikariCP pool.
 */
public final class InsightBenchmark {
  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final int WARMUP = 20;
  private static final int DASHBOARD_RUNS = 5;

  private InsightBenchmark() {}

  /** What a benchmark run measured; times in milliseconds. */
  record Result(
      int opportunities,
      int accounts,
      int perAm,
      int iterations,
      double loadSeconds,
      double[] stats,
      double[] health,
      double[] dashboard,
      long cardsPerManager,
      long signalsPerHealth,
      Map<String, String> plans) {
    double p(double[] sorted, double q) {
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
    int opportunities = 1_000_000;
    int accounts = 1_000;
    int perAm = 5;
    int iterations = 200;
    boolean explain = false;
    for (String a : args) {
      if (a.startsWith("--opportunities=")) {
        opportunities = Integer.parseInt(a.substring(16).replace("_", ""));
      } else if (a.startsWith("--accounts=")) {
        accounts = Integer.parseInt(a.substring(11).replace("_", ""));
      } else if (a.startsWith("--per-am=")) {
        perAm = Integer.parseInt(a.substring(9));
      } else if (a.startsWith("--iterations=")) {
        iterations = Integer.parseInt(a.substring(13));
      } else if (a.equals("--explain")) {
        explain = true;
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Result r = run(opportunities, accounts, perAm, iterations, explain);
    System.out.println(table(r));
    r.plans().forEach((name, plan) -> System.out.println("\n" + name + ":\n" + plan));
  }

  static Result run(int opportunities, int accounts, int perAm, int iterations, boolean explain)
      throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
      config.setMaximumPoolSize(4);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        PlanCapture capture = new PlanCapture(pool);
        JdbcStorage storage = JdbcStorage.builder().dataSource(capture.dataSource()).build();
        storage.migrate();
        long t0 = System.nanoTime();
        InsightData.load(storage, pool, NOW, opportunities, accounts, perAm);
        double load = (System.nanoTime() - t0) / 1e9;
        int managers = (accounts + perAm - 1) / perAm;
        Random random = new Random(42);
        Instant from = NOW.minus(Duration.ofDays(7L * InsightData.WEEKS + 1));
        // Cards come up to 30 minutes after their signal: the period ends an hour after NOW.
        Instant to = NOW.plus(Duration.ofHours(1));
        Instant week = NOW.minus(Duration.ofDays(7));
        double[] stats = new double[iterations];
        double[] health = new double[iterations];
        long cards = 0;
        long signals = 0;
        for (int i = -WARMUP; i < iterations; i++) {
          AccessScope am = AccessScope.of("am-" + random.nextInt(managers), Set.of());
          long s0 = System.nanoTime();
          InboxStats st = storage.insight().inboxStats(InsightData.TENANT, am, from, to, week);
          long s1 = System.nanoTime();
          int account = random.nextInt(accounts);
          AccessScope owner = AccessScope.of(InsightData.owner(account, perAm), Set.of());
          AccountHealth h =
              storage
                  .insight()
                  .accountHealth(InsightData.TENANT, owner, "acc-" + account, NOW, 8, 10)
                  .orElseThrow();
          long s2 = System.nanoTime();
          if (i >= 0) {
            stats[i] = (s1 - s0) / 1e6;
            health[i] = (s2 - s1) / 1e6;
            cards += st.cards();
            signals += h.weeks().stream().mapToLong(AccountHealth.Week::signals).sum();
          }
        }
        double[] dashboard = new double[DASHBOARD_RUNS];
        for (int i = 0; i < DASHBOARD_RUNS; i++) {
          long s0 = System.nanoTime();
          storage.insight().dashboard(InsightData.TENANT, from, to);
          dashboard[i] = (System.nanoTime() - s0) / 1e6;
        }
        Map<String, String> plans = new LinkedHashMap<>();
        if (explain) {
          storage
              .insight()
              .inboxStats(InsightData.TENANT, AccessScope.of("am-0", Set.of()), from, to, week);
          plans.put("inboxStats (am-0)", capture.explainLast());
          storage
              .insight()
              .accountHealth(
                  InsightData.TENANT, AccessScope.of("am-0", Set.of()), "acc-0", NOW, 8, 10);
          plans.put("accountHealth (acc-0, as am-0)", capture.explainLast());
        }
        Arrays.sort(stats);
        Arrays.sort(health);
        Arrays.sort(dashboard);
        return new Result(
            opportunities,
            accounts,
            perAm,
            iterations,
            load,
            stats,
            health,
            dashboard,
            iterations == 0 ? 0 : cards / iterations,
            iterations == 0 ? 0 : signals / iterations,
            plans);
      }
    }
  }

  static String table(Result r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%,d opportunities in %,d accounts (%d per manager), loaded in %.1f s; %d calls each:",
            r.opportunities(),
            r.accounts(),
            r.perAm(),
            r.loadSeconds(),
            r.iterations()));
    lines.add("");
    lines.add("| read model | rows it covers | p50 | p99 | max |");
    lines.add("|---|---|---|---|---|");
    lines.add(row("inbox stats (one manager)", r.cardsPerManager() + " cards", r.stats(), r));
    lines.add(row("account health (8 weeks)", r.signalsPerHealth() + " signals", r.health(), r));
    lines.add(
        row(
            "dashboard (tenant, " + r.dashboard().length + " calls)",
            r.opportunities() + " cards",
            r.dashboard(),
            r));
    return String.join("\n", lines);
  }

  private static String row(String name, String rows, double[] sorted, Result r) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.2f ms | %.2f ms | %.2f ms |",
        name,
        rows,
        r.p(sorted, 0.5),
        r.p(sorted, 0.99),
        sorted[sorted.length - 1]);
  }
}
