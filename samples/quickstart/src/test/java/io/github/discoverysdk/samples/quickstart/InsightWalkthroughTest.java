package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.draft.Draft;
import io.github.discoverysdk.jdbc.JdbcStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsightWalkthroughTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @Test
  void readModelsPlaybookDraftsSearchAndDashboardWorkTogether() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Draft> drafts;
    try (JdbcStorage storage = JdbcStorage.h2InMemory()) {
      drafts =
          InsightWalkthrough.run(
              new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK, storage);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(drafts).hasSize(3).allSatisfy(d -> assertThat(d.text()).doesNotContain("{{"));
    assertThat(drafts).allSatisfy(d -> assertThat(d.citations()).isNotEmpty());
    assertThat(drafts.get(0).text()).contains("I'm writing about ").contains("What I saw:\n- ");
    assertThat(out)
        .contains("== Ana's inbox, last 30 days")
        .containsPattern("\\n[1-9][0-9]* cards \\(")
        .contains("== Stripe's health")
        .contains("playbook ")
        .contains("because [")
        .contains("cites ")
        .contains("== Ana searches")
        .contains("OPPORTUNITY")
        .contains("signal-to-card latency P50 ");
  }
}
