package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileSimilarityTest {
  private final ProfileSimilarity similarity = ProfileSimilarity.defaults();

  @Test
  void profilesThatAskForTheSameThingsAreFullySimilar() {
    Profile a = fintech("a").build();
    Profile b = fintech("b").build();

    assertThat(similarity.between(a, b)).isEqualTo(1.0);
  }

  @Test
  void profilesWithNothingInCommonAreNotSimilar() {
    Profile a = fintech("a").build();
    Profile b =
        Profile.builder()
            .tenant("acme")
            .owner("u")
            .name("b")
            .addIndustries("retail")
            .addRegions("APAC")
            .addTargetTitles("CFO")
            .addWatchlist(Company.of("Walmart"))
            .addCompetitors("Target")
            .build();

    assertThat(similarity.between(a, b)).isEqualTo(0.0);
  }

  @Test
  void titlesAndCompaniesAreComparedNormalised() {
    Profile a = fintech("a").build();
    Profile b =
        Profile.builder()
            .tenant("acme")
            .owner("u")
            .name("b")
            .addIndustries("FinTech")
            .addRegions("emea")
            .addTargetTitles("Vice President of Sales")
            .addWatchlist(Company.of("Stripe, Inc."))
            .addCompetitors("ADYEN N.V.")
            .build();

    assertThat(similarity.between(a, b)).isEqualTo(1.0);
  }

  @Test
  void eachFacetIsAJaccardOverlapWeightedByThePolicy() {
    // Industries 1/1, regions 0/2 (EMEA, APAC), titles 1/1, watchlist 1/3, competitors 1/1.
    Profile a = fintech("a").build();
    Profile b =
        fintech("b")
            .regions(java.util.List.of("APAC"))
            .addWatchlist(Company.of("Klarna"), Company.of("Plaid"))
            .build();
    double expected = (0.25 * 1 + 0.15 * 0 + 0.2 * 1 + 0.25 / 3 + 0.15 * 1) / 1.0;

    assertThat(similarity.between(a, b)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aFacetEmptyOnBothProfilesLeavesTheComparison() {
    Profile a = watching("a", "Stripe", "Adyen");
    Profile b = watching("b", "Stripe", "Adyen");
    Profile c = watching("c", "Stripe");

    assertThat(similarity.between(a, b)).isEqualTo(1.0);
    assertThat(similarity.between(a, c)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aFacetOnlyOneProfileFillsCountsAsNoOverlap() {
    Profile a = watching("a", "Stripe");
    Profile b = Profile.builder().from(watching("b", "Stripe")).addIndustries("fintech").build();

    assertThat(similarity.between(a, b)).isCloseTo(0.25 / 0.5, within(1e-12));
  }

  @Test
  void weightsChooseWhatMatters() {
    ProfileSimilarity watchlistOnly =
        ProfileSimilarity.withPolicy(
            SimilarityPolicy.builder()
                .industriesWeight(0)
                .regionsWeight(0)
                .titlesWeight(0)
                .competitorsWeight(0)
                .watchlistWeight(1)
                .build());
    Profile a = fintech("a").build();
    Profile b =
        Profile.builder()
            .tenant("acme")
            .owner("u")
            .name("b")
            .addIndustries("retail")
            .addWatchlist(Company.of("Stripe"), Company.of("Walmart"))
            .build();

    assertThat(watchlistOnly.between(a, b)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void similarityIsSymmetricAndBetweenZeroAndOneOnRandomProfiles() {
    Random random = new Random(11);
    String[] industries = {"fintech", "retail", "health", "logistics"};
    String[] regions = {"EMEA", "APAC", "North America"};
    String[] titles = {"VP Sales", "CRO", "Head of Sales", "CFO"};
    String[] companies = {"Stripe", "Adyen", "Klarna", "Plaid", "Walmart", "Target"};
    for (int i = 0; i < 500; i++) {
      Profile[] p = new Profile[2];
      for (int k = 0; k < 2; k++) {
        Profile.Builder b = Profile.builder().tenant("acme").owner("u").name("p" + k);
        b.addWatchlist(Company.of(companies[random.nextInt(companies.length)]));
        for (int n = random.nextInt(3); n > 0; n--) {
          b.addIndustries(industries[random.nextInt(industries.length)]);
          b.addRegions(regions[random.nextInt(regions.length)]);
          b.addTargetTitles(titles[random.nextInt(titles.length)]);
          b.addCompetitors(companies[random.nextInt(companies.length)]);
        }
        p[k] = b.build();
      }
      double ab = similarity.between(p[0], p[1]);

      assertThat(ab).isBetween(0.0, 1.0).isEqualTo(similarity.between(p[1], p[0]));
      assertThat(similarity.between(p[0], p[0])).isEqualTo(1.0);
    }
  }

  @Test
  void policyRejectsNegativeOrAllZeroWeights() {
    assertThatThrownBy(() -> SimilarityPolicy.builder().regionsWeight(-0.1).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("regionsWeight must be finite and not negative, was -0.1");
    assertThatThrownBy(
            () ->
                SimilarityPolicy.builder()
                    .industriesWeight(0)
                    .regionsWeight(0)
                    .titlesWeight(0)
                    .watchlistWeight(0)
                    .competitorsWeight(0)
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at least one similarity weight must be positive");
  }

  static Profile.Builder fintech(String name) {
    return Profile.builder()
        .tenant("acme")
        .owner("u-" + name)
        .name(name)
        .addIndustries("fintech")
        .addRegions("EMEA")
        .addTargetTitles("VP Sales")
        .addWatchlist(Company.of("Stripe", "stripe.com"))
        .addCompetitors("Adyen");
  }

  private static Profile watching(String name, String... companies) {
    Profile.Builder b = Profile.builder().tenant("acme").owner("u").name(name);
    for (String c : companies) {
      b.addWatchlist(Company.of(c));
    }
    return b.build();
  }
}
