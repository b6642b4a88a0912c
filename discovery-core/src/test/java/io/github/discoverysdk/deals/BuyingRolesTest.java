package io.github.discoverysdk.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.matching.JobTitle.Seniority;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuyingRolesTest {
  @ParameterizedTest(name = "{0} / {1} / {2} → {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // title                         | seniority | departments            | role
        "VP Sales                         | -         | -                      | DECISION_MAKER",
        "Chief Revenue Officer            | -         | -                      | DECISION_MAKER",
        "Founder & CEO                    | -         | -                      | DECISION_MAKER",
        "Head of Revenue Operations       | -         | -                      | CHAMPION",
        "Sr. Director, RevOps             | -         | -                      | CHAMPION",
        "Sales Manager                    | -         | -                      | INFLUENCER",
        "Staff Engineer                   | -         | -                      | INFLUENCER",
        "Account Executive                | -         | -                      | USER",
        "Procurement Manager              | -         | -                      | BLOCKER",
        "General Counsel                  | -         | -                      | BLOCKER",
        "VP Legal                         | -         | -                      | BLOCKER",
        "Executive Assistant to the CEO   | -         | -                      | USER",
        "Ninja                            | -         | -                      | UNKNOWN",
        "-                                | -         | -                      | UNKNOWN",
        // enrichment wins where it speaks
        "Ninja                            | vp        | -                      | DECISION_MAKER",
        "Sales Manager                    | c_suite   | -                      | DECISION_MAKER",
        "Director of Sales                | -         | master_purchasing      | BLOCKER",
        "-                                | director  | master_sales           | CHAMPION",
        "Growth Hacker                    | entry     | master_marketing       | USER",
        "Sales Manager                    | unheard   | unheard_department     | INFLUENCER",
      })
  void readsTheRoleFromTitleAndEnrichment(
      String title, String seniority, String departments, BuyingRole expected) {
    DealContact contact = DealContact.of("x@acme.com", "X", title);
    Map<String, String> enrichment = new java.util.HashMap<>();
    if (seniority != null) {
      enrichment.put("seniority", seniority);
    }
    if (departments != null) {
      enrichment.put("departments", departments);
    }

    ContactRole role = BuyingRoles.of(contact, enrichment);

    assertThat(role.role()).isEqualTo(expected);
    assertThat(role.reason()).endsWith(expected.name().toLowerCase().replace('_', ' '));
  }

  @ParameterizedTest
  @CsvSource({"vp,true", "unheard,false"})
  void seniorityIsVerifiedOnlyWhenEnrichmentGaveAKnownOne(String seniority, boolean verified) {
    ContactRole role =
        BuyingRoles.of(
            DealContact.of("x@acme.com", "X", "Sales Manager"), Map.of("seniority", seniority));

    assertThat(role.seniorityVerified()).isEqualTo(verified);
    assertThat(role.departmentVerified()).isFalse();
    assertThat(role.seniority()).isEqualTo(verified ? Seniority.VICE_PRESIDENT : Seniority.MANAGER);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"master_sales, master_marketing | true", "astrology | false"})
  void departmentIsVerifiedOnlyWhenEnrichmentNamedAKnownOne(String departments, boolean verified) {
    ContactRole role =
        BuyingRoles.of(
            DealContact.of("x@acme.com", "X", "VP Sales"), Map.of("departments", departments));

    assertThat(role.departmentVerified()).isEqualTo(verified);
    assertThat(role.functions()).contains("sales");
  }
}
