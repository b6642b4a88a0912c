package io.github.discoverysdk.micrometer;

import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Discovery SDK's run metrics for Micrometer, added in one line:
 *
 * <pre>{@code
 * DiscoveryMetrics metrics = DiscoveryMetrics.create();
 * metrics.bindTo(registry);                        // Prometheus, OTLP, any MeterRegistry
 * DiscoveryEngine.builder().addRunListener(metrics)...
 * }</pre>
 *
 * <p>Meters, all counted when a run finishes (see {@link #METERS} for the list with their tags):
 *
 * <ul>
 *   <li>{@code discovery.runs} (counter; {@code kind}, {@code status}) and {@code
 *       discovery.run.duration} (timer; {@code kind}, {@code status});
 *   <li>{@code discovery.signals} (counter; {@code outcome}: fetched, new, changed, unchanged,
 *       rejected, backfilled);
 *   <li>{@code discovery.opportunities} (counter; {@code outcome}: new, updated, unchanged,
 *       archived, expired on arrival) and {@code discovery.alerts} (counter);
 *   <li>per source ({@code source}): {@code discovery.source.calls}, {@code
 *       discovery.source.cache.hits}, {@code discovery.source.records}, {@code
 *       discovery.source.rejected}, {@code discovery.source.errors} (counters) and {@code
 *       discovery.source.cost} (summary of the estimated cost per run);
 *   <li>{@code discovery.run.errors} (counter): errors a run reported;
 *   <li>{@code discovery.redactions} (counter; {@code kind}: email, phone, card, iban, … as the
 *       signal processors name them), registered once a run redacted something;
 *   <li>with {@link #withOutboxOf}: {@code discovery.outbox.pending}, {@code discovery.outbox.dead}
 *       and {@code discovery.outbox.oldest.age} (gauges, all tenants).
 * </ul>
 *
 * <p><b>Cardinality.</b> Tags take values from small sets: run kinds and statuses, outcomes, and
 * the ids of the registered sources. There is no tenant tag unless {@link #withTenantTag()} asks
 * for one (a host with a few tenants may want it; one with thousands should not), and never a
 * profile tag.
 *
 * <p>Thread-safe: runs of several tenants may finish at once. Binding to several registries is
 * allowed; a run is counted in each.
 */
public final class DiscoveryMetrics implements MeterBinder, RunListener {
  /** Every meter name this binder registers, for dashboards and alert rules. */
  public static final List<String> METERS =
      List.of(
          "discovery.runs",
          "discovery.run.duration",
          "discovery.run.errors",
          "discovery.signals",
          "discovery.opportunities",
          "discovery.alerts",
          "discovery.redactions",
          "discovery.source.calls",
          "discovery.source.cache.hits",
          "discovery.source.records",
          "discovery.source.rejected",
          "discovery.source.errors",
          "discovery.source.cost",
          "discovery.outbox.pending",
          "discovery.outbox.dead",
          "discovery.outbox.oldest.age");

  private final boolean tenantTag;
  private final Optional<OutboxGauges> outbox;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  private DiscoveryMetrics(boolean tenantTag, Optional<OutboxGauges> outbox) {
    this.tenantTag = tenantTag;
    this.outbox = outbox;
  }

  /** Metrics without a tenant tag. */
  public static DiscoveryMetrics create() {
    return new DiscoveryMetrics(false, Optional.empty());
  }

  /** These metrics with a {@code tenant} tag on the run meters: only for hosts with few tenants. */
  public DiscoveryMetrics withTenantTag() {
    return new DiscoveryMetrics(true, outbox);
  }

  /**
   * These metrics plus the gauges {@code discovery.outbox.pending}, {@code discovery.outbox.dead}
   * and {@code discovery.outbox.oldest.age} (seconds) over every tenant of {@code storage}. They
   * are measured at most once per {@code refresh} (one query per tenant), not on every scrape.
   */
  public DiscoveryMetrics withOutboxOf(Storage storage, Duration refresh, Clock clock) {
    return new DiscoveryMetrics(tenantTag, Optional.of(new OutboxGauges(storage, refresh, clock)));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(Objects.requireNonNull(registry, "registry"));
    outbox.ifPresent(o -> o.bindTo(registry));
  }

  @Override
  public void onRunFinished(RunReport report) {
    for (MeterRegistry registry : registries) {
      record(registry, report);
    }
  }

  private void record(MeterRegistry r, RunReport report) {
    Tags base = tenantTag ? Tags.of("tenant", report.tenant()) : Tags.empty();
    Tags run = base.and("kind", lower(report.kind()), "status", lower(report.status()));
    Counter.builder("discovery.runs")
        .description("Runs finished")
        .tags(run)
        .register(r)
        .increment();
    Timer.builder("discovery.run.duration")
        .description("How long runs took")
        .tags(run)
        .register(r)
        .record(nonNegative(Duration.between(report.startedAt(), report.finishedAt())));
    count(r, "discovery.run.errors", "Errors runs reported", base, report.errors().size());
    signals(r, base, "fetched", report.signalsFetched());
    signals(r, base, "new", report.signalsNew());
    signals(r, base, "changed", report.signalsChanged());
    signals(r, base, "unchanged", report.signalsUnchanged());
    signals(r, base, "rejected", report.recordsRejected());
    signals(r, base, "backfilled", report.signalsBackfilled());
    opportunities(r, base, "new", report.opportunitiesNew());
    opportunities(r, base, "updated", report.opportunitiesUpdated());
    opportunities(r, base, "unchanged", report.opportunitiesUnchanged());
    opportunities(r, base, "archived", report.opportunitiesArchived());
    opportunities(r, base, "expired", report.expiredOnArrival());
    count(r, "discovery.alerts", "Alerts queued by runs", base, report.alertsSent());
    report
        .redactions()
        .forEach(
            (kind, n) ->
                count(
                    r,
                    "discovery.redactions",
                    "Values redacted at ingestion, by kind",
                    base.and("kind", kind.toLowerCase(Locale.ROOT)),
                    n));
    for (SourceStats s : report.sources()) {
      Tags source = base.and("source", s.sourceId());
      count(r, "discovery.source.calls", "Calls to a source", source, s.calls());
      count(r, "discovery.source.cache.hits", "Answers from the cache", source, s.cacheHits());
      count(r, "discovery.source.records", "Records fetched", source, s.recordsFetched());
      count(r, "discovery.source.rejected", "Records rejected", source, s.recordsRejected());
      count(r, "discovery.source.errors", "Failed calls", source, s.errors());
      DistributionSummary.builder("discovery.source.cost")
          .description("Estimated cost of a source per run")
          .tags(source)
          .register(r)
          .record(Math.max(0, s.estimatedCost()));
    }
  }

  private static void signals(MeterRegistry r, Tags base, String outcome, int n) {
    count(
        r,
        "discovery.signals",
        "Signals by what the run did with them",
        base.and("outcome", outcome),
        n);
  }

  private static void opportunities(MeterRegistry r, Tags base, String outcome, int n) {
    count(
        r,
        "discovery.opportunities",
        "Opportunities by what the run did with them",
        base.and("outcome", outcome),
        n);
  }

  private static void count(MeterRegistry r, String name, String description, Tags tags, int n) {
    Counter c = Counter.builder(name).description(description).tags(tags).register(r);
    if (n > 0) {
      c.increment(n);
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
