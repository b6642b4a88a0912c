package io.github.discoverysdk.benchmarks.matching;

import io.github.discoverysdk.benchmarks.matching.MatchingPeers.LucenePresearcher;
import io.github.discoverysdk.benchmarks.matching.MatchingPeers.Peer;
import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Index build time of each matcher for the workload's profiles (single shot), and the time of one
 * incremental profile update of the SDK's index (average). Run: see {@code
 * docs/benchmarks/matching.md}.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class MatchingIndexBuildBenchmark {
  /** The profiles to index. */
  @State(Scope.Benchmark)
  public static class Profiles {
    @Param({"10000"})
    public int profiles;

    List<Profile> list;

    @Setup(Level.Trial)
    public void generate() {
      list = new MatchingWorkload(profiles, 1, 40_000, 42).profiles();
    }
  }

  /** A built index and replacement profiles to put into it, one after another. */
  @State(Scope.Benchmark)
  public static class Built {
    ProfileIndex index;
    List<Profile> replacements;
    int next;

    @Setup(Level.Trial)
    public void build(Profiles p) {
      index = ProfileIndex.of(p.list);
      // Replacements rename one watchlist company, so every put removes and adds real terms.
      replacements =
          p.list.subList(0, 1_000).stream()
              .map(
                  x ->
                      Profile.builder()
                          .from(x)
                          .watchlist(x.watchlist().subList(1, x.watchlist().size()))
                          .addWatchlist(Company.of("Replacement " + x.id().value()))
                          .build())
              .toList();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 3)
  public ProfileIndex buildProfileIndex(Profiles p) {
    return ProfileIndex.of(p.list);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Peer buildAhoCorasickTrie(Profiles p) {
    return MatchingPeers.ahoCorasick(p.list);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Peer buildLuceneMonitor(Profiles p) {
    Peer peer = MatchingPeers.luceneMonitor(p.list, LucenePresearcher.TERM_FILTERED);
    peer.close();
    return peer;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  public ProfileIndex incrementalUpdate(Built b) {
    Profile p = b.replacements.get(b.next);
    b.next = b.next + 1 == b.replacements.size() ? 0 : b.next + 1;
    b.index.put(p);
    return b.index;
  }
}
