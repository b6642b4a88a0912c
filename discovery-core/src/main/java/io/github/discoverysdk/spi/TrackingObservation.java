package io.github.discoverysdk.spi;

import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A profile (and so its tenant) tracked a subject at a time, for example by watching an account or
 * saving an opportunity on a signal, with the industries the profile targets: the input of {@code
 * CollectiveIntelligence} in {@code discovery-scoring}. With {@code
 * DiscoveryEngine.Builder.collectTracking(true)} the engine records these through {@code
 * Storage.recordTracking}. Immutable and thread-safe. It does carry the profile's id: it is input,
 * kept inside the host; nothing computed from it for display does.
 *
 * @param profile the tracking profile; its tenant is what the minimum group size counts
 * @param subject what it tracked
 * @param at when
 * @param industries the profile's industries, folded ({@link Normalizer#phrase}); may be empty
 */
public record TrackingObservation(
    ProfileId profile, TrackedSubject subject, Instant at, Set<String> industries) {
  /** Folds the industries so that {@code "FinTech"} and {@code "fintech"} are one peer group. */
  public TrackingObservation {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
    industries = fold(Objects.requireNonNull(industries, "industries"));
  }

  /** A profile tracked a subject at a time; the industries are the profile's own. */
  public static TrackingObservation of(Profile profile, TrackedSubject subject, Instant at) {
    return new TrackingObservation(profile.id(), subject, at, profile.industries());
  }

  /** A profile with these industries tracked a subject at a time. */
  public static TrackingObservation of(
      ProfileId profile, TrackedSubject subject, Instant at, String... industries) {
    return new TrackingObservation(profile, subject, at, Set.of(industries));
  }

  private static Set<String> fold(Collection<String> industries) {
    Set<String> out = new LinkedHashSet<>();
    for (String i : industries) {
      String folded = Normalizer.phrase(Objects.requireNonNull(i, "industry"));
      if (!folded.isEmpty()) {
        out.add(folded);
      }
    }
    return Set.copyOf(out);
  }
}
