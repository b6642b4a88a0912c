package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signals of an {@link InMemoryStorage}, one per natural key and tenant. Thread-safe: every
 * method runs under the state's lock.
 */
final class MemorySignalStore implements SignalStore {
  private static final Comparator<Signal> NEWEST_SIGNAL_FIRST =
      Comparator.comparing(Signal::publishedAt)
          .reversed()
          .thenComparing(s -> s.key().sourceId())
          .thenComparing(s -> s.key().externalId());

  private final MemoryState state;

  MemorySignalStore(MemoryState state) {
    this.state = state;
  }

  // ---- signals

  @Override
  public SignalWrite upsert(String tenant, Signal signal) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signal, "signal");
    return state.write(() -> upsertInTransaction(tenant, signal));
  }

  /** Stores the batch atomically, under one write lock: if one signal fails, none is stored. */
  @Override
  public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signals, "signals");
    return state.transaction(
        () -> {
          List<SignalWrite> out = new ArrayList<>(signals.size());
          for (Signal s : signals) {
            out.add(upsertInTransaction(tenant, Objects.requireNonNull(s, "signal")));
          }
          return List.copyOf(out);
        });
  }

  private SignalWrite upsertInTransaction(String tenant, Signal signal) {
    TenantData t = state.writable(tenant);
    Signal stored = t.signals.get(signal.key());
    if (stored == null) {
      state.put(t.signals, signal.key(), signal);
      return SignalWrite.NEW;
    }
    if (signal.observedAt().isBefore(stored.observedAt())) {
      // An older version arriving late: the stored one is newer and stays.
      return SignalWrite.UNCHANGED;
    }
    if (!stored.contentHash().equals(signal.contentHash())) {
      state.put(t.signals, signal.key(), signal);
      return SignalWrite.CHANGED;
    }
    if (signal.observedAt().isAfter(stored.observedAt())) {
      state.put(t.signals, signal.key(), signal);
    }
    return SignalWrite.UNCHANGED;
  }

  @Override
  public Optional<Signal> find(String tenant, SignalKey key) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    return state.read(() -> Optional.ofNullable(state.readable(tenant).signals.get(key)));
  }

  /** Reads the whole batch under one read lock; the map iterates in the order of the keys. */
  @Override
  public Map<SignalKey, Signal> findAll(String tenant, Collection<SignalKey> keys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(keys, "keys");
    return state.read(
        () -> {
          Map<SignalKey, Signal> signals = state.readable(tenant).signals;
          Map<SignalKey, Signal> out = new LinkedHashMap<>();
          for (SignalKey k : keys) {
            Signal s = signals.get(Objects.requireNonNull(k, "key"));
            if (s != null) {
              out.put(k, s);
            }
          }
          return Collections.unmodifiableMap(out);
        });
  }

  @Override
  public List<Signal> list(String tenant, Instant since, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(since, "since");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).signals.values().stream()
                .filter(s -> !s.publishedAt().isBefore(since))
                .sorted(NEWEST_SIGNAL_FIRST)
                .limit(limit)
                .toList());
  }
}
