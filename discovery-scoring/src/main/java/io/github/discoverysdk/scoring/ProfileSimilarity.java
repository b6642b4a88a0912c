package io.github.discoverysdk.scoring;

import io.github.discoverysdk.matching.JobTitle;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How alike two profiles are, 0..1: the weighted mean of the Jaccard overlap ({@code |A ∩ B| / |A ∪
 * B|}) of their industries, regions, target titles, watchlist companies and competitors, over the
 * facets at least one of them fills ({@link SimilarityPolicy} weights). Values are compared
 * normalised: industries and regions folded ({@link Normalizer#phrase}), companies by {@link
 * Normalizer#companyName} ({@code "Stripe, Inc."} is {@code "Stripe"}), titles by {@link JobTitle}
 * ({@code "VP Sales"} is {@code "Vice President of Sales"}). Symmetric; 1 for profiles that ask for
 * the same things, 0 for profiles with nothing in common or no facet filled.
 *
 * <p>A facet only one profile fills counts as no overlap, so a profile that says little is not
 * taken as like a profile that says much. Stateless and thread-safe.
 */
public final class ProfileSimilarity {
  private final SimilarityPolicy policy;

  private ProfileSimilarity(SimilarityPolicy policy) {
    this.policy = policy;
  }

  /** With {@link SimilarityPolicy#defaults()}. */
  public static ProfileSimilarity defaults() {
    return new ProfileSimilarity(SimilarityPolicy.defaults());
  }

  /** With weights of your own. */
  public static ProfileSimilarity withPolicy(SimilarityPolicy policy) {
    return new ProfileSimilarity(Objects.requireNonNull(policy, "policy"));
  }

  /** The similarity 0..1 of two profiles. */
  public double between(Profile a, Profile b) {
    return between(Facets.of(a), Facets.of(b));
  }

  double between(Facets a, Facets b) {
    double sum = 0;
    double weights = 0;
    double[] w = {
      policy.industriesWeight(),
      policy.regionsWeight(),
      policy.titlesWeight(),
      policy.watchlistWeight(),
      policy.competitorsWeight()
    };
    for (int f = 0; f < w.length; f++) {
      Set<String> x = a.facet(f);
      Set<String> y = b.facet(f);
      if (w[f] == 0 || (x.isEmpty() && y.isEmpty())) {
        continue;
      }
      weights += w[f];
      sum += w[f] * jaccard(x, y);
    }
    return weights == 0 ? 0 : Math.min(1, sum / weights);
  }

  private static double jaccard(Set<String> x, Set<String> y) {
    Set<String> small = x.size() <= y.size() ? x : y;
    Set<String> large = small == x ? y : x;
    int common = 0;
    for (String s : small) {
      if (large.contains(s)) {
        common++;
      }
    }
    return common / (double) (x.size() + y.size() - common);
  }

  /** A profile's facets, normalised once so that one profile can be compared with many. */
  record Facets(
      Set<String> industries,
      Set<String> regions,
      Set<String> titles,
      Set<String> watchlist,
      Set<String> competitors) {
    static Facets of(Profile p) {
      return new Facets(
          normalise(p.industries(), Normalizer::phrase),
          normalise(p.regions(), Normalizer::phrase),
          normalise(p.targetTitles(), t -> JobTitle.parse(t).normalized()),
          normalise(p.watchlist().stream().map(Company::name).toList(), Normalizer::companyName),
          normalise(p.competitors(), Normalizer::companyName));
    }

    Set<String> facet(int f) {
      return switch (f) {
        case 0 -> industries;
        case 1 -> regions;
        case 2 -> titles;
        case 3 -> watchlist;
        default -> competitors;
      };
    }

    private static Set<String> normalise(Collection<String> values, UnaryOperator<String> how) {
      Set<String> out = new HashSet<>();
      for (String v : values) {
        String n = how.apply(v);
        if (!n.isEmpty()) {
          out.add(n);
        }
      }
      return Set.copyOf(out);
    }
  }
}
