package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.scoring.ProfileSimilarity.Facets;
import io.github.discoverysdk.scoring.WarmStartPlan.Copy;
import io.github.discoverysdk.scoring.WarmStartPlan.SimilarProfile;
import io.github.discoverysdk.spi.WarmStarter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gives a new profile a feed on day one: finds the most similar profiles of its tenant ({@link
 * ProfileSimilarity}) and plans to copy their still-valid opportunities, re-scored for the new
 * profile, once per signal. Stateless and thread-safe; it changes nothing and returns a {@link
 * WarmStartPlan}.
 *
 * <p>Steps: candidates at least {@link WarmStartPolicy#minSimilarity()} similar are taken, the most
 * similar first (ties by profile id), at most {@link WarmStartPolicy#maxProfiles()}. Of their
 * opportunities, those still valid at {@code now} are kept: a signal type the new profile accepts,
 * a status not in {@link WarmStartPolicy#excludedStatuses()}, an action window not {@code CLOSED},
 * an event that has not started, or without an event a publication within {@link
 * WarmStartPolicy#maxAge()}. Of several opportunities on one signal key the best source is kept:
 * from the most similar profile, then the highest score, then the most recently updated. Each is
 * re-scored by the caller's {@link Rescorer} (which may drop it), and the plan holds the highest
 * new scores first, at most {@link WarmStartPolicy#maxOpportunities()}.
 *
 * <p>As the engine's {@link WarmStarter} ({@code DiscoveryEngine.Builder.warmStarter(
 * WarmStart.defaults())}) it runs when a profile is created: it ranks the tenant's profiles by
 * similarity first and reads the opportunities of the most similar ones only.
 */
public final class WarmStart implements WarmStarter {
  /**
   * A profile of the new profile's tenant, with its current opportunities. Immutable (the list is
   * copied) and thread-safe.
   */
  public record Candidate(Profile profile, List<Opportunity> opportunities) {
    /** Copies the opportunities. */
    public Candidate {
      Objects.requireNonNull(profile, "profile");
      opportunities = List.copyOf(opportunities);
    }
  }

  private static final Comparator<Copy> BEST_SOURCE =
      Comparator.comparingDouble((Copy c) -> -c.from().similarity())
          .thenComparingDouble(c -> -c.source().score().total())
          .thenComparing(c -> c.source().updatedAt(), Comparator.reverseOrder())
          .thenComparing(c -> c.source().id().value());

  private final WarmStartPolicy policy;
  private final ProfileSimilarity similarity;

  private WarmStart(WarmStartPolicy policy) {
    this.policy = policy;
    this.similarity = ProfileSimilarity.withPolicy(policy.similarity());
  }

  /** With {@link WarmStartPolicy#defaults()}. */
  public static WarmStart defaults() {
    return new WarmStart(WarmStartPolicy.defaults());
  }

  /** With settings of your own. */
  public static WarmStart withPolicy(WarmStartPolicy policy) {
    return new WarmStart(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Plans the warm start of {@code newProfile} from {@code candidates} as of {@code now}.
   *
   * @throws ValidationException if a candidate belongs to another tenant, or an opportunity to
   *     another profile than its candidate: copying across tenants must never happen quietly
   */
  public WarmStartPlan plan(
      Profile newProfile, Collection<Candidate> candidates, Instant now, Rescorer rescorer) {
    Objects.requireNonNull(newProfile, "newProfile");
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(rescorer, "rescorer");
    List<Map.Entry<SimilarProfile, Candidate>> similar =
        mostSimilar(newProfile, candidates, Candidate::profile);
    Map<SignalKey, Copy> best = new LinkedHashMap<>();
    for (Map.Entry<SimilarProfile, Candidate> e : similar) {
      for (Opportunity o : e.getValue().opportunities()) {
        if (!o.profileId().equals(e.getKey().profile())) {
          throw new ValidationException(
              "opportunity "
                  + o.id()
                  + " belongs to profile "
                  + o.profileId()
                  + ", not to its candidate "
                  + e.getKey().profile());
        }
        if (valid(o, newProfile, now)) {
          // The source's own score stands in until the survivor is re-scored.
          Copy c = new Copy(o, e.getKey(), o.score());
          best.merge(o.signalKey(), c, (x, y) -> BEST_SOURCE.compare(x, y) <= 0 ? x : y);
        }
      }
    }
    List<Copy> copies = new ArrayList<>();
    for (Copy c : best.values()) {
      Optional<Score> score = rescorer.rescore(c.source());
      if (score == null) {
        throw new IllegalStateException(
            "the rescorer returned null for " + c.source().id() + ", not Optional.empty()");
      }
      score.ifPresent(s -> copies.add(new Copy(c.source(), c.from(), s)));
    }
    copies.sort(
        Comparator.comparingDouble((Copy c) -> -c.score().total())
            .thenComparingDouble(c -> -c.from().similarity())
            .thenComparing(c -> c.source().signalKey().toString()));
    return new WarmStartPlan(
        similar.stream().map(Map.Entry::getKey).toList(),
        copies.subList(0, Math.min(policy.maxOpportunities(), copies.size())));
  }

  /**
   * Chooses for the engine: the {@link #plan} over the most similar of {@code others}, whose
   * opportunities alone are read.
   */
  @Override
  public List<Choice> choose(
      Profile created,
      List<Profile> others,
      OpportunityLoader opportunities,
      Instant now,
      Rescorer rescorer) {
    Objects.requireNonNull(opportunities, "opportunities");
    List<Candidate> candidates = new ArrayList<>();
    for (Map.Entry<SimilarProfile, Profile> e : mostSimilar(created, others, p -> p)) {
      candidates.add(new Candidate(e.getValue(), opportunities.load(e.getKey().profile())));
    }
    return plan(created, candidates, now, rescorer).copies().stream()
        .map(c -> new Choice(c.source(), c.score()))
        .toList();
  }

  /**
   * The items whose profiles are at least {@link WarmStartPolicy#minSimilarity()} similar to {@code
   * target}, the most similar first (ties by profile id), at most {@link
   * WarmStartPolicy#maxProfiles()}; {@code target} itself is left out.
   *
   * @throws ValidationException if a profile belongs to another tenant than {@code target}
   */
  private <T> List<Map.Entry<SimilarProfile, T>> mostSimilar(
      Profile target, Collection<T> items, Function<T, Profile> profileOf) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(items, "candidates");
    Facets facets = Facets.of(target);
    List<Map.Entry<SimilarProfile, T>> similar = new ArrayList<>();
    for (T item : items) {
      Profile p = profileOf.apply(item);
      if (!p.tenant().equals(target.tenant())) {
        throw new ValidationException(
            "candidate profile " + p.id() + " belongs to another tenant than " + target.id());
      }
      if (p.id().equals(target.id())) {
        continue;
      }
      double s = similarity.between(facets, Facets.of(p));
      if (s >= policy.minSimilarity()) {
        similar.add(Map.entry(new SimilarProfile(p.id(), s), item));
      }
    }
    similar.sort(
        Comparator.comparingDouble((Map.Entry<SimilarProfile, T> e) -> -e.getKey().similarity())
            .thenComparing(e -> e.getKey().profile().value()));
    return similar.subList(0, Math.min(policy.maxProfiles(), similar.size()));
  }

  private boolean valid(Opportunity o, Profile newProfile, Instant now) {
    if (!newProfile.accepts(o.signalType())
        || policy.excludedStatuses().contains(o.status())
        || o.temporal().window() == ActionWindow.CLOSED) {
      return false;
    }
    if (o.temporal().daysUntilEvent().isPresent()) {
      return o.occursAt().isAfter(now);
    }
    return !o.publishedAt().plus(policy.maxAge()).isBefore(now);
  }
}
