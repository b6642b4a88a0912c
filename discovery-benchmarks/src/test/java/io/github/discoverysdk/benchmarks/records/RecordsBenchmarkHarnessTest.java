package io.github.discoverysdk.benchmarks.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the records benchmark on a small table so that the harness keeps working; it asserts what
 * the harness counts, never how fast.
 */
class RecordsBenchmarkHarnessTest {
  @Test
  void hourlyRunsReadTheChangedRowsAndFindEveryConversion() throws Exception {
    RecordsBenchmark.Result r = RecordsBenchmark.run(3_000, 2, "h2", null);

    assertThat(r.backfillRows()).isEqualTo(3_000);
    assertThat(r.hours()).hasSize(2);
    for (RecordsBenchmark.Hour h : r.hours()) {
      assertThat(h.conversionsFound()).isEqualTo(h.conversionsMade()).isPositive();
      assertThat(h.rowsRead()).isBetween((long) h.changed(), 2L * h.changed());
      assertThat(h.peerRows()).isEqualTo(3_000);
    }
    assertThat(RecordsBenchmark.table(r, "H2", "h2")).contains("| 1 | 30 |");
  }
}
