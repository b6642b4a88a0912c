package io.github.discoverysdk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaxonomyAndTitlesTest {
  @Test
  void industrySynonymsResolveToOneCanonicalNameWithItsBroaderIndustries() {
    assertThat(Taxonomy.industry("Financial Technology")).contains("fintech");
    assertThat(Taxonomy.industryAndBroader("payments"))
        .containsExactly("payments", "fintech", "financial services");
    assertThat(Taxonomy.industryAndBroader("E-Commerce")).startsWith("ecommerce");
  }

  @Test
  void placesResolveToTheirCountryAndEveryRegionContainingIt() {
    assertThat(Taxonomy.regionAndContaining("Munich"))
        .containsExactly("germany", "dach", "europe", "emea");
    assertThat(Taxonomy.regionAndContaining("Texas")).contains("united states", "north america");
    assertThat(Taxonomy.region("NYC")).contains("united states");
    assertThat(Taxonomy.regionAndContaining("Atlantis")).containsExactly("atlantis");
  }

  @Test
  void titlesKnowTheirSeniorityAndFunction() {
    JobTitle vp = JobTitle.parse("SVP, Global Sales");
    assertThat(vp.seniority()).isEqualTo(JobTitle.Seniority.VICE_PRESIDENT);
    assertThat(vp.functions()).containsExactly("sales");
    assertThat(JobTitle.parse("Head of RevOps").functions()).containsExactly("revenue operations");
    assertThat(JobTitle.parse("CRO").normalized()).isEqualTo("chief revenue officer");
    assertThat(JobTitle.parse("Executive Assistant to the VP of Sales").seniority())
        .isEqualTo(JobTitle.Seniority.INDIVIDUAL);
  }

  @Test
  void fuzzyDistanceIsBoundedAndCountsTranspositionsOnce() {
    char[] a = "salesfroce".toCharArray();
    assertThat(Fuzzy.distance(a, 0, a.length, "salesforce", 2)).isEqualTo(1);
    char[] b = "oracle".toCharArray();
    assertThat(Fuzzy.distance(b, 0, b.length, "salesforce", 2)).isEqualTo(3);
    assertThat(Fuzzy.jaroWinkler(a, 0, a.length, "salesforce")).isGreaterThan(0.9);
  }
}
