package io.github.discoverysdk.audit;

import java.time.Instant;
import java.util.List;

/**
 * The audit log: {@code Storage.audit()}. Append-only: there is no method to change or delete an
 * entry, and the JDBC implementation only inserts into its table. Every read names its tenant first
 * and is keyset-paged by {@link AuditEntry#sequence()}: pass the last sequence of a page as {@code
 * afterSequence} (0 for the first page). Thread-safe, as every store is.
 */
public interface AuditStore {
  /**
   * Appends entries (their sequence ignored) in order, assigning increasing sequences; returns them
   * as stored. Call it in the transaction of the change it records, so that a rolled-back change
   * leaves no entry. All-or-nothing.
   */
  List<AuditEntry> append(List<AuditEntry> entries);

  /** The entries about one entity, oldest first. */
  List<AuditEntry> byEntity(
      String tenant, String entityType, String entityId, long afterSequence, int limit);

  /** The entries of one actor, oldest first. */
  List<AuditEntry> byActor(String tenant, String actor, long afterSequence, int limit);

  /** The tenant's entries with {@code from <= at < to}, in sequence order. */
  List<AuditEntry> byTime(String tenant, Instant from, Instant to, long afterSequence, int limit);
}
