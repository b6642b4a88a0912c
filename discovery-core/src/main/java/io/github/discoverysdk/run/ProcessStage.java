package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage 2b, process: runs the ingestion processors enabled for the run's tenant over every signal a
 * source returned (or the shared cache held), before it is cached, stored or matched, calling each
 * with the run's tenant, and sums what they counted per kind for the run report, with the time they
 * took. A processor that throws rejects the signal (fail closed); only the exception's class is
 * logged, since its message may quote the text being cleaned. Thread-safe.
 */
final class ProcessStage {
  /** Why a signal was dropped, for the caller to count as a rejected record. */
  record Failure(Signal signal, String reason) {}

  private final RunContext ctx;
  private final List<SignalProcessor> processors;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  ProcessStage(RunContext ctx) {
    this.ctx = ctx;
    List<SignalProcessor> enabled = new ArrayList<>();
    for (SignalProcessor p : ctx.config.fetching().processors()) {
      if (p.enabledFor(ctx.tenant)) {
        enabled.add(p);
      }
    }
    this.processors = List.copyOf(enabled);
  }

  /**
   * Processes {@code signals} in order; those a processor failed on go to {@code failures}, not to
   * the result.
   */
  List<Signal> process(List<Signal> signals, List<Failure> failures) {
    if (processors.isEmpty() || signals.isEmpty()) {
      return signals;
    }
    long start = System.nanoTime();
    List<Signal> out = new ArrayList<>(signals.size());
    for (Signal s : signals) {
      try {
        out.add(processOne(s));
      } catch (RuntimeException e) {
        failures.add(new Failure(s, "processor failed: " + e.getClass().getName()));
      }
    }
    ctx.times.add(StageTimes.PROCESS, System.nanoTime() - start);
    return out;
  }

  /** One signal through every enabled processor; empty when one of them failed (logged here). */
  Optional<Signal> process(Signal signal) {
    List<Failure> failures = new ArrayList<>(0);
    List<Signal> out = process(List.of(signal), failures);
    for (Failure f : failures) {
      if (ctx.firstTime("process:" + f.signal().key().sourceId())) {
        RunContext.log.warn(
            "run {}: signal {} dropped: {}", ctx.runId, f.signal().key(), f.reason());
      }
      ctx.addError("signal " + f.signal().key() + " dropped: " + f.reason());
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0));
  }

  private Signal processOne(Signal signal) {
    Signal current = signal;
    for (SignalProcessor p : processors) {
      Signal next =
          p.process(
              ctx.tenant,
              current,
              (kind, n) -> {
                if (kind != null && n > 0) {
                  counts.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(n);
                }
              });
      if (next == null) {
        throw new IllegalStateException("processor " + p.id() + " returned null");
      }
      if (!next.key().equals(signal.key())) {
        throw new IllegalStateException("processor " + p.id() + " changed the signal's key");
      }
      current = next;
    }
    return current;
  }

  /** What the processors counted so far, by kind, sorted. */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
