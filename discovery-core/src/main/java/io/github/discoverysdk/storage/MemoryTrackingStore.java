package io.github.discoverysdk.storage;

import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import io.github.discoverysdk.storage.MemoryState.TrackingKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tracking observations, cross-tenant by design, of an {@link InMemoryStorage}. Thread-safe:
 * every method runs under the state's lock.
 */
final class MemoryTrackingStore implements TrackingStore {
  private static final Comparator<TrackingObservation> OLDEST_TRACKING_FIRST =
      Comparator.comparing(TrackingObservation::at)
          .thenComparing(o -> o.profile().tenant())
          .thenComparing(o -> o.profile().value())
          .thenComparing(o -> o.subject().toString());

  private final MemoryState state;

  MemoryTrackingStore(MemoryState state) {
    this.state = state;
  }

  // ---- tracking observations

  @Override
  public void record(TrackingObservation observation) {
    Objects.requireNonNull(observation, "observation");
    state.write(
        () -> {
          recordInTransaction(observation);
          return null;
        });
  }

  /** Records the batch under one write lock; the first observation of a key in it stands. */
  @Override
  public void recordAll(List<TrackingObservation> observations) {
    List<TrackingObservation> batch =
        List.copyOf(Objects.requireNonNull(observations, "observations"));
    state.write(
        () -> {
          batch.forEach(this::recordInTransaction);
          return null;
        });
  }

  private void recordInTransaction(TrackingObservation observation) {
    TrackingKey key = TrackingKey.of(observation);
    if (!state.tracking.containsKey(key)) {
      state.put(state.tracking, key, observation);
    }
  }

  @Override
  public List<AnonymousObservation> list(Collection<TrackedSubject> subjects, Instant since) {
    Set<TrackedSubject> wanted = TrackingSupport.distinctSubjects(subjects);
    Objects.requireNonNull(since, "since");
    return state.read(
        () ->
            state.tracking.values().stream()
                .filter(o -> wanted.contains(o.subject()) && !o.at().isBefore(since))
                .sorted(OLDEST_TRACKING_FIRST)
                .map(AnonymousObservation::of)
                .toList());
  }

  @Override
  public List<AnonymousObservation> list(Instant since, int limit) {
    Objects.requireNonNull(since, "since");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.tracking.values().stream()
                .filter(o -> !o.at().isBefore(since))
                .sorted(OLDEST_TRACKING_FIRST)
                .map(AnonymousObservation::of)
                .limit(limit)
                .toList());
  }

  @Override
  public int deleteBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return state.write(
        () -> {
          List<TrackingKey> old =
              state.tracking.entrySet().stream()
                  .filter(e -> e.getValue().at().isBefore(before))
                  .map(Map.Entry::getKey)
                  .toList();
          old.forEach(k -> state.remove(state.tracking, k));
          return old.size();
        });
  }
}
