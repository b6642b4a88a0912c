package io.github.discoverysdk.benchmarks.matching;

import io.github.discoverysdk.benchmarks.matching.MatchingPeers.LucenePresearcher;
import io.github.discoverysdk.benchmarks.matching.MatchingPeers.Peer;
import io.github.discoverysdk.model.Signal;
import java.util.List;
import java.util.Set;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signals per second of each matcher on the same workload: 10,000 profiles of 20 watchlist names, 3
 * competitors and 2 titles, signals of about 3 KB. Each state builds one peer and, before
 * measuring, checks that it finds the same profiles as the naive loop on a sample of signals. Run:
 * see {@code docs/benchmarks/matching.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class MatchingBenchmark {
  /** The generated workload, shared by every peer of a fork. */
  @State(Scope.Benchmark)
  public static class Workload {
    @Param({"10000"})
    public int profiles;

    MatchingWorkload workload;
    List<Signal> signals;
    List<Set<String>> expected;

    @Setup(Level.Trial)
    public void generate() {
      workload = new MatchingWorkload(profiles, 200, 40_000, 42);
      signals = workload.signals();
      try (Peer naive = MatchingPeers.naiveLoop(workload.profiles())) {
        expected = signals.stream().limit(20).map(naive::match).toList();
      }
    }
  }

  abstract static class PeerState {
    Peer peer;
    int next;

    abstract Peer build(MatchingWorkload w);

    @Setup(Level.Trial)
    public void build(Workload w) {
      peer = build(w.workload);
      for (int i = 0; i < w.expected.size(); i++) {
        Set<String> got = peer.match(w.signals.get(i));
        if (!got.equals(w.expected.get(i))) {
          throw new IllegalStateException(
              getClass().getSimpleName() + " disagrees with the naive loop on signal " + i);
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      peer.close();
    }

    Signal next(Workload w) {
      Signal s = w.signals.get(next);
      next = next + 1 == w.signals.size() ? 0 : next + 1;
      return s;
    }
  }

  @State(Scope.Benchmark)
  public static class SdkIndex extends PeerState {
    @Override
    Peer build(MatchingWorkload w) {
      return MatchingPeers.profileIndex(w.profiles());
    }
  }

  @State(Scope.Benchmark)
  public static class AhoCorasick extends PeerState {
    @Override
    Peer build(MatchingWorkload w) {
      return MatchingPeers.ahoCorasick(w.profiles());
    }
  }

  @State(Scope.Benchmark)
  public static class LuceneTermFiltered extends PeerState {
    @Override
    Peer build(MatchingWorkload w) {
      return MatchingPeers.luceneMonitor(w.profiles(), LucenePresearcher.TERM_FILTERED);
    }
  }

  @State(Scope.Benchmark)
  public static class LuceneMultipass extends PeerState {
    @Override
    Peer build(MatchingWorkload w) {
      return MatchingPeers.luceneMonitor(w.profiles(), LucenePresearcher.MULTIPASS);
    }
  }

  @State(Scope.Benchmark)
  public static class Naive extends PeerState {
    @Override
    Peer build(MatchingWorkload w) {
      return MatchingPeers.naiveLoop(w.profiles());
    }
  }

  @Benchmark
  public Set<String> profileIndex(Workload w, SdkIndex s) {
    return s.peer.match(s.next(w));
  }

  @Benchmark
  public Set<String> ahoCorasickTrie(Workload w, AhoCorasick s) {
    return s.peer.match(s.next(w));
  }

  @Benchmark
  public Set<String> luceneMonitorTermFiltered(Workload w, LuceneTermFiltered s) {
    return s.peer.match(s.next(w));
  }

  @Benchmark
  public Set<String> luceneMonitorMultipass(Workload w, LuceneMultipass s) {
    return s.peer.match(s.next(w));
  }

  @Benchmark
  public Set<String> naiveLoop(Workload w, Naive s) {
    return s.peer.match(s.next(w));
  }
}
