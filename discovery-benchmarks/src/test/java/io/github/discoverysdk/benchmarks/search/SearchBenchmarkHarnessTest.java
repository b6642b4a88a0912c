package io.github.discoverysdk.benchmarks.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the search benchmark on a tiny corpus so that it keeps working as the index changes; it
 * asserts what the harness does (every hit in scope, which it checks itself, and a full table),
 * never how fast.
 */
class SearchBenchmarkHarnessTest {
  @Test
  void harnessIndexesQueriesWithinScopeAndPrintsTheTable() throws Exception {
    for (String store : new String[] {"memory", "disk"}) {
      SearchBenchmark.Result r =
          SearchBenchmark.run(
              SearchBenchmark.Options.parse(
                  new String[] {
                    "--docs=3000",
                    "--accounts=40",
                    "--batch=500",
                    "--queries=50",
                    "--warmup=5",
                    "--store=" + store
                  }));

      assertThat(r.docsPerSecond()).isPositive();
      assertThat(r.scoped().meanHits()).as("scoped queries find documents").isPositive();
      assertThat(r.tenantWide().meanHits()).isGreaterThanOrEqualTo(r.scoped().meanHits());
      assertThat(r.indexBytes() > 0).isEqualTo(store.equals("disk"));
      assertThat(SearchBenchmark.table(r))
          .contains("| indexing: documents/s |", "| scoped two-word query: p50 / p99 / max |");
    }
  }

  @Test
  void optionsParse() {
    SearchBenchmark.Options o =
        SearchBenchmark.Options.parse(new String[] {"--docs=1_000_000", "--store=memory"});
    assertThat(o.docs()).isEqualTo(1_000_000);
    assertThat(o.disk()).isFalse();
    assertThat(o.accounts()).isEqualTo(1_000);
  }
}
