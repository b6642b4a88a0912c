package io.github.discoverysdk.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * What one run did: a run of the discovery pipeline stage by stage and source by source, or a step
 * of the closed-deal chain with its {@link #counts()}. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface RunReport {
  /** The keys of {@link #stageTimes()}, in the order a page of signals passes them. */
  List<String> STAGE_ORDER = List.of("process", "match", "score", "store");

  String runId();

  String tenant();

  @Value.Default
  default RunKind kind() {
    return RunKind.DISCOVERY;
  }

  /** The profiles the run was asked for. */
  List<ProfileId> profiles();

  Instant startedAt();

  Instant finishedAt();

  default Duration duration() {
    return Duration.between(startedAt(), finishedAt());
  }

  RunStatus status();

  /** Queries planned from the profiles, before grouping. */
  int queriesPlanned();

  /** Distinct queries sent, after grouping identical ones. */
  int queriesExecuted();

  int signalsFetched();

  int signalsNew();

  int signalsChanged();

  int signalsUnchanged();

  int recordsRejected();

  /** Stored signals matched against profiles that are new or changed since they were last run. */
  int signalsBackfilled();

  /** (signal, profile) pairs that matched. */
  int matches();

  int opportunitiesNew();

  int opportunitiesUpdated();

  int opportunitiesUnchanged();

  /** Opportunities archived: their event was cancelled, removed or ended long ago. */
  @Value.Default
  default int opportunitiesArchived() {
    return 0;
  }

  /**
   * Matched signals already past their archive horizon on first sight (a cancelled event, an event
   * that ended longer ago than {@code LifecyclePolicy.archiveAfterEventEnd()}): they created no
   * opportunity.
   */
  @Value.Default
  default int expiredOnArrival() {
    return 0;
  }

  /** Companies the enricher added attributes to. */
  @Value.Default
  default int companiesEnriched() {
    return 0;
  }

  /**
   * Why enrichment sources were skipped (no key for the tenant, a failure); the run went on without
   * them.
   */
  List<String> enrichmentSkipped();

  /** Signals whose change was recorded as a lifecycle event. */
  @Value.Default
  default int lifecycleEvents() {
    return 0;
  }

  int alertsSent();

  /**
   * What the ingestion processors counted, by kind: for the PII redactor, how many e-mail addresses
   * ({@code EMAIL}), phone numbers ({@code PHONE}), card numbers ({@code CARD}), IBANs ({@code
   * IBAN}) and person names ({@code PERSON}) it replaced. Kinds that found nothing are absent;
   * empty when no processor ran.
   */
  Map<String, Integer> redactions();

  /**
   * What a run that is not a discovery counted, by name: for the closed-deal chain's steps the
   * figures listed on their {@link RunKind} ({@code deals}, {@code calls}, {@code won}, {@code
   * updated}, {@code moved}…). Empty for the runs of the discovery pipeline, whose figures are the
   * fields above.
   */
  Map<String, Integer> counts();

  /**
   * Time the run spent inside its fetch and backfill work, summed over the threads that processed
   * pages concurrently (so it can exceed the run's duration): {@code process} in the ingestion
   * processors, {@code match} matching signals against the profiles, {@code score} scoring the
   * matches, {@code store} in the write transactions apart from the matching and scoring done in
   * them. Measured on the JVM's monotonic timer, not the engine's clock. A key is absent when its
   * work never ran (no processor enabled, nothing fetched); empty for reports that predate it.
   */
  Map<String, Duration> stageTimes();

  List<SourceStats> sources();

  /** One line per failure, naming the source or stage. */
  List<String> errors();

  /** A few lines a human can read. */
  default String summary() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%s run %s for tenant %s: %s in %d ms%n",
            kind().name().toLowerCase(Locale.ROOT),
            runId(),
            tenant(),
            status(),
            duration().toMillis()));
    b.append(
        String.format("  queries: %d planned, %d executed%n", queriesPlanned(), queriesExecuted()));
    b.append(
        String.format(
            "  signals: %d fetched, %d new, %d changed, %d unchanged, %d rejected, %d backfilled%n",
            signalsFetched(),
            signalsNew(),
            signalsChanged(),
            signalsUnchanged(),
            recordsRejected(),
            signalsBackfilled()));
    b.append(
        String.format(
            "  opportunities: %d new, %d updated, %d unchanged, %d archived, %d expired on arrival"
                + " (%d matches), %d alerts%n",
            opportunitiesNew(),
            opportunitiesUpdated(),
            opportunitiesUnchanged(),
            opportunitiesArchived(),
            expiredOnArrival(),
            matches(),
            alertsSent()));
    if (!redactions().isEmpty()) {
      StringBuilder r = new StringBuilder();
      new TreeMap<>(redactions()).forEach((k, v) -> r.append(", ").append(v).append(' ').append(k));
      b.append("  redacted: ").append(r.substring(2)).append(System.lineSeparator());
    }
    if (!counts().isEmpty()) {
      StringBuilder c = new StringBuilder();
      new TreeMap<>(counts()).forEach((k, v) -> c.append(", ").append(v).append(' ').append(k));
      b.append("  counts: ").append(c.substring(2)).append(System.lineSeparator());
    }
    if (!stageTimes().isEmpty()) {
      StringBuilder t = new StringBuilder();
      List<String> keys = new ArrayList<>(STAGE_ORDER);
      new TreeMap<>(stageTimes())
          .keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
      for (String k : keys) {
        Duration d = stageTimes().get(k);
        if (d != null) {
          t.append(", ").append(k).append(' ').append(d.toMillis()).append(" ms");
        }
      }
      b.append("  stage times: ").append(t.substring(2)).append(System.lineSeparator());
    }
    if (lifecycleEvents() > 0) {
      b.append(String.format("  lifecycle: %d signals changed%n", lifecycleEvents()));
    }
    for (SourceStats s : sources()) {
      b.append(
          String.format(
              "  source %s: %d calls, %d cache hits, %d records, %d rejected, %d errors, cost %.2f%n",
              s.sourceId(),
              s.calls(),
              s.cacheHits(),
              s.recordsFetched(),
              s.recordsRejected(),
              s.errors(),
              s.estimatedCost()));
    }
    for (String e : enrichmentSkipped()) {
      b.append("  enrichment skipped: ").append(e).append(System.lineSeparator());
    }
    for (String e : errors()) {
      b.append("  error: ").append(e).append(System.lineSeparator());
    }
    return b.toString();
  }

  @Value.Check
  default void check() {
    Tenants.check("runReport.tenant", tenant());
    for (Map.Entry<String, Duration> e : stageTimes().entrySet()) {
      if (e.getValue().isNegative()) {
        throw new IllegalArgumentException(
            "stageTimes." + e.getKey() + " must not be negative, was " + e.getValue());
      }
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableRunReport.Builder {}
}
