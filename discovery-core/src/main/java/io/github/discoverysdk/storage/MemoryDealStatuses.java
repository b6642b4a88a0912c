package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.deals.EnrichmentStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The enrichment statuses of a {@link MemoryDealStore}: one sorted map per (tenant, subject), by
 * key. Thread-safe: every method runs under the state's lock and writes go through {@link
 * MemoryState#put}, so a rollback restores them.
 */
final class MemoryDealStatuses {
  private final MemoryState state;
  private final Map<Partition, NavigableMap<String, EnrichmentStatus>> byPartition =
      new HashMap<>();

  MemoryDealStatuses(MemoryState state) {
    this.state = state;
  }

  private record Partition(String tenant, EnrichmentStatus.Subject subject) {}

  Map<String, EnrichmentStatus> find(
      String tenant, EnrichmentStatus.Subject subject, Collection<String> keys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    List<String> wanted = List.copyOf(keys);
    return state.read(
        () -> {
          NavigableMap<String, EnrichmentStatus> part =
              byPartition.getOrDefault(new Partition(tenant, subject), new TreeMap<>());
          Map<String, EnrichmentStatus> out = new HashMap<>();
          for (String k : wanted) {
            EnrichmentStatus s = part.get(k);
            if (s != null) {
              out.put(k, s);
            }
          }
          return Map.copyOf(out);
        });
  }

  List<EnrichmentStatus> list(
      String tenant,
      EnrichmentStatus.Subject subject,
      EnrichmentStatus.Outcome outcome,
      int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(outcome, "outcome");
    MemoryState.checkLimit(limit);
    return state.read(
        () -> {
          List<EnrichmentStatus> out = new ArrayList<>();
          NavigableMap<String, EnrichmentStatus> part =
              byPartition.get(new Partition(tenant, subject));
          if (part == null) {
            return List.<EnrichmentStatus>of();
          }
          for (EnrichmentStatus s : part.values()) {
            if (out.size() >= limit) {
              break;
            }
            if (s.outcome() == outcome) {
              out.add(s);
            }
          }
          return List.copyOf(out);
        });
  }

  void save(List<EnrichmentStatus> statuses) {
    List<EnrichmentStatus> copy = List.copyOf(statuses);
    check(copy);
    state.write(
        () -> {
          for (EnrichmentStatus s : copy) {
            // Partitions are created outside the undo log: an empty one left by a rollback is
            // harmless.
            NavigableMap<String, EnrichmentStatus> part =
                byPartition.computeIfAbsent(
                    new Partition(s.tenant(), s.subject()), p -> new TreeMap<>());
            state.put(part, s.key(), s);
          }
          return null;
        });
  }

  /** The checks every store makes of a batch of statuses before writing. */
  static void check(List<EnrichmentStatus> statuses) {
    if (statuses.size() > DealStore.MAX_BATCH) {
      throw new ValidationException(
          "statuses must hold at most "
              + DealStore.MAX_BATCH
              + " per call, held "
              + statuses.size());
    }
    Set<List<String>> keys = new HashSet<>();
    for (EnrichmentStatus s : statuses) {
      if (!keys.add(List.of(s.tenant(), s.subject().name(), s.key()))) {
        throw new ValidationException(
            "statuses must not repeat a key, repeated " + s.subject() + " " + s.key());
      }
    }
  }
}
