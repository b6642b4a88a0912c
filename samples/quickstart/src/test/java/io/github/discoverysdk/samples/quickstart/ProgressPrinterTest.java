package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.RunProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  @Test
  void progressIsPrintedOnlyOnceTheRunTookLongerThanTheThreshold() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong nanos = new AtomicLong();
    ProgressPrinter printer =
        new ProgressPrinter(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(1),
            nanos::get);

    printer.onProgress(progress(0, Optional.empty()));
    nanos.addAndGet(Duration.ofMillis(400).toNanos());
    printer.onProgress(progress(1, Optional.of("news")));
    nanos.addAndGet(Duration.ofMillis(700).toNanos());
    printer.onProgress(progress(2, Optional.of("jobs")));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("  ... fetch 2/3 (jobs)\n");
  }

  private static RunProgress progress(int done, Optional<String> source) {
    return new RunProgress(
        "run-1", "demo", RunProgress.Stage.FETCH, done, 3, source, Instant.EPOCH);
  }
}
