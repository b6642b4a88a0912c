package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signals of every tenant, one row per natural key: {@link Storage#signals()}. Signals carry no
 * tenant of their own, so every method takes it first. Thread-safe, as every store is.
 */
public interface SignalStore {
  /**
   * Stores a signal under its natural key and says whether it was new, changed or unchanged. Last
   * write wins by {@link Signal#observedAt()}: a version observed before the stored one is not
   * stored ({@link SignalWrite#UNCHANGED}).
   */
  SignalWrite upsert(String tenant, Signal signal);

  /**
   * Stores a batch, answering per signal in order; the default calls {@link #upsert} per signal.
   */
  default List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
    List<SignalWrite> out = new ArrayList<>(signals.size());
    for (Signal s : signals) {
      out.add(upsert(tenant, s));
    }
    return out;
  }

  Optional<Signal> find(String tenant, SignalKey key);

  /**
   * The stored signals of these keys, by key; keys without a stored signal are absent. The default
   * calls {@link #find} per key; implementations read a batch in a fixed number of round trips.
   */
  default Map<SignalKey, Signal> findAll(String tenant, Collection<SignalKey> keys) {
    Map<SignalKey, Signal> out = new LinkedHashMap<>();
    for (SignalKey k : keys) {
      find(tenant, k).ifPresent(s -> out.put(k, s));
    }
    return out;
  }

  /**
   * The tenant's signals published at or after {@code since}, newest first, at most {@code limit}.
   */
  List<Signal> list(String tenant, Instant since, int limit);
}
