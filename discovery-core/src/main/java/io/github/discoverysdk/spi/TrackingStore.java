package io.github.discoverysdk.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Tracking observations, deliberately shared across tenants: {@link Storage#tracking()}.
 * Thread-safe, as every store is.
 */
public interface TrackingStore {
  /** The most subjects {@link #list(Collection, Instant)} takes in one call. */
  int MAX_TRACKED_SUBJECTS = 500;

  /**
   * Records that a profile tracks a subject. The one table where tenants' data meet, written only
   * when the host opts in ({@code DiscoveryEngine.Builder.collectTracking}); what is read from it
   * is shown only as anonymous counts over at least k tenants ({@code CollectiveIntelligence}).
   * Idempotent per profile, subject and UTC day of {@link TrackingObservation#at()}: a second
   * observation on the same day changes nothing, so re-recording on every run costs one row a day.
   * Deleting the profile deletes its observations.
   */
  void record(TrackingObservation observation);

  /**
   * Records each observation as {@link #record} does: idempotent per profile, subject and UTC day,
   * and of two observations of the batch on one such key the first stands. A run records its
   * profiles' watchlists with one call. Implementations write a batch atomically in a fixed number
   * of statements; the default records one by one, so it is atomic only inside {@link
   * Storage#inTransaction}.
   */
  default void recordAll(List<TrackingObservation> observations) {
    for (TrackingObservation o : List.copyOf(observations)) {
      record(o);
    }
  }

  /**
   * Every tenant's observations of these subjects at or after {@code since}, one per profile,
   * subject and day, ordered by time. Cross-tenant by design, so tenants and profiles come back as
   * pseudonyms ({@link AnonymousObservation}); show only aggregates ({@code
   * CollectiveIntelligence}).
   *
   * @throws io.github.discoverysdk.ValidationException if there are more than {@link
   *     #MAX_TRACKED_SUBJECTS} subjects
   */
  List<AnonymousObservation> list(Collection<TrackedSubject> subjects, Instant since);

  /**
   * Every tenant's observations of any subject at or after {@code since}, at most {@code limit},
   * oldest first, with pseudonyms for tenants and profiles: the input of trending figures.
   */
  List<AnonymousObservation> list(Instant since, int limit);

  /** Deletes observations older than {@code before}; returns how many. */
  int deleteBefore(Instant before);
}
