package io.github.discoverysdk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileIndexTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final Profile fintech =
      Profile.builder()
          .tenant("acme")
          .id(ProfileId.of("acme", "fintech"))
          .owner("u1")
          .name("Fintech")
          .addWatchlist(
              Company.builder()
                  .name("Stripe")
                  .addAliases("Stripe Payments")
                  .addDomains("stripe.com")
                  .build())
          .addWatchlist(Company.of("Target"))
          .addCompetitors("Adyen")
          .addKeywords("payment orchestration")
          .addTargetTitles("VP Sales")
          .addIndustries("fintech")
          .addRegions("EMEA")
          .build();

  private final ProfileIndex index = ProfileIndex.of(List.of(fintech));

  @Test
  void findsACompanyNamedWithItsLegalSuffixInText() {
    Match m = only(index.match(signal("Stripe, Inc. opens Dublin hub", "")), MatchTarget.WATCHLIST);

    assertThat(m.term()).isEqualTo("Stripe");
    assertThat(m.kind()).isEqualTo(MatchKind.EXACT);
    assertThat(m.field()).isEqualTo(EvidenceField.TITLE);
    assertThat(m.matchedText()).isEqualTo("Stripe");
    assertThat(m.start()).isZero();
    assertThat(m.confidence()).isEqualTo(0.9);
    assertThat(m.rule()).isEqualTo("name-with-legal-suffix");
  }

  @Test
  void structuredOrganisationOutranksTextAndKeepsTheBestEvidence() {
    Signal s =
        base("Fintech Summit agenda", "Stripe will keynote.")
            .addOrganizations(OrganizationMention.of("STRIPE, INC.", OrganizationRole.SPONSOR))
            .build();

    Match m = only(index.match(s), MatchTarget.WATCHLIST);
    assertThat(m.field()).isEqualTo(EvidenceField.ORGANIZATION);
    assertThat(m.rule()).isEqualTo("organization-sponsor");
    assertThat(m.confidence()).isEqualTo(0.97);
  }

  @Test
  void aCommonWordInLowerCaseIsNotTakenForTheCompany() {
    assertThat(index.match(signal("Retail news", "We hit our target this quarter."))).isEmpty();
  }

  @Test
  void aCommonWordNameNeedsEvidenceAndIsRejectedInsideAnotherProperNoun() {
    assertThat(index.match(signal("Tourism", "The Target Field crowd cheered."))).isEmpty();
    assertThat(index.match(signal("Audience", "Target audience research for teams."))).isEmpty();

    Match suffix =
        only(
            index.match(signal("Retail", "Target Corporation will close stores.")),
            MatchTarget.WATCHLIST);
    assertThat(suffix.confidence()).isEqualTo(0.9);
    assertThat(suffix.rule()).isEqualTo("name-with-legal-suffix");
  }

  @Test
  void confidenceIsOrderedByEvidence() {
    ProfileIndex crm =
        ProfileIndex.of(
            List.of(
                Profile.builder()
                    .tenant("acme")
                    .id(ProfileId.of("acme", "crm"))
                    .owner("u1")
                    .name("CRM")
                    .addWatchlist(Company.builder().name("Salesforce").addAliases("SFDC").build())
                    .build()));
    double structured =
        best(
            crm,
            base("Expo", "")
                .addOrganizations(OrganizationMention.of("Salesforce", OrganizationRole.SPONSOR))
                .build());
    double suffix = best(crm, signal("News", "Deal signed by Salesforce, Inc. today."));
    double exact = best(crm, signal("News", "Deal signed by Salesforce today."));
    double alias = best(crm, signal("News", "Deal signed by SFDC today."));
    double fuzzy = best(crm, signal("News", "Deal signed by Salesfroce today."));

    assertThat(structured).isGreaterThan(suffix);
    assertThat(suffix).isGreaterThan(exact);
    assertThat(exact).isGreaterThan(alias);
    assertThat(alias).isGreaterThan(fuzzy);
    assertThat(fuzzy).isGreaterThan(0);
  }

  @Test
  void matchesAliasesDomainsKeywordsTitlesIndustriesAndRegions() {
    Signal s =
        base(
                "Hiring: VP of Sales EMEA",
                "Stripe Payments builds payment orchestration for Adyen users.")
            .type(SignalType.JOB_POSTING)
            .url(URI.create("https://careers.stripe.com/jobs/1"))
            .addIndustries("FinTech")
            .addRegions("emea")
            .addPeople(
                PersonMention.builder().name("Ana Ruiz").title("Vice President, Sales").build())
            .build();

    Map<ProfileId, List<Match>> result = index.match(s);
    List<Match> matches = result.get(fintech.id());
    assertThat(matches)
        .extracting(Match::target)
        .contains(
            MatchTarget.WATCHLIST,
            MatchTarget.COMPETITOR,
            MatchTarget.KEYWORD,
            MatchTarget.TITLE,
            MatchTarget.INDUSTRY,
            MatchTarget.REGION);
    assertThat(only(result, MatchTarget.WATCHLIST).kind()).isEqualTo(MatchKind.DOMAIN);
    assertThat(only(result, MatchTarget.TITLE).confidence()).isEqualTo(0.9);
    assertThat(only(result, MatchTarget.KEYWORD).matchedText()).isEqualTo("payment orchestration");
  }

  @Test
  void returnsEveryProfileThatSharesATermAndNoOther() {
    List<Profile> profiles = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      profiles.add(
          Profile.builder()
              .tenant("acme")
              .id(ProfileId.of("acme", "p" + i))
              .owner("u")
              .name("p" + i)
              .addWatchlist(Company.of(i % 2 == 0 ? "Databricks" : "Snowflake"))
              .build());
    }
    Map<ProfileId, List<Match>> result =
        ProfileIndex.of(profiles).match(signal("Databricks raises $1B", ""));

    assertThat(result).hasSize(250);
    assertThat(result.keySet()).allMatch(id -> Integer.parseInt(id.value().substring(1)) % 2 == 0);
  }

  @Test
  void disabledProfilesAreNotIndexed() {
    Profile disabled = Profile.builder().from(fintech).enabled(false).build();
    assertThat(ProfileIndex.of(List.of(disabled)).match(signal("Stripe news", ""))).isEmpty();
  }

  @Test
  void hostileTextDoesNotBreakMatching() {
    String hostile = "<script>alert('Stripe')</script> 🚀 \u202EStripe\u202C " + "x".repeat(50_000);
    assertThat(index.match(signal("title", hostile))).containsKey(fintech.id());
  }

  private static double best(ProfileIndex idx, Signal s) {
    return idx.match(s).values().stream()
        .flatMap(List::stream)
        .filter(m -> m.target() == MatchTarget.WATCHLIST)
        .mapToDouble(Match::confidence)
        .max()
        .orElse(0);
  }

  private static Match only(Map<ProfileId, List<Match>> result, MatchTarget target) {
    return result.values().stream()
        .flatMap(List::stream)
        .filter(m -> m.target() == target)
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one " + target + " match: " + a + ", " + b);
            })
        .orElseThrow(() -> new AssertionError("no " + target + " match in " + result));
  }

  private static Signal signal(String title, String text) {
    return base(title, text).build();
  }

  private static Signal.Builder base(String title, String text) {
    return Signal.builder()
        .key(SignalKey.of("test", title))
        .type(SignalType.NEWS)
        .title(title)
        .text(text)
        .publishedAt(NOW)
        .observedAt(NOW);
  }
}
