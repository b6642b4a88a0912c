package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.session.SessionInsights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionWalkthroughTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @Test
  void aSessionIsAnsweredNotedExportedAndItsInsightsPrinted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SessionInsights insights;
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      insights =
          SessionWalkthrough.run(
              new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK, storage);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(insights.maturity().score()).isEqualTo(70);
    assertThat(out)
        .contains("JSON export SUCCESS")
        .contains("CSV export SUCCESS")
        .contains("\"response\",\"security.endpoint\"")
        .contains("\"note\",\"security.endpoint\"")
        .contains("Consolidation candidate: 2 vendors in endpoint_security: CrowdStrike, Broadcom")
        .contains("Gap: category threat_detection has no vendor")
        .contains("Maturity of security: 70/100")
        .contains("Alternatives to Okta: [")
        .contains("COMPLETED at 2026-11-21T09:30:00Z");
  }
}
