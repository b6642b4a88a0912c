package io.github.discoverysdk.micrometer;

import io.github.discoverysdk.spi.CircuitState;
import io.github.discoverysdk.spi.HttpCallEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The HTTP meters of {@link DiscoveryMetrics}: calls, latency and status per source, the cache hit
 * ratio per source and the state of each source's circuit breaker. Tags are the source id (the
 * registered sources and sinks), the method, the status code and the outcome: small sets. Thread-
 * safe.
 */
final class HttpMeters {
  /** Hits and calls of one source, for its hit ratio. */
  private static final class Ratio {
    final AtomicLong hits = new AtomicLong();
    final AtomicLong calls = new AtomicLong();

    double value() {
      long c = calls.get();
      return c == 0 ? 0.0 : (double) hits.get() / c;
    }
  }

  private final List<MeterRegistry> registries;
  private final Map<String, Ratio> ratios = new ConcurrentHashMap<>();
  private final Map<String, Supplier<CircuitState>> breakers = new ConcurrentHashMap<>();

  HttpMeters(List<MeterRegistry> registries) {
    this.registries = registries;
  }

  /** Registers the gauges already known (breakers, hit ratios) in a newly bound registry. */
  synchronized void bindTo(MeterRegistry registry) {
    ratios.forEach((source, ratio) -> ratioGauge(registry, source, ratio));
    breakers.forEach((source, state) -> breakerGauges(registry, source, state));
  }

  void onCall(HttpCallEvent call) {
    String source = call.sourceId();
    Ratio ratio = ratios.get(source);
    if (ratio == null) {
      ratio = newRatio(source);
    }
    ratio.calls.incrementAndGet();
    if (call.cacheHit()) {
      ratio.hits.incrementAndGet();
    }
    Tags tags =
        Tags.of(
            "source",
            source,
            "method",
            call.method().toUpperCase(Locale.ROOT),
            "status",
            call.status() == 0 ? "none" : Integer.toString(call.status()),
            "outcome",
            call.outcome().toLowerCase(Locale.ROOT).replace(' ', '_'),
            "cache",
            call.cacheHit() ? "hit" : "miss");
    for (MeterRegistry r : registries) {
      Counter.builder("discovery.http.calls")
          .description("HTTP calls connectors made, by source, status and outcome")
          .tags(tags)
          .register(r)
          .increment();
      if (!call.cacheHit()) {
        Timer.builder("discovery.http.latency")
            .description("How long HTTP calls took, retries included, by source")
            .tags("source", source, "method", call.method().toUpperCase(Locale.ROOT))
            .register(r)
            .record(call.latency());
      }
    }
  }

  private synchronized Ratio newRatio(String source) {
    Ratio existing = ratios.get(source);
    if (existing != null) {
      return existing;
    }
    Ratio ratio = new Ratio();
    ratios.put(source, ratio);
    registries.forEach(r -> ratioGauge(r, source, ratio));
    return ratio;
  }

  synchronized void onCircuitBreaker(String source, Supplier<CircuitState> state) {
    breakers.put(source, state);
    registries.forEach(r -> breakerGauges(r, source, state));
  }

  private static void ratioGauge(MeterRegistry r, String source, Ratio ratio) {
    Gauge.builder("discovery.http.cache.hit.ratio", ratio, Ratio::value)
        .description("Share of a source's calls the cache answered, since start")
        .tags("source", source)
        .strongReference(true)
        .register(r);
  }

  /** One gauge per state, 1 for the current one and 0 for the others (as Resilience4j does). */
  private static void breakerGauges(MeterRegistry r, String source, Supplier<CircuitState> state) {
    for (CircuitState s : CircuitState.values()) {
      Gauge.builder("discovery.http.circuit.state", state, st -> st.get() == s ? 1 : 0)
          .description("Whether a source's circuit breaker is in this state (1) or not (0)")
          .tags("source", source, "state", s.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(r);
    }
  }
}
