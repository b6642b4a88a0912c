package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.deals.IcpDiff;
import io.github.discoverysdk.jdbc.JdbcStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClosedDealsWalkthroughTest {
  @Test
  void importsEnrichesReportsAndProposesTheIcpsChanges() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IcpDiff diff;
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      diff =
          ClosedDealsWalkthrough.run(
              new PrintStream(bytes, true, StandardCharsets.UTF_8),
              Clock.fixed(ClosedDealsWalkthrough.AS_OF, ZoneOffset.UTC),
              storage);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("Imported 36 closed deals from the CRM export (0 rows rejected)")
        .contains("a second batch answered")
        .contains("a second batch answered 124 from the cache")
        .contains("ICP chain for 2026-11: DONE")
        .contains("Running the chain again this month: ALREADY_DONE")
        .contains("Contacts by last outcome: {ENRICHED=")
        .contains("Changes the ICP made to profile 'Payments accounts' (opted in):")
        .contains("Stats: 36 closed deals")
        .contains("Ideal customer from 24 won and 12 lost deals:")
        .contains("financial services:")
        .contains(" won deals, ");
    assertThat(diff.changes())
        .extracting(c -> c.field() + " " + c.value())
        .contains("REGIONS germany", "TARGET_TITLES VP Sales")
        .noneMatch(c -> c.startsWith("INDUSTRIES financial services"));
  }
}
