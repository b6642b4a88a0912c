package io.github.discoverysdk.storage;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.model.OutboxDepth;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox of an {@link InMemoryStorage}. Thread-safe: every method runs under the state's lock.
 */
final class MemoryOutboxStore implements OutboxStore {
  private final MemoryState state;

  MemoryOutboxStore(MemoryState state) {
    this.state = state;
  }

  // ---- outbox

  @Override
  public boolean enqueue(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return state.write(() -> enqueueInTransaction(entry));
  }

  /**
   * Enqueues the batch under one write lock, each entry as {@link #enqueue} does, so a later entry
   * of the batch sees the earlier ones: of two with one dedupe key the first is added.
   */
  @Override
  public List<Boolean> enqueueAll(List<OutboxEntry> entries) {
    List<OutboxEntry> batch = List.copyOf(Objects.requireNonNull(entries, "entries"));
    return state.write(
        () -> {
          List<Boolean> added = new ArrayList<>(batch.size());
          for (OutboxEntry e : batch) {
            added.add(enqueueInTransaction(e));
          }
          return List.copyOf(added);
        });
  }

  private boolean enqueueInTransaction(OutboxEntry entry) {
    TenantData t = state.writable(entry.tenant());
    String dedupe = entry.sinkId() + "\u0000" + entry.dedupeKey();
    if (t.outboxByDedupe.containsKey(dedupe) || t.outbox.containsKey(entry.id())) {
      return false;
    }
    state.put(t.outbox, entry.id(), OutboxEntry.builder().from(entry).version(1).build());
    state.put(t.outboxByDedupe, dedupe, entry.id());
    return true;
  }

  @Override
  public List<String> tenantsWithDue(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.read(
        () ->
            state.tenants().entrySet().stream()
                .filter(
                    t ->
                        t.getValue().outbox.values().stream()
                            .anyMatch(
                                e ->
                                    e.status() == OutboxStatus.PENDING
                                        && !e.nextAttemptAt().isAfter(now)))
                .map(java.util.Map.Entry::getKey)
                .sorted()
                .toList());
  }

  @Override
  public List<OutboxEntry> listDue(String tenant, Instant now, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(now, "now");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).outbox.values().stream()
                .filter(e -> e.status() == OutboxStatus.PENDING && !e.nextAttemptAt().isAfter(now))
                .sorted(
                    Comparator.comparing(OutboxEntry::nextAttemptAt)
                        .thenComparing(OutboxEntry::createdAt)
                        .thenComparing(OutboxEntry::id))
                .limit(limit)
                .toList());
  }

  @Override
  public OutboxEntry save(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return state.write(
        () -> {
          TenantData t = state.writable(entry.tenant());
          OutboxEntry stored = t.outbox.get(entry.id());
          if (stored == null) {
            throw new NotFoundException("no outbox entry " + entry.id() + " for " + entry.tenant());
          }
          MemoryState.checkVersion(
              "outbox entry", entry.id(), entry.version(), stored, OutboxEntry::version);
          OutboxEntry saved =
              OutboxEntry.builder().from(entry).version(entry.version() + 1).build();
          state.put(t.outbox, entry.id(), saved);
          return saved;
        });
  }

  @Override
  public Optional<OutboxEntry> find(String tenant, String id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return state.read(() -> Optional.ofNullable(state.readable(tenant).outbox.get(id)));
  }

  @Override
  public OutboxDepth depth(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return state.read(
        () -> {
          long pending = 0;
          long dead = 0;
          Instant oldest = null;
          for (OutboxEntry e : state.readable(tenant).outbox.values()) {
            if (e.status() == OutboxStatus.PENDING) {
              pending++;
              oldest = oldest == null || e.createdAt().isBefore(oldest) ? e.createdAt() : oldest;
            } else if (e.status() == OutboxStatus.DEAD) {
              dead++;
            }
          }
          return new OutboxDepth(pending, dead, Optional.ofNullable(oldest));
        });
  }

  @Override
  public List<OutboxEntry> list(String tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).outbox.values().stream()
                .sorted(
                    Comparator.comparing(OutboxEntry::createdAt)
                        .thenComparing(OutboxEntry::id)
                        .reversed())
                .limit(limit)
                .toList());
  }
}
