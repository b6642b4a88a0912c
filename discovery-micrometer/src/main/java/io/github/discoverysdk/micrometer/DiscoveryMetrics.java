package io.github.discoverysdk.micrometer;

import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.reconcile.Finding;
import io.github.discoverysdk.reconcile.ReconcileListener;
import io.github.discoverysdk.reconcile.ReconcileReport;
import io.github.discoverysdk.spi.CircuitState;
import io.github.discoverysdk.spi.DeliveryEvent;
import io.github.discoverysdk.spi.HttpCallEvent;
import io.github.discoverysdk.spi.HttpCallListener;
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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The Discovery SDK's run metrics for Micrometer, added in one line:
 *
 * <pre>{@code
 * DiscoveryMetrics metrics = DiscoveryMetrics.create();
 * metrics.bindTo(registry);                        // Prometheus, OTLP, any MeterRegistry
 * DiscoveryEngine.builder().addRunListener(metrics)...          // runs, stages, deliveries
 * HttpToolkit.builder().httpCallListener(metrics)...            // HTTP calls and breakers
 * Reconciliation.builder().addListener(metrics)...              // reconciliation findings
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
 *       and {@code discovery.outbox.oldest.age} (gauges, all tenants);
 *   <li>{@code discovery.run.stage.duration} (timer; {@code stage}): time per pipeline stage, from
 *       the runs' progress on the engine's clock ({@code backfill}, {@code fetch}, {@code refresh},
 *       {@code archive}, {@code deliver}), and the time a run spent inside them in the ingestion
 *       processors, matching, scoring and its write transactions ({@code process}, {@code match},
 *       {@code score}, {@code store}; {@code RunReport.stageTimes()}, summed over threads);
 *   <li>{@code discovery.delivery.attempts} (counter; {@code sink}, {@code kind}, {@code outcome}:
 *       sent, retry, dead) and {@code discovery.delivery.dead.letters} (counter; {@code sink});
 *   <li>as an {@link HttpCallListener}: {@code discovery.http.calls} (counter; {@code source},
 *       {@code method}, {@code status}, {@code outcome}, {@code cache}), {@code
 *       discovery.http.latency} (timer; {@code source}, {@code method}), {@code
 *       discovery.http.cache.hit.ratio} (gauge; {@code source}) and {@code
 *       discovery.http.circuit.state} (gauge; {@code source}, {@code state}: 1 for the breaker's
 *       current state, 0 for the others);
 *   <li>as a {@link ReconcileListener}: {@code discovery.reconcile.findings} (counter; {@code
 *       kind}, {@code repaired}) and {@code discovery.reconcile.runs} (counter; {@code outcome});
 *   <li>with a tenant tag only: {@code discovery.tenant.cost} (counter; {@code tenant}), the
 *       estimated cost of the tenant's runs.
 * </ul>
 *
 * <p><b>Cardinality.</b> Tags take values from small sets: run kinds and statuses, outcomes, and
 * the ids of the registered sources and sinks, HTTP methods and status codes. There is no tenant
 * tag unless {@link #withTenantTag()} or {@link #withTenantTags(Set)} asks for one (a host with a
 * few tenants may want it; one with thousands should name the few), and never a profile tag.
 *
 * <p>Thread-safe: runs of several tenants may finish at once. Binding to several registries is
 * allowed; a run is counted in each.
 */
public final class DiscoveryMetrics
    implements MeterBinder, RunListener, HttpCallListener, ReconcileListener {
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
          "discovery.outbox.oldest.age",
          "discovery.run.stage.duration",
          "discovery.delivery.attempts",
          "discovery.delivery.dead.letters",
          "discovery.http.calls",
          "discovery.http.latency",
          "discovery.http.cache.hit.ratio",
          "discovery.http.circuit.state",
          "discovery.reconcile.findings",
          "discovery.reconcile.runs",
          "discovery.tenant.cost");

  /** The tag value of tenants not named in {@link #withTenantTags(Set)}. */
  public static final String OTHER_TENANTS = "other";

  private final boolean tenantTag;
  private final Optional<Set<String>> namedTenants;
  private final Optional<OutboxGauges> outbox;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final HttpMeters http = new HttpMeters(registries);
  private final PipelineMeters pipeline = new PipelineMeters(registries);

  private DiscoveryMetrics(
      boolean tenantTag, Optional<Set<String>> namedTenants, Optional<OutboxGauges> outbox) {
    this.tenantTag = tenantTag;
    this.namedTenants = namedTenants;
    this.outbox = outbox;
  }

  /** Metrics without a tenant tag. */
  public static DiscoveryMetrics create() {
    return new DiscoveryMetrics(false, Optional.empty(), Optional.empty());
  }

  /**
   * These metrics with a {@code tenant} tag on the run meters and {@code discovery.tenant.cost}:
   * only for hosts with few tenants, since every tenant becomes a series.
   */
  public DiscoveryMetrics withTenantTag() {
    return new DiscoveryMetrics(true, Optional.empty(), outbox);
  }

  /**
   * These metrics with a {@code tenant} tag whose value is the tenant for the tenants named here
   * and {@link #OTHER_TENANTS} for every other: cost per tenant with bounded cardinality, for a
   * host with many tenants that watches a few.
   */
  public DiscoveryMetrics withTenantTags(Set<String> tenants) {
    return new DiscoveryMetrics(true, Optional.of(Set.copyOf(tenants)), outbox);
  }

  /**
   * These metrics plus the gauges {@code discovery.outbox.pending}, {@code discovery.outbox.dead}
   * and {@code discovery.outbox.oldest.age} (seconds) over every tenant of {@code storage}. They
   * are measured at most once per {@code refresh} (one query per tenant), not on every scrape.
   */
  public DiscoveryMetrics withOutboxOf(Storage storage, Duration refresh, Clock clock) {
    return new DiscoveryMetrics(
        tenantTag, namedTenants, Optional.of(new OutboxGauges(storage, refresh, clock)));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(Objects.requireNonNull(registry, "registry"));
    outbox.ifPresent(o -> o.bindTo(registry));
    http.bindTo(registry);
  }

  @Override
  public void onRunFinished(RunReport report) {
    for (MeterRegistry registry : registries) {
      record(registry, report);
    }
    pipeline.onRunFinished(report);
  }

  /** Times the pipeline's stages ({@code discovery.run.stage.duration}). */
  @Override
  public void onProgress(RunProgress progress) {
    pipeline.onProgress(progress);
  }

  /** Counts delivery attempts and dead letters per sink. */
  @Override
  public void onDelivery(DeliveryEvent event) {
    pipeline.onDelivery(event);
  }

  /** Counts the call, times it and keeps the source's cache hit ratio. */
  @Override
  public void onHttpCall(HttpCallEvent call) {
    http.onCall(call);
  }

  /** Shows the breaker's state as {@code discovery.http.circuit.state}. */
  @Override
  public void onCircuitBreaker(String sourceId, Supplier<CircuitState> state) {
    http.onCircuitBreaker(sourceId, state);
  }

  /** Counts the finding by kind. */
  @Override
  public void onFinding(Finding finding) {
    pipeline.onFinding(finding);
  }

  /** Counts the reconciliation, run or skipped. */
  @Override
  public void onFinished(ReconcileReport report) {
    pipeline.onReconciled(report);
  }

  private String tenantValue(String tenant) {
    return namedTenants.map(n -> n.contains(tenant) ? tenant : OTHER_TENANTS).orElse(tenant);
  }

  private void record(MeterRegistry r, RunReport report) {
    Tags base = tenantTag ? Tags.of("tenant", tenantValue(report.tenant())) : Tags.empty();
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
    if (tenantTag) {
      Counter.builder("discovery.tenant.cost")
          .description("Estimated cost of a tenant's runs")
          .tags(base)
          .register(r)
          .increment(
              report.sources().stream().mapToDouble(s -> Math.max(0, s.estimatedCost())).sum());
    }
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
