package io.github.discoverysdk.benchmarks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.benchmarks.engine.EngineBenchmark.Rep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the harness on a tiny workload so that it keeps working as the engine changes; it asserts
 * what the harness does, never how fast.
 */
class EngineBenchmarkHarnessTest {
  @Test
  void harnessRunsEveryStorageAndBoundsJdbcWritesByThePeer() throws Exception {
    List<Rep> reps =
        EngineBenchmark.run(
            EngineBenchmark.Options.parse(
                new String[] {
                  "--storage=memory,h2,postgres", "--sizes=30x60", "--reps=1", "--warmup=0"
                }));

    assertThat(reps).extracting(Rep::storage).containsExactly("memory", "h2", "postgres");
    int opportunities = reps.get(0).opportunities();
    assertThat(opportunities).isPositive();
    for (Rep r : reps) {
      assertThat(r.report().signalsFetched()).isEqualTo(60);
      assertThat(r.opportunities()).as(r.storage()).isEqualTo(opportunities);
      assertThat(r.noop().signalsFetched()).isZero();
      assertThat(r.rerun().signalsUnchanged()).isEqualTo(60);
      assertThat(r.allocatedBytes()).isPositive();
      assertThat(r.oppWriteCalls()).isPositive();
    }
    assertThat(reps.get(0).peer()).isNull();
    assertThat(reps.subList(1, 3))
        .allSatisfy(r -> assertThat(r.peer().rows()).isEqualTo(opportunities));
    assertThat(EngineBenchmark.table(reps)).contains("| memory | 30 x 60 |", "| postgres |");
  }

  @Test
  void sizesAndStoragesParse() {
    EngineBenchmark.Options o = EngineBenchmark.Options.parse(new String[] {"--sizes=1_000x5000"});
    assertThat(o.storages()).containsExactly("memory", "h2", "postgres");
    assertThat(o.sizes()).containsExactly(new EngineBenchmark.Size(1_000, 5_000));
    assertThat(o.pool()).isTrue();
  }
}
