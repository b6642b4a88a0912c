package io.github.discoverysdk.benchmarks.search;

import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchScope;
import io.github.discoverysdk.search.lucene.LuceneSearchIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Indexes synthetic documents into a {@link LuceneSearchIndex} and times two-word queries: scoped
 * to an account manager's accounts (the target: p99 under 50 ms at 1,000,000 documents) and over
 * the whole tenant. Run by hand (see docs/benchmarks/search.md); {@code SearchBenchmarkHarnessTest}
 * runs it small in CI, asserting what it does, never how fast.
 *
 * <p>Options ({@code --name=value}): {@code docs} (1,000,000), {@code tenants} (4), {@code
 * accounts} (1,000 over all tenants), {@code scope} (accounts per account manager, 10), {@code
 * batch} (documents per {@code index} call, 1,000, each committed), {@code queries} (2,000 per
 * kind), {@code warmup} (500 queries), {@code store} ({@code disk}, a new temporary directory
 * deleted afterwards, or {@code memory}), {@code seed} (42).
 */
public final class SearchBenchmark {
  private SearchBenchmark() {}

  /** The options of one invocation. */
  record Options(
      int docs,
      int tenants,
      int accounts,
      int scope,
      int batch,
      int queries,
      int warmup,
      boolean disk,
      long seed) {
    static Options parse(String[] args) {
      Map<String, String> a = new HashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("arguments are --name=value, was '" + arg + "'");
        }
        a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      String store = a.getOrDefault("store", "disk");
      if (!store.equals("disk") && !store.equals("memory")) {
        throw new IllegalArgumentException("--store is disk or memory, was '" + store + "'");
      }
      return new Options(
          number(a, "docs", "1000000"),
          number(a, "tenants", "4"),
          number(a, "accounts", "1000"),
          number(a, "scope", "10"),
          number(a, "batch", "1000"),
          number(a, "queries", "2000"),
          number(a, "warmup", "500"),
          store.equals("disk"),
          Long.parseLong(a.getOrDefault("seed", "42")));
    }

