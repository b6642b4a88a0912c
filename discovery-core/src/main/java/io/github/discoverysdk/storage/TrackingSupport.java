package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingStore;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Argument checks every {@link Storage} implementation of tracking shares; public for the authors
 * of a {@code Storage}. Stateless and thread-safe.
 */
public final class TrackingSupport {
  private TrackingSupport() {}

  /**
   * The distinct subjects of a {@link TrackingStore#list(Collection, java.time.Instant)} call.
   *
   * @throws ValidationException if there are more than {@link TrackingStore#MAX_TRACKED_SUBJECTS}
   */
  public static Set<TrackedSubject> distinctSubjects(Collection<TrackedSubject> subjects) {
    Set<TrackedSubject> wanted = Set.copyOf(Objects.requireNonNull(subjects, "subjects"));
    if (wanted.size() > TrackingStore.MAX_TRACKED_SUBJECTS) {
      throw new ValidationException(
          "at most "
              + TrackingStore.MAX_TRACKED_SUBJECTS
              + " subjects per call, was "
              + wanted.size());
    }
    return wanted;
  }
}
