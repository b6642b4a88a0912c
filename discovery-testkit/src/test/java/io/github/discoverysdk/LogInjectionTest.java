package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text from a source cannot forge log lines: a rejected record whose id and reason carry line
 * breaks, a Unicode line separator and an ANSI escape is logged on one line (slf4j-simple writes to
 * {@code System.err}, captured here), and the same holds for every SDK exception's message.
 */
class LogInjectionTest {
  private static final String FORGED =
      "\r\n[main] ERROR io.github.discoverysdk.DiscoveryEngine - forged";

  @Test
  void aHostileRecordIdAndReasonStayOnTheirLogLine() {
    ScriptedSource source =
        ScriptedSource.feed("feed").reject("r1" + FORGED, "bad\u2028date\u001b[31m" + FORGED);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RunReport report;
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(source)
            .scorer(Scoring.defaults())
            .clock(MutableClock.at(Instant.parse("2026-11-23T10:00:00Z")))
            .build()) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        report = engine.discover(engine.profiles().save(Fixtures.profile("acme", "p")).id());
      } finally {
        System.setErr(err);
      }
    }

    assertThat(report.recordsRejected()).isEqualTo(1);
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> mentioning = lines.stream().filter(l -> l.contains("forged")).toList();
    assertThat(mentioning)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("malformed record")
                    .contains("r1\\r\\n[main] ERROR")
                    .contains("bad\\u2028date\\u001b[31m")
                    .doesNotContain("\u001b"));
  }

  @Test
  void everySdkExceptionMessageIsOneLine() {
    SourceException e = new SourceException("src", "id" + FORGED, "reason\u2029" + FORGED, null);
    assertThat(e.getMessage())
        .doesNotContain("\r", "\n", "\u2029")
        .contains("id\\r\\n[main]", "reason\\u2029\\r\\n");
    assertThat(new ValidationException("name was 'a\nb'").getMessage())
        .isEqualTo("name was 'a\\nb'");
  }
}
