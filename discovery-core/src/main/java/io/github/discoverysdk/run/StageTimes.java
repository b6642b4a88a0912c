package io.github.discoverysdk.run;

import io.github.discoverysdk.model.RunReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The time one run spent processing, matching, scoring and storing ({@link
 * RunReport#stageTimes()}), summed over the threads that write pages concurrently. Measured with
 * {@link System#nanoTime()}: these are CPU-side costs inside the fetch, not events on the engine's
 * clock. Thread-safe.
 */
final class StageTimes {
  static final String PROCESS = "process";
  static final String MATCH = "match";
  static final String SCORE = "score";
  static final String STORE = "store";

  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

  /** Adds {@code spent} nanoseconds to {@code stage}; a stage that ran is reported even at zero. */
  void add(String stage, long spent) {
    nanos.computeIfAbsent(stage, k -> new LongAdder()).add(Math.max(0, spent));
  }

  /** The stages that ran, in the order of {@link RunReport#STAGE_ORDER}. */
  Map<String, Duration> snapshot() {
    Map<String, Duration> out = new LinkedHashMap<>();
    for (String stage : RunReport.STAGE_ORDER) {
      LongAdder n = nanos.get(stage);
      if (n != null) {
        out.put(stage, Duration.ofNanos(n.sum()));
      }
    }
    return out;
  }
}
