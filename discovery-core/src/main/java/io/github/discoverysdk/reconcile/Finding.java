package io.github.discoverysdk.reconcile;

import java.time.Instant;
import java.util.Objects;

/**
 * One drift the {@link Reconciliation} job found, and whether it repaired it. Immutable and
 * thread-safe.
 *
 * @param kind what drifted
 * @param tenant whose data
 * @param subject what drifted: an outbox entry id, a signal key, an opportunity id, {@code index}
 * @param since when the drifted state began (the entry fell due, the card was last touched, …)
 * @param detail a short explanation for a person, free of secrets and personal data
 * @param repaired whether the job repaired it in this run
 */
public record Finding(
    FindingKind kind,
    String tenant,
    String subject,
    Instant since,
    String detail,
    boolean repaired) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The finding's stable key: the same drift (same kind, tenant, subject and start) found by
   * several runs or several engines has the same key, so that an alert raised from it can be
   * deduplicated (as the outbox does on its dedupe key); a new occurrence of the drift, later, has
   * a new one.
   */
  public String key() {
    return "reconcile|" + kind.tag() + "|" + tenant + "|" + subject + "|" + since.toEpochMilli();
  }
}
