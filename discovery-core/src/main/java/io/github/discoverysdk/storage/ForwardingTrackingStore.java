package io.github.discoverysdk.storage;

import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A {@link TrackingStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingTrackingStore implements TrackingStore {
  private final TrackingStore delegate;

  protected ForwardingTrackingStore(TrackingStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected TrackingStore delegate() {
    return delegate;
  }

  @Override
  public void record(TrackingObservation observation) {
    delegate.record(observation);
  }

  @Override
  public void recordAll(List<TrackingObservation> observations) {
    delegate.recordAll(observations);
  }

  @Override
  public List<AnonymousObservation> list(Collection<TrackedSubject> subjects, Instant since) {
    return delegate.list(subjects, since);
  }

  @Override
  public List<AnonymousObservation> list(Instant since, int limit) {
    return delegate.list(since, limit);
  }

  @Override
  public int deleteBefore(Instant before) {
    return delegate.deleteBefore(before);
  }
}
