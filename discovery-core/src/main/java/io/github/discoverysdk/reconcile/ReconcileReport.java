package io.github.discoverysdk.reconcile;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one reconciliation of one tenant found and repaired. Immutable and thread-safe.
 *
 * @param tenant the tenant reconciled
 * @param startedAt when it started, by the job's clock
 * @param finishedAt when it ended
 * @param ran false when another job held the tenant's lease: nothing was checked
 * @param findings every finding, in the order found
 * @param errors checks that could not be made (a CRM that did not answer, …), free of secrets
 */
public record ReconcileReport(
    String tenant,
    Instant startedAt,
    Instant finishedAt,
    boolean ran,
    List<Finding> findings,
    List<String> errors) {
  public ReconcileReport {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
  }

  /** How many findings of each kind; kinds not found are absent. */
  public Map<FindingKind, Integer> countsByKind() {
    Map<FindingKind, Integer> out = new EnumMap<>(FindingKind.class);
    findings.forEach(f -> out.merge(f.kind(), 1, Integer::sum));
    return Map.copyOf(out);
  }

  /** How many findings were repaired. */
  public int repaired() {
    return (int) findings.stream().filter(Finding::repaired).count();
  }

  /** The findings of one kind. */
  public List<Finding> of(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }
}
