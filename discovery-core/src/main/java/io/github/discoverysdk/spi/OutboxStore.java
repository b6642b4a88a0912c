package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.model.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alerts and pushes waiting for delivery: {@link Storage#outbox()}. Entries carry their tenant;
 * listings take it first. Thread-safe, as every store is.
 */
public interface OutboxStore {
  /**
   * Adds an entry unless one with the same (tenant, sink, dedupe key) exists; returns whether it
   * was added. Call it in the transaction of the change that caused it.
   */
  boolean enqueue(OutboxEntry entry);

  /**
   * Adds each entry as {@link #enqueue} does, one after the other, and returns, per entry in order,
   * whether it was added: an entry whose (tenant, sink, dedupe key) or (tenant, id) is stored, or
   * was added by an earlier entry of the batch, is skipped (the first wins). Call it in the
   * transaction of the change that caused the entries. Implementations write a batch atomically in
   * a fixed number of statements; the default enqueues one by one, so it is atomic only inside
   * {@link Storage#inTransaction}.
   */
  default List<Boolean> enqueueAll(List<OutboxEntry> entries) {
    List<Boolean> added = new ArrayList<>(entries.size());
    for (OutboxEntry e : List.copyOf(entries)) {
      added.add(enqueue(e));
    }
    return List.copyOf(added);
  }

  /**
   * The tenants that have PENDING entries due at {@code now}, in tenant order: for dispatching
   * every tenant's outbox, including tenants without profiles (whose sessions are exported, say).
   * Reads across tenants by design, returning no entry. The default finds none, so that a storage
   * written before it dispatches only the tenants with profiles; implementations should override
   * it.
   */
  default List<String> tenantsWithDue(Instant now) {
    return List.of();
  }

  /** The tenant's PENDING entries due at {@code now}, earliest due first, at most {@code limit}. */
  List<OutboxEntry> listDue(String tenant, Instant now, int limit);

  /**
   * Updates an entry whose version equals the stored one; returns it with the version incremented.
   *
   * @throws ConcurrentUpdateException if the version is stale
   * @throws io.github.discoverysdk.NotFoundException if there is no such entry
   */
  OutboxEntry save(OutboxEntry entry);

  /** The tenant's entry with this id, or empty: for a manual retry and for support. */
  Optional<OutboxEntry> find(String tenant, String id);

  /** How many of the tenant's entries are PENDING and DEAD, and the oldest pending: one query. */
  OutboxDepth depth(String tenant);

  /** The tenant's entries, newest first, at most {@code limit}: for inspection and support. */
  List<OutboxEntry> list(String tenant, int limit);
}
