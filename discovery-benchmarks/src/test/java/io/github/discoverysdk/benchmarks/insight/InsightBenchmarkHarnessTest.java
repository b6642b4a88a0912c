package io.github.discoverysdk.benchmarks.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the insight benchmark on a small tenant so that the harness keeps working; it asserts what
 * the harness loads and reads, never how fast.
 */
class InsightBenchmarkHarnessTest {
  @Test
  void aSmallRunReadsEveryManagersCardsAndExplainsBothQueries() throws Exception {
    InsightBenchmark.Result r = InsightBenchmark.run(2_000, 20, 5, 10, true);

    // 2,000 cards in 20 accounts: 100 per account, 500 per manager of 5 accounts.
    assertThat(r.cardsPerManager()).isEqualTo(500);
    assertThat(r.signalsPerHealth()).isPositive().isLessThanOrEqualTo(100);
    assertThat(r.stats()).hasSize(10);
    assertThat(r.plans()).hasSize(2);
    assertThat(r.plans().values()).allSatisfy(p -> assertThat(p).contains("Execution Time"));
    // Both read the card records alone: no opportunity, review card or feedback row is read, by
    // primary key or otherwise (#15).
    assertThat(r.plans().values())
        .allSatisfy(
            p ->
                assertThat(p)
                    .doesNotContain("discovery_opportunity")
                    .doesNotContain("discovery_review_card")
                    .doesNotContain("discovery_feedback"));
    assertThat(InsightBenchmark.table(r)).contains("| inbox stats (one manager) | 500 cards |");
  }
}
