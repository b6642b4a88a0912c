package io.github.discoverysdk.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names written in other forms: leading articles, dotted acronyms, tickers. */
class NameFormsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void aLeadingArticleIsOptionalOnTheWatchlistSide() {
    ProfileIndex index = index(Company.of("The Trade Desk"));

    Match m = best(index, "Trade Desk raised its revenue guidance for the year.").orElseThrow();

    assertThat(m.term()).isEqualTo("The Trade Desk");
    assertThat(m.matchedText()).isEqualTo("Trade Desk");
    assertThat(m.confidence()).isEqualTo(0.8);
    assertThat(best(index, "The Trade Desk raised its guidance.")).isPresent();
    assertThat(best(org(index, "Trade Desk Inc"))).map(Match::confidence).contains(0.97);
  }

  @Test
  void aLeadingArticleIsOptionalOnTheTextSide() {
    ProfileIndex index = index(Company.of("Trade Desk"));

    assertThat(best(index, "Shares of The Trade Desk rose after earnings.")).isPresent();
    assertThat(best(org(index, "The Trade Desk, Inc."))).map(Match::confidence).contains(0.97);
    assertThat(best(org(index, "Die Trade Desk GmbH"))).map(Match::confidence).contains(0.97);
  }

  @Test
  void otherLanguagesArticlesAreOptionalToo() {
    ProfileIndex index = index(Company.of("Der Spiegel"), Company.of("La Poste Groupe"));

    assertThat(best(index, "Spiegel announced layoffs in its newsroom.")).isPresent();
    assertThat(best(index, "Poste Groupe reported quarterly results.")).isPresent();
  }

  @Test
  void anArticleInsideANameIsNotDropped() {
    ProfileIndex index = index(Company.of("Bank of the West"));

    assertThat(best(index, "Bank of West Virginia opened a branch.")).isEmpty();
    assertThat(best(index, "Bank of the West opened a branch.")).isPresent();
  }

  @Test
  void anArticleAndOneGenericWordIsNeverJustTheWord() {
    ProfileIndex index =
        index(Company.of("The Group"), Company.of("The Limited"), Company.of("The Data Group"));

    assertThat(best(index, "Group revenue rose; Data Group sales fell; Limited offer.")).isEmpty();
    assertThat(best(index, "The Group announced results.")).isPresent();
  }

  @Test
  void anArticleAndOneWordNeedsEvidenceAsACommonWordDoes() {
    ProfileIndex index = index(Company.of("The Economist"));

    assertThat(best(index, "Economist raises subscription prices for its app.")).isPresent();
    assertThat(best(index, "the economist said rates would fall, while a Guardian wrote"))
        .isEmpty();
    assertThat(best(index, "Jane Smith, an economist at the bank, said rates would fall."))
        .isEmpty();
    assertThat(best(index, "The Economist reported a loss.")).isPresent();
  }

  @Test
  void dottedAcronymsMatchTheirPlainForm() {
    ProfileIndex plain = index(Company.of("IBM"));
    ProfileIndex dotted = index(Company.of("I.B.M."));
    ProfileIndex alias = index(Company.builder().name("Big Blue").addAliases("I. B. M.").build());

    for (ProfileIndex index : List.of(plain, dotted)) {
      assertThat(best(index, "I.B.M. announced a new mainframe.")).isPresent();
      assertThat(best(index, "Shares of I. B. M. rose.")).isPresent();
      assertThat(best(index, "IBM announced a new mainframe.")).isPresent();
      assertThat(best(index, "Nothing about big blue machines here.")).isEmpty();
    }
    Match m = best(alias, "Shares of I.B.M. rose.").orElseThrow();
    assertThat(m.kind()).isEqualTo(MatchKind.ALIAS);
    assertThat(m.matchedText()).isEqualTo("I.B.M");
  }

  @Test
  void dottedLegalFormsStillCountAsLegalForms() {
    ProfileIndex index = index(Company.of("Nestlé"), Company.of("Philips"));

    assertThat(best(index, "Nestlé S.A. opens a plant."))
        .map(Match::rule)
        .contains("name-with-legal-suffix");
    assertThat(best(index, "Koninklijke Philips N.V. reports."))
        .map(Match::rule)
        .contains("name-with-legal-suffix");
  }

  @Test
  void aTickerMatchesOnlyWhereItIsWrittenAsATicker() {
    ProfileIndex index =
        index(
            Company.builder().name("Salesforce").addTickers("NYSE:CRM").build(),
            Company.builder().name("MongoDB").addTickers("nasdaq: mdb").build(),
            Company.builder().name("Berkshire Hathaway").addTickers("NYSE:BRK.B").build());

    Match m = best(index, "The company (NYSE: CRM) beat estimates.").orElseThrow();
    assertThat(m.term()).isEqualTo("Salesforce");
    assertThat(m.kind()).isEqualTo(MatchKind.TICKER);
    assertThat(m.rule()).isEqualTo("ticker-with-exchange");
    assertThat(m.matchedText()).isEqualTo("NYSE: CRM");
    assertThat(m.confidence()).isEqualTo(0.9);

    assertThat(term(index, "Results (NASDAQ: MDB) topped forecasts.")).contains("MongoDB");
    assertThat(term(index, "Listed as NYSE:CRM since 2004.")).contains("Salesforce");
    assertThat(term(index, "Nasdaq : MDB fell 4%.")).contains("MongoDB");
    assertThat(term(index, "NYSE: BRK.B rose.")).contains("Berkshire Hathaway");
    Match cashtag = best(index, "Watching $CRM and $MDB today.").orElseThrow();
    assertThat(cashtag.rule()).isEqualTo("cashtag");
    assertThat(cashtag.matchedText()).isEqualTo("$CRM");
    assertThat(best(index, "It trades under the ticker CRM."))
        .map(Match::rule)
        .contains("ticker-after-word");
    assertThat(term(index, "ticker symbol: MDB")).contains("MongoDB");
    assertThat(term(index, "Its ticker: MDB.")).contains("MongoDB");
  }

  @Test
  void theOrdinaryWordEqualToATickerIsNoTicker() {
    ProfileIndex index =
        index(
            Company.builder().name("Salesforce").addTickers("NYSE:CRM").build(),
            Company.builder().name("MongoDB").addTickers("NASDAQ:MDB").build());

    assertThat(best(index, "Growth of the CRM market slowed; crm software is everywhere."))
        .isEmpty();
    assertThat(best(index, "Our CRM: MDB exports are slow.")).isEmpty();
    assertThat(best(index, "A $5M round for a CRM startup, $crm tag.")).isEmpty();
    assertThat(best(index, "NASDAQ: CRM is a different listing.")).isEmpty();
    assertThat(best(index, "US$CRM and NYSE: CRMX and the ticker crm")).isEmpty();
  }

  @Test
  void tickersLeaveWithTheirProfile() {
    Profile p = profile(Company.builder().name("Salesforce").addTickers("NYSE:CRM").build());
    ProfileIndex index = ProfileIndex.of(List.of(p));

    index.remove(p.id());

    assertThat(index.match(signal("Shares (NYSE: CRM) rose $CRM"))).isEmpty();
  }

  private static ProfileIndex index(Company... companies) {
    return ProfileIndex.of(List.of(profile(companies)));
  }

  private static Profile profile(Company... companies) {
    return Profile.builder()
        .tenant("acme")
        .id(ProfileId.of("acme", "names"))
        .owner("u1")
        .name("Names")
        .addWatchlist(companies)
        .build();
  }

  private static Optional<Match> best(ProfileIndex index, String text) {
    return best(index.match(signal(text)).values().stream().flatMap(List::stream).toList());
  }

  private static Optional<Match> best(List<Match> matches) {
    return matches.stream()
        .filter(m -> m.target() == MatchTarget.WATCHLIST && m.confidence() >= 0.5)
        .max((a, b) -> Double.compare(a.confidence(), b.confidence()));
  }

  private static Optional<String> term(ProfileIndex index, String text) {
    return best(index, text).map(Match::term);
  }

  private static List<Match> org(ProfileIndex index, String name) {
    Signal s =
        base("Industry update")
            .addOrganizations(
                OrganizationMention.builder().name(name).role(OrganizationRole.SUBJECT).build())
            .build();
    return index.match(s).values().stream().flatMap(List::stream).toList();
  }

  private static Signal signal(String text) {
    return base("Industry update").text(text).build();
  }

  private static Signal.Builder base(String title) {
    return Signal.builder()
        .key(SignalKey.of("test", "names"))
        .type(SignalType.NEWS)
        .title(title)
        .text("")
        .publishedAt(NOW)
        .observedAt(NOW);
  }
}
