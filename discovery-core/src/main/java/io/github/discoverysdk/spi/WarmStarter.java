package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses which opportunities of a tenant's other profiles a newly created profile starts with, so
 * that it has a feed before its first run ("warm start"). Registered with {@code
 * DiscoveryEngine.Builder.warmStarter}; {@code discovery-scoring}'s {@code WarmStart} is the
 * implementation most hosts want.
 *
 * <p>The engine calls it once when a profile is inserted (and on {@code
 * DiscoveryEngine.warmStart}), on the caller's thread, with the tenant's other profiles only: a
 * warm start never looks across tenants. The engine writes what it returns as the new profile's
 * opportunities, re-matched and re-scored by the engine itself, so a warm started opportunity is
 * exactly what a run would have made of the same signal. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface WarmStarter {

  /**
   * Chooses the opportunities to copy.
   *
   * @param created the new profile
   * @param others the tenant's other profiles, enabled or not, ordered by id
   * @param opportunities reads one of those profiles' opportunities (each call reads storage: ask
   *     only for the profiles you mean to borrow from)
   * @param now the time of the warm start
   * @param rescorer the new profile's score of another profile's opportunity, empty when its signal
   *     does not match the new profile
   * @return the opportunities to copy with their new scores, at most one per signal, best first
   */
  List<Choice> choose(
      Profile created,
      List<Profile> others,
      OpportunityLoader opportunities,
      Instant now,
      Rescorer rescorer);

  /**
   * Scores another profile's opportunity for the new profile: the engine re-matches the stored
   * signal against the new profile and runs its {@link Scorer}. Empty when the signal does not
   * match the new profile (or is no longer stored), which leaves the opportunity out.
   */
  @FunctionalInterface
  interface Rescorer {
    Optional<Score> rescore(Opportunity source);
  }

  /** Reads a profile's opportunities, best first (the engine reads at most 500). */
  @FunctionalInterface
  interface OpportunityLoader {
    List<Opportunity> load(ProfileId profile);
  }

  /**
   * One opportunity to copy. Immutable and thread-safe.
   *
   * @param source another profile's opportunity
   * @param score its score for the new profile, as the {@link Rescorer} gave it
   */
  record Choice(Opportunity source, Score score) {
    /** Checks that nothing is missing. */
    public Choice {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(score, "score");
    }
  }
}