    private static int number(Map<String, String> a, String name, String dflt) {
      return Integer.parseInt(a.getOrDefault(name, dflt).replace("_", ""));
    }
  }

  /** Latencies of one kind of query, in milliseconds. */
  record Latency(
      double p50, double p99, double max, double cpuP50, double cpuP99, double meanHits) {}

  /** What one invocation measured. */
  record Result(
      Options options,
      double indexSeconds,
      double indexCpuSeconds,
      double batchP99Millis,
      long indexBytes,
      Latency scoped,
      Latency tenantWide) {
    double docsPerSecond() {
      return options.docs() / indexSeconds;
    }

    double docsPerCpuSecond() {
      return options.docs() / indexCpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Result r = run(Options.parse(args));
    say("%s", table(r));
  }

  static Result run(Options o) throws IOException {
    Path dir = o.disk() ? Files.createTempDirectory("discovery-search-bench") : null;
    try (LuceneSearchIndex index =
        o.disk() ? LuceneSearchIndex.open(dir) : LuceneSearchIndex.inMemory()) {
      SearchCorpus corpus = new SearchCorpus(o.seed(), o.tenants(), o.accounts());
      long[] batches = new long[(o.docs() + o.batch() - 1) / o.batch()];
      long start = System.nanoTime();
      long cpuStart = processCpu();
      long generating = 0;
      for (int b = 0; b < batches.length; b++) {
        long g0 = THREADS.getCurrentThreadCpuTime();
        Map<String, List<SearchDocument>> byTenant = new HashMap<>();
        for (int i = b * o.batch(); i < Math.min(o.docs(), (b + 1) * o.batch()); i++) {
          SearchDocument d = corpus.next(i);
          byTenant.computeIfAbsent(d.tenant(), t -> new ArrayList<>()).add(d);
        }
        generating += THREADS.getCurrentThreadCpuTime() - g0;
        long t0 = System.nanoTime();
        byTenant.forEach(index::index);
        batches[b] = System.nanoTime() - t0;
      }
      index.commit();
      double indexSeconds = (System.nanoTime() - start) / 1e9;
      double indexCpu = (processCpu() - cpuStart - generating) / 1e9;
      long bytes = dir == null ? 0 : size(dir);
      List<String> texts = corpus.queries(o.warmup() + o.queries());
      query(index, corpus, o, texts.subList(0, o.warmup()), true);
      query(index, corpus, o, texts.subList(0, o.warmup()), false);
      Latency scoped = query(index, corpus, o, texts.subList(o.warmup(), texts.size()), true);
      Latency wide = query(index, corpus, o, texts.subList(o.warmup(), texts.size()), false);
      return new Result(
          o, indexSeconds, indexCpu, percentile(batches, 0.99) / 1e6, bytes, scoped, wide);
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
  }

  /**
   * Times each query, as an account manager of {@code o.scope()} random accounts of a random
   * tenant, or over that whole tenant; checks that every hit lies in the tenant and the scope.
   */
  private static Latency query(
      LuceneSearchIndex index, SearchCorpus corpus, Options o, List<String> texts, boolean scoped) {
    long[] nanos = new long[texts.size()];
    long[] cpu = new long[texts.size()];
    long hits = 0;
    for (int q = 0; q < texts.size(); q++) {
      int tenant = corpus.random().nextInt(o.tenants());
      Set<String> accounts = new HashSet<>();
      while (accounts.size() < Math.min(o.scope(), o.accounts() / o.tenants())) {
        int a = corpus.random().nextInt(o.accounts());
        if (corpus.tenantOf(a) == tenant) {
          accounts.add(SearchCorpus.account(a));
        }
      }
      SearchQuery query =
          SearchQuery.builder().tenant(SearchCorpus.tenant(tenant)).text(texts.get(q)).build();
      SearchScope scope = scoped ? SearchScope.accounts(accounts) : SearchScope.tenant();
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Page<SearchHit> page = index.search(query, scope);
      nanos[q] = System.nanoTime() - t0;
      cpu[q] = THREADS.getCurrentThreadCpuTime() - c0;
      hits += page.items().size();
      for (SearchHit h : page.items()) {
        String account = h.accountId().orElseThrow();
        boolean inTenant =
            corpus.tenantOf(Integer.parseInt(account.substring("acc-".length()))) == tenant;
        if (!inTenant || (scoped && !accounts.contains(account))) {
          throw new IllegalStateException("a hit outside the scope: " + h);
        }
      }
    }
    return new Latency(
        percentile(nanos, 0.50) / 1e6,
        percentile(nanos, 0.99) / 1e6,
        Arrays.stream(nanos).max().orElse(0) / 1e6,
        percentile(cpu, 0.50) / 1e6,
        percentile(cpu, 0.99) / 1e6,
        hits / (double) Math.max(1, texts.size()));
  }

  static double percentile(long[] values, double p) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  static String table(Result r) {
    Options o = r.options();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%,d documents, %d tenants, %,d accounts, scope %d accounts, batches of %,d, %s%n%n",
            o.docs(),
            o.tenants(),
            o.accounts(),
            o.scope(),
            o.batch(),
            o.disk() ? "on disk" : "in memory"));
    b.append("| measure | value |\n|---|---|\n");
    row(b, "indexing: documents/s", "%,.0f (%.1f s)", r.docsPerSecond(), r.indexSeconds());
    row(
        b,
        "indexing: documents per CPU-second of the process",
        "%,.0f (%.1f s)",
        r.docsPerCpuSecond(),
        r.indexCpuSeconds());
    row(b, "indexing: p99 of one batch (commit included)", "%.1f ms", r.batchP99Millis());
    row(b, "index size on disk", "%,.0f MB", r.indexBytes() / 1e6);
    row(
        b,
        "scoped two-word query: p50 / p99 / max",
        "%.2f / %.2f / %.2f ms",
        r.scoped().p50(),
        r.scoped().p99(),
        r.scoped().max());
    row(
        b,
        "scoped: CPU time p50 / p99",
        "%.2f / %.2f ms",
        r.scoped().cpuP50(),
        r.scoped().cpuP99());
    row(b, "scoped: mean hits per page (limit 20)", "%.1f", r.scoped().meanHits());
    row(
        b,
        "tenant-wide two-word query: p50 / p99 / max",
        "%.2f / %.2f / %.2f ms",
        r.tenantWide().p50(),
        r.tenantWide().p99(),
        r.tenantWide().max());
    row(
        b,
        "tenant-wide: CPU time p50 / p99",
        "%.2f / %.2f ms",
        r.tenantWide().cpuP50(),
        r.tenantWide().cpuP99());
    row(b, "tenant-wide: mean hits per page (limit 20)", "%.1f", r.tenantWide().meanHits());
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String format, Object... args) {
    b.append("| ").append(name).append(" | ");
    b.append(String.format(Locale.ROOT, format, args)).append(" |\n");
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
