package io.github.discoverysdk.benchmarks.scoring;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.spi.ScoringInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded, realistic scoring inputs: one profile (industries, regions, titles, a 20-company
 * watchlist), signals of every type with organisations, people and event dates, and 1–4 matches
 * each (company by organisation, person or text; industry, region, title), with temporal
 * assessments across every urgency and window.
 */
final class ScoringWorkload {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String[] COMPANIES = {
    "Stripe",
    "Adyen",
    "Klarna",
    "Plaid",
    "Revolut",
    "Monzo",
    "Wise",
    "Checkout.com",
    "Mollie",
    "SumUp",
    "N26",
    "Brex",
    "Ramp",
    "Marqeta",
    "Affirm",
    "Chime",
    "Nubank",
    "Toast",
    "Square",
    "Rapyd"
  };
  private static final String[] TITLES = {"VP Sales", "Chief Revenue Officer", "Head of Payments"};

  final Profile profile;
  final List<ScoringInput> inputs;

  ScoringWorkload(int size, long seed) {
    Random random = new Random(seed);
    Profile.Builder p =
        Profile.builder()
            .tenant("acme")
            .owner("u-1")
            .name("Fintech EMEA")
            .addIndustries("fintech", "payments")
            .addRegions("EMEA", "Germany")
            .addTargetTitles(TITLES);
    for (String c : COMPANIES) {
      p.addWatchlist(Company.of(c));
    }
    profile = p.build();
    SignalType[] types = SignalType.values();
    OrganizationRole[] roles = OrganizationRole.values();
    Urgency[] urgencies = Urgency.values();
    ActionWindow[] windows = ActionWindow.values();
    List<ScoringInput> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String company = COMPANIES[random.nextInt(COMPANIES.length)];
      SignalType type = types[random.nextInt(types.length)];
      Instant published = NOW.minus(Duration.ofHours(random.nextInt(24 * 45)));
      Signal.Builder s =
          Signal.builder()
              .key(SignalKey.of("source-" + random.nextInt(6), "s" + i))
              .type(type)
              .title(company + " " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + i)
              .publishedAt(published)
              .observedAt(NOW)
              .addOrganizations(
                  OrganizationMention.of(company, roles[random.nextInt(roles.length)]))
              .addPeople(
                  PersonMention.builder()
                      .name("Person " + i)
                      .title(TITLES[random.nextInt(TITLES.length)])
                      .employer(company)
                      .build());
      Integer days = null;
      if (type == SignalType.EVENT) {
        days = random.nextInt(120) - 5;
        s.event(EventDetails.builder().start(NOW.plus(Duration.ofDays(days))).build());
      }
      Signal signal = s.build();
      List<Match> matches = new ArrayList<>();
      EvidenceField[] companyFields = {
        EvidenceField.ORGANIZATION, EvidenceField.PERSON, EvidenceField.TEXT
      };
      matches.add(
          match(
              MatchTarget.WATCHLIST,
              company,
              0.6 + 0.4 * random.nextDouble(),
              companyFields[random.nextInt(companyFields.length)]));
      if (random.nextBoolean()) {
        matches.add(match(MatchTarget.INDUSTRY, "fintech", 0.9, EvidenceField.TEXT));
      }
      if (random.nextBoolean()) {
        matches.add(match(MatchTarget.REGION, "EMEA", 0.8, EvidenceField.TEXT));
      }
      if (random.nextInt(3) == 0) {
        matches.add(match(MatchTarget.TITLE, "VP Sales", 0.85, EvidenceField.PERSON));
      }
      TemporalAssessment.Builder t =
          TemporalAssessment.builder()
              .assessedAt(NOW)
              .ageDays(Duration.between(published, NOW).toDays())
              .urgency(urgencies[random.nextInt(urgencies.length)])
              .window(windows[random.nextInt(windows.length)])
              .recommendedAction("Reach out this week");
      if (days != null) {
        t.daysUntilEvent(days);
      }
      out.add(
          ScoringInput.builder()
              .profile(profile)
              .signal(signal)
              .matches(matches)
              .temporal(t.build())
              .now(NOW)
              .build());
    }
    inputs = List.copyOf(out);
  }

  /** The opportunity the engine would store for an input and its score. */
  static Opportunity opportunity(ScoringInput in, Score score, int i) {
    Signal s = in.signal();
    return Opportunity.builder()
        .id(OpportunityId.of("acme", "o" + i))
        .profileId(in.profile().id())
        .signalKey(s.key())
        .signalType(s.type())
        .title(s.title())
        .company(in.matches().get(0).term())
        .publishedAt(s.publishedAt())
        .occursAt(s.occursAt())
        .score(score)
        .matches(in.matches())
        .temporal(in.temporal())
        .signalHash("h" + i)
        .createdAt(NOW)
        .updatedAt(NOW)
        .lastSeenAt(NOW)
        .build();
  }

  private static Match match(
      MatchTarget target, String term, double confidence, EvidenceField field) {
    return Match.builder()
        .target(target)
        .kind(MatchKind.EXACT)
        .term(term)
        .matchedText(term)
        .confidence(confidence)
        .field(field)
        .start(0)
        .rule("benchmark")
        .build();
  }
}
