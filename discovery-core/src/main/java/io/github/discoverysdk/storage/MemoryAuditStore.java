package io.github.discoverysdk.storage;

import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The audit log of an {@link InMemoryStorage}: one list per tenant in sequence order. Append-only.
 * Thread-safe: every method runs under the state's lock.
 */
final class MemoryAuditStore implements AuditStore {
  private final MemoryState state;
  private final Map<String, List<AuditEntry>> byTenant = new HashMap<>();
  private long lastSequence;

  MemoryAuditStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public List<AuditEntry> append(List<AuditEntry> entries) {
    List<AuditEntry> copy = List.copyOf(entries);
    return state.write(
        () -> {
          List<AuditEntry> stored = new ArrayList<>(copy.size());
          for (AuditEntry e : copy) {
            AuditEntry s = AuditEntry.builder().from(e).sequence(++lastSequence).build();
            List<AuditEntry> log = byTenant.computeIfAbsent(e.tenant(), k -> new ArrayList<>());
            log.add(s);
            state.onRollback(() -> log.remove(log.size() - 1));
            stored.add(s);
          }
          return List.copyOf(stored);
        });
  }

  @Override
  public List<AuditEntry> byEntity(
      String tenant, String entityType, String entityId, long afterSequence, int limit) {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
    return select(
        tenant,
        afterSequence,
        limit,
        e -> e.entityType().equals(entityType) && e.entityId().equals(entityId));
  }

  @Override
  public List<AuditEntry> byActor(String tenant, String actor, long afterSequence, int limit) {
    Objects.requireNonNull(actor, "actor");
    return select(tenant, afterSequence, limit, e -> e.actor().equals(actor));
  }

  @Override
  public List<AuditEntry> byTime(
      String tenant, Instant from, Instant to, long afterSequence, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return select(tenant, afterSequence, limit, e -> !e.at().isBefore(from) && e.at().isBefore(to));
  }

  private List<AuditEntry> select(
      String tenant, long afterSequence, int limit, Predicate<AuditEntry> filter) {
    Objects.requireNonNull(tenant, "tenant");
    MemoryState.checkLimit(limit);
    return state.read(
        () -> {
          List<AuditEntry> out = new ArrayList<>();
          for (AuditEntry e : byTenant.getOrDefault(tenant, List.of())) {
            if (out.size() >= limit) {
              break;
            }
            if (e.sequence() > afterSequence && filter.test(e)) {
              out.add(e);
            }
          }
          return List.copyOf(out);
        });
  }
}
