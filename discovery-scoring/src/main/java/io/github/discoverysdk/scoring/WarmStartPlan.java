package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import java.util.List;
import java.util.Objects;

/**
 * What {@link WarmStart} proposes for a new profile: the similar profiles it borrowed from and the
 * opportunities to copy, each with the score it gets for the new profile. A plan, not a change: the
 * caller creates the new opportunities. Immutable and thread-safe.
 *
 * @param similar the profiles that lent opportunities, most similar first
 * @param copies the opportunities to copy, highest new score first; one per signal key
 */
public record WarmStartPlan(List<SimilarProfile> similar, List<Copy> copies) {
  /** Copies the lists. */
  public WarmStartPlan {
    similar = List.copyOf(similar);
    copies = List.copyOf(copies);
  }

  /** Whether there is nothing to copy. */
  public boolean isEmpty() {
    return copies.isEmpty();
  }

  /**
   * A profile of the same tenant similar enough to lend its opportunities. Immutable and
   * thread-safe.
   *
   * @param profile its id
   * @param similarity 0..1 ({@link ProfileSimilarity})
   */
  public record SimilarProfile(ProfileId profile, double similarity) {
    /** Validates the similarity. */
    public SimilarProfile {
      Objects.requireNonNull(profile, "profile");
      if (!(similarity >= 0 && similarity <= 1)) {
        throw new ValidationException("similarity must be between 0 and 1, was " + similarity);
      }
    }
  }

  /**
   * One opportunity to copy. Immutable and thread-safe.
   *
   * @param source the similar profile's opportunity (its id, matches and status are that profile's)
   * @param from the similar profile it comes from, with its similarity
   * @param score the score for the new profile, as the caller's re-scorer gave it
   */
  public record Copy(Opportunity source, SimilarProfile from, Score score) {
    /** Checks that nothing is missing. */
    public Copy {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(score, "score");
    }
  }
}
