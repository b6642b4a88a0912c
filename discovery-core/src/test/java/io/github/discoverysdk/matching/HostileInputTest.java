package io.github.discoverysdk.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.TrackedSubject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and pathological input for the normaliser, the index and the validation of the values
 * they read: a megabyte of one character, a name repeated thousands of times, every Unicode
 * category, lone surrogates, and profiles with empty, huge, duplicate or meaningless terms. Every
 * call must end in a result or a {@link ValidationException}, never another exception, and within a
 * time that only a super-linear algorithm would exceed. Generators are seeded: a failure repeats.
 *
 * <p>Times measured on the 2-core build machine (JDK 17, warm), after the fixes this class guards:
 * a megabyte of one character takes 0.4 to 410 ms through one {@link Normalizer} method and 2 to
 * 300 ms through {@link ProfileIndex#match} with 200 profiles (the slowest by far: {@code U+FDFA},
 * which folds to 18 characters; then {@code U+FB03} and {@code é}, under 110 ms); a megabyte of
 * short tokens or a megabyte-long person title under 200 ms; 125,000 words "x" against terms of 100
 * words (as many as 200 characters hold) 150 ms. The limit of each call, 10 s, is 20 times the
 * slowest of these, and far below what the quadratic code these tests found took: a megabyte-long
 * capitalised word (hours), 160,000 combining marks of alternating classes (5.6 s; a megabyte,
 * minutes), a person title of 4,000 words (19 s), a keyword of 1,000 words against 200,000 words of
 * text (1.6 s; of 10,000 words, a StackOverflowError).
 */
class HostileInputTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final int MEGABYTE = 1_000_000;
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private static final String[] COMPANIES = {
    "Stripe",
    "Databricks",
    "Snowflake",
    "Salesforce",
    "Nestlé",
    "Siemens",
    "Adyen",
    "Klarna",
    "Revolut",
    "Datadog",
    "Twilio",
    "Atlassian",
    "Zendesk",
    "HubSpot",
    "Shopify",
    "Okta",
    "Cloudflare",
    "MongoDB",
    "Elastic",
    "Confluent",
    "Gitlab",
    "Personio",
    "Celonis",
    "Miro",
    "Canva",
    "Figma",
    "Notion",
    "Airtable",
    "Asana",
    "Monday",
    "Target",
    "Apple",
    "Oracle",
    "Zoom",
    "Slack",
    "Square",
    "Shell",
    "Visa",
    "Maersk",
    "Björn Borg",
    "Société Générale",
    "Müller Group",
    "Ørsted",
    "L'Oréal",
    "Procter & Gamble",
    "Goldman Sachs",
    "Deutsche Bank",
    "BNP Paribas",
    "Crédit Agricole",
    "Zalando",
    "Delivery Hero",
    "Spotify",
    "Northvolt",
  };
  private static final String[] KEYWORDS = {
    "payment orchestration", "data warehouse", "zero trust", "revenue intelligence",
    "supply chain visibility", "carbon accounting", "open banking", "fraud detection",
  };
  private static final String[] TITLES = {
    "VP Sales", "CRO", "Head of RevOps", "Director of Engineering", "CFO", "Sr. Director, Sales",
  };
  private static final String[] INDUSTRIES = {"fintech", "saas", "payments", "retail", "energy"};
  private static final String[] REGIONS = {"EMEA", "DACH", "Germany", "North America", "APAC"};

  /** 200 profiles of random watchlists; p0 watches Stripe, p1 Databricks. */
  private static final List<Profile> PROFILES = profiles(new Random(20261121L), 200);

  private static final ProfileIndex INDEX = ProfileIndex.of(PROFILES);

  /** Code points of every Unicode general category, lone surrogates among them. */
  private static final List<List<Integer>> CATEGORIES = codePointsByCategory();

  // ------------------------------------------------------------------ text a source might send

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "A",
        "é",
        "1",
        " ",
        ".",
        "@",
        "/",
        "&",
        "'",
        "-",
        "\n",
        "\u0000",
        "\u0301",
        "\u200D",
        "\u202E",
        "\uD83D\uDE80",
        "\uD800",
        "\uFFFF",
        "\uFDFA",
        "\uFB03",
        "a.",
        "x@y.",
        "Ab ",
        "s.a. ",
        "\u0301\u0316",
        "\uD842\uDFB7"
      })
  void aMegabyteOfOneCharacterIsNormalisedAndMatchedInLinearTime(String unit) {
    String prefix = "Stripe ";
    String suffix = " Databricks";
    int units = (MEGABYTE - prefix.length() - suffix.length()) / unit.length();
    String noise = unit.repeat(units);
    String text = prefix + noise + suffix;
    String label = "a megabyte of " + escape(unit);

    // Normalizer.tokenize reads a text as match does; it has a megabyte of its own below.
    within(label + ": fold", () -> Normalizer.fold(noise));
    within(label + ": domain", () -> Normalizer.domain(noise));

    Map<ProfileId, List<Match>> result = within(label + ": match", () -> INDEX.match(text(text)));
    assertWatched(result, "Stripe", label);
    assertWatched(result, "Databricks", label);
  }

  @Test
  void aCompanyNameRepeatedThousandsOfTimesIsOneMatchPerProfileWithTheBestEvidence() {
    String unit = "Stripe, Inc. opened at stripe.com; Stripe's team and STRIPE ";
    String text = unit.repeat(MEGABYTE / unit.length());

    Map<ProfileId, List<Match>> result = within("repeated name", () -> INDEX.match(text(text)));

    for (Profile p : watching("Stripe")) {
      List<Match> stripe =
          result.get(p.id()).stream()
              .filter(m -> m.target() == MatchTarget.WATCHLIST && m.term().equals("Stripe"))
              .toList();
      assertThat(stripe).as("one match per term of %s", p.id()).hasSize(1);
      assertThat(stripe.get(0).confidence()).isEqualTo(0.9);
      Match m = stripe.get(0);
      assertThat(text.substring(m.start(), m.end())).isEqualTo(m.matchedText());
    }
  }

  @Test
  void namesAmongAMegabyteOfShortTokensAreFoundAndNothingThrows() {
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éßø";
    String separators = " .,;:-/@&'\n\t|!?()";
    StringBuilder b = new StringBuilder(MEGABYTE);
    List<String> planted = new ArrayList<>();
    while (b.length() < MEGABYTE - 100) {
      if (random.nextInt(20_000) == 0) {
        String name = random.nextBoolean() ? "Databricks" : "Stripe";
        planted.add(name);
        b.append(" ").append(name).append(" ");
        continue;
      }
      int len = 1 + random.nextInt(3);
      for (int i = 0; i < len; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      b.append(separators.charAt(random.nextInt(separators.length())));
    }
    String text = b.toString();

    List<Token> tokens = within("short tokens: tokenize", () -> Normalizer.tokenize(text));
    Map<ProfileId, List<Match>> result =
        within("short tokens: match", () -> INDEX.match(text(text)));

    assertThat(tokens.size()).isGreaterThan(MEGABYTE / 5);
    assertThat(planted).contains("Databricks", "Stripe");
    assertWatched(result, "Stripe", "short tokens");
    assertWatched(result, "Databricks", "short tokens");
  }

  @Test
  void textsOfEveryUnicodeCategoryNeverThrowAndTokensSpellTheirSpan() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      String text = unicodeText(random, CATEGORIES, 1 + random.nextInt(280)); // names: 300 at most
      String label =
          "round " + round + ": " + escape(text.substring(0, Math.min(60, text.length())));

      List<Token> tokens = Normalizer.tokenize(text);
      for (Token t : tokens) {
        assertThat(t.start()).as(label).isBetween(0, t.end() - 1);
        assertThat(t.end()).as(label).isLessThanOrEqualTo(text.length());
        assertThat(t.text()).as(label).isEqualTo(spelling(text.substring(t.start(), t.end())));
      }
      assertThat(Normalizer.phrase(text)).as(label).doesNotContain("  ");
      Normalizer.fold(text);
      Normalizer.companyName(text);
      Normalizer.domain(text).ifPresent(d -> assertThat(d).as(label).doesNotStartWith("."));
      JobTitle jt = JobTitle.parse(text);
      assertThat(jt.seniority()).as(label).isNotNull();
      Taxonomy.industryAndBroader(text);
      Taxonomy.regionAndContaining(text);
      String st = storable(text);
      if (!st.isBlank()) { // the shortest texts may be all spaces
        String tag = st.substring(0, cut(st, Signal.MAX_TAG));
        Signal s =
            base(st, st)
                .type(round % 2 == 0 ? SignalType.JOB_POSTING : SignalType.NEWS)
                .addOrganizations(OrganizationMention.of(st, OrganizationRole.SPONSOR))
                .addPeople(PersonMention.builder().name(st).title(st).employer(st).build())
                .addIndustries(tag.isBlank() ? "x" : tag)
                .addRegions(tag.isBlank() ? "x" : tag)
                .build();
        INDEX.match(s);
      }
    }
  }

  @Test
  void supplementaryLettersAreWordsOfTheirOwn() {
    // Regression: letters beyond the BMP (CJK Extension B, Adlam, Deseret) were dropped from their
    // word, so "𠮷野家" was read as "野家", and a name in Adlam as no word at all.
    assertThat(Normalizer.tokenize("\uD842\uDFB7野家"))
        .extracting(Token::text)
        .containsExactly("\uD842\uDFB7野家");
    assertThat(Normalizer.tokenize("\uD83A\uDD00\uD83A\uDD01"))
        .extracting(Token::text)
        .containsExactly("\uD83A\uDD22\uD83A\uDD23"); // Adlam capitals fold to small letters
    assertThat(Normalizer.tokenize("a\uD800b \uDC00"))
        .extracting(Token::text)
        .containsExactly("a", "b");

    ProfileIndex yoshinoya =
        ProfileIndex.of(List.of(profile("y", b -> b.addWatchlist(Company.of("\uD842\uDFB7野家")))));
    assertThat(yoshinoya.match(text("\uD842\uDFB7野家 opens 200 stores"))).hasSize(1);
    assertThat(yoshinoya.match(text("野家 opens 200 stores"))).isEmpty();
  }

  @Test
  void longRunsOfCombiningMarksFoldInLinearTime() {
    // Regression: NFKD sorts a run of marks by insertion; marks of alternating combining classes
    // (U+0301 is class 230, U+0316 class 220) made it quadratic: 160,000 marks took 5.6 s.
    String marks = "\u0301\u0316".repeat(MEGABYTE / 2);
    assertThat(within("alternating marks: fold", () -> Normalizer.fold("e" + marks)))
        .isEqualTo("e");
    assertThat(Normalizer.fold("Nestle\u0301" + "\u0316\u0301".repeat(40))).isEqualTo("nestle");
    String within30 = "e" + "\u0301".repeat(Normalizer.MAX_MARK_RUN);
    assertThat(Normalizer.streamSafe(within30)).isSameAs(within30);
    assertThat(Normalizer.streamSafe("e" + "\u0301".repeat(31)))
        .isEqualTo("e" + "\u0301".repeat(30) + "\u034F\u0301");
  }

  @Test
  void aMegabyteLongCapitalisedWordIsNotLookedUpForTypos() {
    // Regression: every text word was looked up in the typo neighbourhood, at a cost quadratic in
    // its length: a megabyte-long capitalised word would have taken hours.
    String word = "Databrick" + "S".repeat(MEGABYTE - 100);
    Map<ProfileId, List<Match>> result =
        within("long word", () -> INDEX.match(text("Stripe " + word + " Databricks")));
    assertWatched(result, "Databricks", "long word");
  }

  @Test
  void aMegabyteLongPersonTitleIsMatchedInLinearTime() {
    // Regression: every run of a person's title words was looked up as a title, in time cubic in
    // the title's length: 4,000 words took 19 s. A title is now at most 300 characters (a
    // megabyte one is refused, as no storage holds it), so the megabyte comes as the most people
    // a signal may name, each with the longest title.
    String megabyte = "Senior VP of Sales and ".repeat(MEGABYTE / 23);
    assertThatThrownBy(() -> PersonMention.builder().name("Ana").title(megabyte).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("person.title");
    String title = "Senior VP of Sales and ".repeat(300 / 23);
    List<PersonMention> people = new ArrayList<>();
    for (int i = 0; i < Signal.MAX_MENTIONS; i++) {
      people.add(PersonMention.builder().name("Ana " + i).title(title).employer(title).build());
    }
    Signal s = base("Conference speakers", "").people(people).build();
    Map<ProfileId, List<Match>> result = within("long person title", () -> INDEX.match(s));
    assertThat(result.values().stream().flatMap(List::stream))
        .anyMatch(m -> m.target() == MatchTarget.TITLE);
  }

  @Test
  void domainsWithoutAHostAreEmpty() {
    // Regression: "." gave the domain "", and "...." the domain "...".
    for (String s :
        List.of(".", "..", "....", "a@.", "stripe..com", "http://.", "localhost.", "@")) {
      assertThat(Normalizer.domain(s)).as(s).isEmpty();
    }
    assertThat(Normalizer.domain(".stripe.com")).contains("stripe.com");
    assertThat(Normalizer.domain("stripe.com.")).contains("stripe.com");
    assertThat(Normalizer.domain("jane@mail.stripe.com")).contains("stripe.com");
  }

  // ------------------------------------------------------------------ profiles a user might save

  @Test
  void emptyAndBlankTermsAreRejectedNamingTheField() {
    for (String blank : List.of("", " ", "\t\n", "\u2003")) {
      rejected(b -> b.name(blank), "name");
      rejected(b -> b.owner(blank), "owner");
      rejected(b -> b.addKeywords(blank), "keywords");
      rejected(b -> b.addCompetitors(blank), "competitors");
      rejected(b -> b.addTargetTitles(blank), "targetTitles");
      rejected(b -> b.addIndustries(blank), "industries");
      rejected(b -> b.addRegions(blank), "regions");
      rejected(b -> b.addWatchlist(Company.of(blank)), "company.name");
      rejected(
          b -> b.addWatchlist(Company.builder().name("X").addAliases(blank).build()),
          "company.aliases");
      rejected(b -> b.addWatchlist(Company.of("X", blank)), "company.domains");
    }
  }

  @Test
  void tenThousandCharacterTermsAreRejectedNamingTheField() {
    String huge = "Acme ".repeat(2_000);
    rejected(b -> b.name(huge), "name");
    rejected(b -> b.addWatchlist(Company.of(huge)), "company.name");
    // Regression: these had no limit; a keyword of 10,000 words overflowed the stack of every
    // match, and one of 1,000 words made each match quadratic.
    rejected(b -> b.addKeywords(huge), "keywords");
    rejected(b -> b.addCompetitors(huge), "competitors");
    rejected(b -> b.addTargetTitles(huge), "targetTitles");
    rejected(b -> b.addIndustries(huge), "industries");
    rejected(b -> b.addRegions(huge), "regions");
    rejected(
        b -> b.addWatchlist(Company.builder().name("X").addAliases(huge).build()),
        "company.aliases");
  }

  @Test
  void termsAtTheLengthLimitIndexAndMatchInLinearTime() {
    String deep = "x ".repeat(Profile.MAX_TERM / 2).strip(); // 100 words
    Profile p =
        profile(
            "deep",
            b ->
                b.addKeywords(deep)
                    .addCompetitors(deep)
                    .addTargetTitles(deep)
                    .addWatchlist(Company.builder().name("Acme").addAliases(deep).build()));
    ProfileIndex index = ProfileIndex.of(List.of(p));
    String text = "x ".repeat(MEGABYTE / 8); // 125,000 words, each the start of a 100-word walk
    Map<ProfileId, List<Match>> result = within("deep terms", () -> index.match(text(text)));
    assertThat(result.get(p.id())).extracting(Match::target).contains(MatchTarget.KEYWORD);
  }

  @Test
  void fiveThousandWatchlistEntriesIndexAndMatch() {
    Random random = new Random(5);
    List<Company> companies = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      companies.add(Company.of(syllables(random, 2 + random.nextInt(3)) + " " + i));
    }
    Profile big = profile("big", b -> b.addAllWatchlist(companies));
    ProfileIndex index = within("5,000 entries: index", () -> ProfileIndex.of(List.of(big)));
    String name = companies.get(4_321).name();

    Map<ProfileId, List<Match>> result = index.match(text("News: " + name + " raises funding"));

    assertThat(result.get(big.id())).extracting(Match::term).contains(name);
  }

  @Test
  void duplicatesDifferingInCaseOrAccentsIndexMatchAndGoAway() {
    Profile p =
        profile(
            "dup",
            b ->
                b.addWatchlist(Company.of("Nestlé"), Company.of("NESTLE"), Company.of("nestle"))
                    .addKeywords("Zero Trust", "zero trust", "ZÉRO TRUST")
                    .addTargetTitles("VP Sales", "vp sales", "V.P. Sales"));
    ProfileIndex index = ProfileIndex.of(List.of(p));

    List<Match> matches = index.match(text("Nestlé S.A. adopts zero trust")).get(p.id());

    assertThat(matches)
        .extracting(Match::target)
        .contains(MatchTarget.WATCHLIST, MatchTarget.KEYWORD);
    assertThat(index.remove(p.id())).isTrue();
    assertThat(index.match(text("Nestlé S.A. adopts zero trust"))).isEmpty();
  }

  @Test
  void controlCharactersAndNulInTermsIndexWithoutError() {
    Profile p =
        profile(
            "ctl",
            b ->
                b.addWatchlist(Company.of("Stri\u0000pe"), Company.of("Acme\u202E\u200DWidgets"))
                    .addKeywords("zero\u0007trust", "\u0000x")
                    .addTargetTitles("VP\u0000Sales")
                    .addIndustries("fin\u0000tech")
                    .addRegions("EM\u0000EA"));
    ProfileIndex index = ProfileIndex.of(List.of(p));
    index.match(text("Stri\u0000pe and Acme\u202E\u200DWidgets: zero\u0007trust"));
    assertThat(index.match(text("Acme Widgets buys a rival")).get(p.id()))
        .extracting(Match::term)
        .contains("Acme\u202E\u200DWidgets");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "!!!", "™", "\u0301", "\u200D", "-", "&", "\uD800", "!.com"})
  void aTermWithoutLettersIndexesAndDoesNotBreakTheOtherProfiles(String term) {
    // Regression: a company, alias or competitor without a letter or digit threw
    // IndexOutOfBoundsException in Normalizer.companyName, and with it every ProfileIndex.of
    // holding the profile.
    Profile odd =
        profile(
            "odd",
            b ->
                b.addWatchlist(
                        Company.of(term), Company.builder().name("Acme").addAliases(term).build())
                    .addCompetitors(term)
                    .addKeywords(term)
                    .addTargetTitles(term)
                    .addIndustries(term)
                    .addRegions(term));
    List<Profile> all = new ArrayList<>(PROFILES);
    all.add(odd);

    ProfileIndex index = ProfileIndex.of(all);
    Map<ProfileId, List<Match>> result = index.match(text("Stripe " + term + " " + term));

    assertWatched(result, "Stripe", escape(term));
    String expected = term.equals("!.com") ? "com" : term.equals("&") ? "and" : "";
    assertThat(Normalizer.companyName(term)).isEqualTo(expected);
  }

  @Test
  void aCompanyNameWithoutLettersIsAValidationErrorAsATrackedAccount() {
    // Regression: TrackedSubject.account("…") threw IndexOutOfBoundsException (from
    // Normalizer.companyName) instead of its ValidationException.
    for (String name : List.of("", ".", "!!!", "—")) {
      assertThatThrownBy(() -> TrackedSubject.account(name))
          .as(name)
          .isInstanceOf(ValidationException.class);
    }
    assertThat(TrackedSubject.account("Stripe, Inc.").key()).isEqualTo("stripe");
  }

  @Test
  void shortStopWordAndSuffixTermsMatchOnlyTextsHoldingThem() {
    // A keyword or name matches where its words stand, whatever they are: "the" matches most
    // English texts. That is what was asked for; these terms must not match texts without them.
    List<String> terms = List.of("x", "the", "Inc", "GmbH", "A", "and");
    List<String> texts =
        List.of(
            "Databricks raises funding",
            "The weather in Berlin is mild",
            "Stripe, Inc. hires in Dublin",
            "Siemens GmbH and Bosch sign a deal",
            "A new report on cloud spending",
            "x marks the spot",
            "IT IS A GREAT DAY");
    for (String term : terms) {
      Profile p =
          profile(
              "t",
              b ->
                  b.addKeywords(term)
                      .addWatchlist(Company.of(term))
                      .addCompetitors(term)
                      .addTargetTitles(term));
      ProfileIndex index = ProfileIndex.of(List.of(p));
      String word = Normalizer.fold(term);
      for (String t : texts) {
        boolean holds = Normalizer.words(t).contains(word);
        Map<ProfileId, List<Match>> result = index.match(text(t));
        if (!holds) {
          assertThat(result).as("%s in %s", term, t).isEmpty();
        } else {
          assertThat(result.get(p.id()))
              .as("%s in %s", term, t)
              .extracting(Match::target)
              .contains(MatchTarget.KEYWORD);
        }
      }
    }
  }

  @Test
  void randomHostileProfilesEitherFailValidationOrIndexAndMatch() {
    Random random = new Random(99);
    int rejected = 0;
    List<Profile> accepted = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Supplier<String> term =
          () ->
              switch (random.nextInt(12)) {
                case 0 -> "";
                case 1 -> " ".repeat(random.nextInt(3));
                case 2, 3, 4 -> unicodeText(random, CATEGORIES, 1 + random.nextInt(250));
                case 5, 6, 7 -> COMPANIES[random.nextInt(COMPANIES.length)];
                case 8, 9 -> String.valueOf((char) random.nextInt(0x10000));
                default -> unicodeText(random, CATEGORIES, 1 + random.nextInt(20));
              };
      try {
        Profile.Builder b =
            Profile.builder().tenant("t").id(ProfileId.of("t", "r" + i)).owner("u").name("r" + i);
        for (int k = random.nextInt(4); k > 0; k--) {
          b.addWatchlist(Company.builder().name(term.get()).addAliases(term.get()).build());
        }
        b.addKeywords(term.get()).addCompetitors(term.get()).addTargetTitles(term.get());
        b.addIndustries(term.get()).addRegions(term.get());
        accepted.add(b.build());
      } catch (ValidationException e) {
        rejected++;
      }
    }
    ProfileIndex index = ProfileIndex.of(accepted);
    for (Profile p : accepted) {
      index.put(p);
      for (Company c : p.watchlist()) {
        index.match(text(c.name()));
      }
      index.match(text(String.join(" ", p.keywords()) + " " + String.join(" ", p.competitors())));
    }
    for (Profile p : accepted) {
      assertThat(index.remove(p.id())).isTrue();
    }
    assertThat(index.profileCount()).isZero();
    assertThat(rejected).isPositive();
    assertThat(accepted).hasSizeGreaterThan(20);
  }

  // ------------------------------------------------------------------ Fuzzy and JobTitle

  @Test
  void boundedDistanceAgreesWithTheFullTableOnRandomWords() {
    Random random = new Random(3);
    for (int round = 0; round < 20_000; round++) {
      String a = randomWord(random, random.nextInt(14));
      String b = mutate(random, a);
      int max = 1 + random.nextInt(3);
      int full = osa(a, b);
      char[] chars = ("##" + a).toCharArray();
      int bounded = Fuzzy.distance(chars, 2, a.length(), b, max);
      assertThat(bounded).as("%s / %s within %d", a, b, max).isEqualTo(Math.min(full, max + 1));
    }
  }

  @Test
  void distanceAndTyposOfVeryLongAndEmptyWords() {
    char[] empty = new char[0];
    assertThat(Fuzzy.distance(empty, 0, 0, "", 2)).isZero();
    assertThat(Fuzzy.distance(empty, 0, 0, "ab", 2)).isEqualTo(2);
    assertThat(Fuzzy.distance(empty, 0, 0, "abc", 2)).isEqualTo(3);
    assertThat(Fuzzy.jaroWinkler(empty, 0, 0, "abc")).isZero();

    // Regression: the table was filled whole, n * m cells: two equal words of a megabyte would
    // have taken 10^12 steps. The band of 2 * max + 1 diagonals is linear.
    String longWord = "ab".repeat(MEGABYTE / 2);
    char[] same = longWord.toCharArray();
    char[] swapped = ("ba" + longWord.substring(2)).toCharArray();
    assertThat(within("long distance", () -> Fuzzy.distance(same, 0, same.length, longWord, 2)))
        .isZero();
    assertThat(
            within("long distance", () -> Fuzzy.distance(swapped, 0, swapped.length, longWord, 2)))
        .isEqualTo(1);
    char[] mid = "x".repeat(5_000).toCharArray();
    assertThat(Fuzzy.jaroWinkler(mid, 0, mid.length, "x".repeat(5_000))).isEqualTo(1.0);

    WordTable words = new WordTable();
    Fuzzy fuzzy = new Fuzzy();
    int id = words.intern("databricks");
    fuzzy.add("databricks", id);
    char[] typo = "databriks".toCharArray();
    assertThat(fuzzy.closest(typo, 0, typo.length, words)).isEqualTo(id);
    char[] huge = ("databricks" + "s".repeat(MEGABYTE)).toCharArray();
    assertThat(within("long typo", () -> fuzzy.closest(huge, 0, huge.length, words))).isEqualTo(-1);
    assertThat(fuzzy.closest(typo, 0, 0, words)).isEqualTo(-1);
  }

  @Test
  void hostileJobTitlesAndTaxonomyNamesParse() {
    Random random = new Random(13);
    List<String> titles =
        new ArrayList<>(
            List.of(
                "",
                " ",
                ".",
                "VP",
                "vp vp vp",
                "Assistant",
                "of the and",
                "C.E.O.",
                "Head of",
                "\uD800VP\uDC00 Sales"));
    titles.add("VP ".repeat(MEGABYTE / 3));
    titles.add("Executive Assistant to the ".repeat(MEGABYTE / 27));
    for (int i = 0; i < 200; i++) {
      titles.add(
          unicodeText(random, CATEGORIES, random.nextInt(100))
              + " "
              + TITLES[random.nextInt(TITLES.length)]);
    }
    List<JobTitle> parsed = within("titles", () -> titles.stream().map(JobTitle::parse).toList());
    for (JobTitle jt : parsed) {
      assertThat(jt.normalized()).doesNotContain("  ").doesNotStartWith(" ");
      assertThat(jt.seniority()).isNotNull();
    }
    // The other Normalizer methods and the taxonomy read their text as tokenize does.
    for (String unit : List.of("a", "-", "\u0301\u0316")) {
      String noise = unit.repeat(MEGABYTE / unit.length());
      within(
          "names of " + escape(unit),
          () ->
              List.of(
                  Normalizer.tokenize(noise),
                  Normalizer.companyName(noise),
                  Normalizer.title(noise),
                  Taxonomy.industryAndBroader(noise),
                  Taxonomy.regionAndContaining(noise)));
    }
    assertThat(JobTitle.parse("\uD800VP\uDC00 Sales").seniority())
        .isEqualTo(JobTitle.Seniority.VICE_PRESIDENT);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Runs {@code call} within {@link #LIMIT}; an exception other than a typed one fails the test.
   */
  private static <T> T within(String label, Supplier<T> call) {
    return assertTimeoutPreemptively(
        LIMIT,
        () -> {
          try {
            return call.get();
          } catch (DiscoveryException e) {
            throw e;
          } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(label + ": untyped " + e, e);
          }
        },
        label + ": took more than " + LIMIT.toSeconds() + " s");
  }

  private static void rejected(Consumer<Profile.Builder> change, String field) {
    assertThatThrownBy(
            () -> {
              Profile.Builder b =
                  Profile.builder()
                      .tenant("acme")
                      .owner("u")
                      .name("n")
                      .addWatchlist(Company.of("Stripe"));
              change.accept(b);
              b.build();
            })
        .as(field)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(field);
  }

  private static void assertWatched(
      Map<ProfileId, List<Match>> result, String company, String label) {
    List<Profile> watching = watching(company);
    assertThat(watching).as("a profile watches %s", company).isNotEmpty();
    for (Profile p : watching) {
      assertThat(result.get(p.id()))
          .as("%s: %s of %s", label, company, p.id())
          .isNotNull()
          .anyMatch(m -> m.target() == MatchTarget.WATCHLIST && m.term().equals(company));
    }
  }

  private static List<Profile> watching(String company) {
    return PROFILES.stream()
        .filter(p -> p.watchlist().stream().anyMatch(c -> c.name().equals(company)))
        .toList();
  }

  private static List<Profile> profiles(Random random, int n) {
    List<Profile> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Profile.Builder b =
          Profile.builder()
              .tenant("acme")
              .id(ProfileId.of("acme", "p" + i))
              .owner("u" + random.nextInt(20))
              .name("profile " + i);
      Set<String> names = new LinkedHashSet<>();
      if (i == 0) {
        names.add("Stripe");
      } else if (i == 1) {
        names.add("Databricks");
      }
      for (int k = 2 + random.nextInt(7); k > 0; k--) {
        names.add(COMPANIES[random.nextInt(COMPANIES.length)]);
      }
      for (String name : names) {
        Company.Builder c = Company.builder().name(name);
        if (random.nextInt(3) == 0) {
          c.addDomains(Normalizer.fold(name).replaceAll("[^a-z]", "") + ".com");
        }
        if (random.nextInt(4) == 0) {
          c.addAliases(name.toUpperCase(java.util.Locale.ROOT) + " Holdings");
        }
        b.addWatchlist(c.build());
      }
      for (int k = random.nextInt(3); k > 0; k--) {
        b.addKeywords(KEYWORDS[random.nextInt(KEYWORDS.length)]);
      }
      for (int k = random.nextInt(3); k > 0; k--) {
        b.addTargetTitles(TITLES[random.nextInt(TITLES.length)]);
      }
      b.addCompetitors(COMPANIES[random.nextInt(COMPANIES.length)]);
      b.addIndustries(INDUSTRIES[random.nextInt(INDUSTRIES.length)]);
      b.addRegions(REGIONS[random.nextInt(REGIONS.length)]);
      out.add(b.build());
    }
    return List.copyOf(out);
  }

  private static Profile profile(String id, Consumer<Profile.Builder> terms) {
    Profile.Builder b = Profile.builder().tenant("t").id(ProfileId.of("t", id)).owner("u").name(id);
    terms.accept(b);
    return b.build();
  }

  private static Signal text(String text) {
    return base("Signal", text).build();
  }

  /**
   * A signal refuses the NUL character and unpaired surrogates (see {@link Signal}), so the matcher
   * never sees them in a signal: tests that send them get the nearest text a signal may hold, the
   * control character U+0001 for NUL and U+FFFD for a lone surrogate.
   */
  private static String storable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        b.append('\u0001');
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        b.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        b.append('\uFFFD');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The length of at most {@code max} chars of {@code text} that does not split a pair. */
  private static int cut(String text, int max) {
    if (text.length() <= max) {
      return text.length();
    }
    return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
  }

  private static Signal.Builder base(String title, String text) {
    return Signal.builder()
        .key(SignalKey.of("hostile", "k"))
        .type(SignalType.NEWS)
        .title(storable(title))
        .text(storable(text))
        .publishedAt(NOW)
        .observedAt(NOW);
  }

  /** The code points of each Unicode general category (Character.getType), by category. */
  private static List<List<Integer>> codePointsByCategory() {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      out.add(new ArrayList<>());
    }
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += 1 + (cp >>> 12 & 7)) {
      out.get(Character.getType(cp)).add(cp);
    }
    out.removeIf(List::isEmpty);
    return out;
  }

  /** Random text: mostly words and spaces, with code points of every category in between. */
  private static String unicodeText(Random random, List<List<Integer>> categories, int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      switch (random.nextInt(5)) {
        case 0 -> b.append(' ');
        case 1 -> b.append(COMPANIES[random.nextInt(COMPANIES.length)]);
        case 2 -> b.append(". ,&'@/-".charAt(random.nextInt(8)));
        default -> {
          List<Integer> pool = categories.get(random.nextInt(categories.size()));
          b.appendCodePoint(pool.get(random.nextInt(pool.size())));
        }
      }
    }
    return b.toString();
  }

  /** What a token of this span must read: its folded letters and digits, or "and" for "&". */
  private static String spelling(String span) {
    if (span.equals("&")) {
      return "and";
    }
    return Normalizer.fold(span)
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static String syllables(Random random, int n) {
    String[] s = {"ka", "lo", "mi", "ne", "ru", "ta", "vex", "dor", "lin", "qua", "zen", "bri"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(s[random.nextInt(s.length)]);
    }
    return Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  private static String randomWord(Random random, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append((char) ('a' + random.nextInt(4)));
    }
    return b.toString();
  }

  /** Up to four random edits: insertions, deletions, substitutions and swaps of neighbours. */
  private static String mutate(Random random, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int edits = random.nextInt(5); edits > 0; edits--) {
      int at = b.length() == 0 ? 0 : random.nextInt(b.length());
      switch (random.nextInt(4)) {
        case 0 -> b.insert(at, (char) ('a' + random.nextInt(4)));
        case 1 -> {
          if (b.length() > 0) {
            b.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (b.length() > 0) {
            b.setCharAt(at, (char) ('a' + random.nextInt(4)));
          }
        }
        default -> {
          if (at + 1 < b.length()) {
            char c = b.charAt(at);
            b.setCharAt(at, b.charAt(at + 1));
            b.setCharAt(at + 1, c);
          }
        }
      }
    }
    return b.toString();
  }

  /** Optimal string alignment distance by the whole table: the reference. */
  private static int osa(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String escape(String s) {
    return s.codePoints()
        .mapToObj(
            cp -> cp < 0x20 || cp > 0x7e ? String.format("\\u%04X", cp) : String.valueOf((char) cp))
        .collect(Collectors.joining());
  }
}
