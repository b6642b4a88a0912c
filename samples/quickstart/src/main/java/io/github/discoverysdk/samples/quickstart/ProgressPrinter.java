package io.github.discoverysdk.samples.quickstart;

import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.spi.RunListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Prints a run's progress, but only once the run has taken longer than a threshold (a second in the
 * quickstart): short runs stay quiet, long ones say where they are. Thread-safe.
 */
final class ProgressPrinter implements RunListener {
  private final PrintStream out;
  private final Duration threshold;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Long> startedAt = new ConcurrentHashMap<>();

  ProgressPrinter(PrintStream out, Duration threshold, LongSupplier nanoTime) {
    this.out = out;
    this.threshold = threshold;
    this.nanoTime = nanoTime;
  }

  @Override
  public void onProgress(RunProgress p) {
    long now = nanoTime.getAsLong();
    long start = startedAt.computeIfAbsent(p.runId(), id -> now);
    if (now - start < threshold.toNanos()) {
      return;
    }
    synchronized (out) {
      out.printf(
          "  ... %s %d/%d%s%n",
          p.stage().name().toLowerCase(java.util.Locale.ROOT),
          p.done(),
          p.total(),
          p.source().map(s -> " (" + s + ")").orElse(""));
    }
  }

  @Override
  public void onRunFinished(RunReport report) {
    startedAt.remove(report.runId());
  }
}
