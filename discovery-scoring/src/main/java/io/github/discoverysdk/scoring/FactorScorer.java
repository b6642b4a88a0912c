package io.github.discoverysdk.scoring;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.ScoringInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores an opportunity on six factors — impact, urgency, fit, access, feasibility, confidence —
 * each 0..100 with its weight from the {@link ScoringPolicy} and a one-line reason. Each
 * contribution is the value times the weight, rounded to two decimals, and the total is their sum,
 * so the breakdown always adds up. The company's role feeds impact; industry, region and target
 * title feed fit; a named person (or a posting for the target role) feeds access. Stateless and
 * thread-safe.
 */
final class FactorScorer implements Scorer {
  private final ScoringPolicy policy;

  FactorScorer(ScoringPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Score score(ScoringInput input) {
    Signal signal = input.signal();
    List<Match> matches = input.matches();
    Optional<Match> company = bestCompany(matches);
    List<ScoreFactor> factors =
        List.of(
            impact(signal, company),
            urgency(signal, input.temporal()),
            fit(input.profile(), matches),
            access(signal, matches, company),
            feasibility(input.temporal()),
            confidence(signal, matches));
    double total = 0;
    for (ScoreFactor f : factors) {
      total += f.contribution();
    }
    total = round(total);
    SignalStrength strength =
        total >= policy.strongFrom()
            ? SignalStrength.STRONG
            : total >= policy.mediumFrom() ? SignalStrength.MEDIUM : SignalStrength.WEAK;
    return Score.builder().total(total).strength(strength).factors(factors).build();
  }

  private ScoreFactor impact(Signal signal, Optional<Match> company) {
    double base = typeImpact(signal.type());
    String type = typeName(signal.type());
    if (company.isEmpty()) {
      return factor(
          "impact",
          base * 0.6,
          policy.impactWeight(),
          capitalize(type) + " signal, no named account");
    }
    Match m = company.get();
    String who =
        (m.target() == MatchTarget.WATCHLIST ? "Watchlist company " : "Competitor ") + m.term();
    Optional<OrganizationRole> role = roleOf(signal, m);
    double weight;
    String how;
    if (role.isPresent()) {
      weight =
          switch (role.get()) {
            case SUBJECT, FILER, HIRING_COMPANY, SPONSOR -> 1.0;
            case SPEAKER_EMPLOYER, EXHIBITOR, PARTNER, INVESTOR -> 0.9;
            case MENTIONED -> 0.8;
          };
      how = " as " + role.get().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    } else {
      weight = m.field() == EvidenceField.PERSON ? 0.9 : 0.75;
      how =
          m.field() == EvidenceField.PERSON
              ? " as a person's employer"
              : " named in the " + field(m);
    }
    return factor(
        "impact",
        base * weight,
        policy.impactWeight(),
        who + how + " of " + article(type) + " " + type + " signal");
  }

  private ScoreFactor urgency(Signal signal, TemporalAssessment t) {
    if (t.window() == ActionWindow.CLOSED) {
      return factor(
          "urgency", 5, policy.urgencyWeight(), "Too late to act on: " + t.recommendedAction());
    }
    if (t.daysUntilEvent().isPresent()) {
      double value =
          switch (t.urgency()) {
            case CRITICAL -> 100;
            case HIGH -> 80;
            case MEDIUM -> 55;
            case LOW -> 30;
          };
      return factor(
          "urgency",
          value,
          policy.urgencyWeight(),
          String.format(
              Locale.ROOT, "Event in %d days (%s)", t.daysUntilEvent().getAsLong(), t.urgency()));
    }
    Duration halfLife = policy.halfLifeOf(signal.type());
    Duration age = Duration.between(signal.publishedAt(), t.assessedAt());
    double halves = Math.max(0, age.toMinutes()) / (double) halfLife.toMinutes();
    return factor(
        "urgency",
        100 * Math.pow(0.5, halves),
        policy.urgencyWeight(),
        String.format(
            Locale.ROOT,
            "Published %d days ago, %s half-life %d days",
            t.ageDays(),
            typeName(signal.type()),
            halfLife.toDays()));
  }

  private ScoreFactor fit(Profile profile, List<Match> matches) {
    List<String> hits = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    double sum = 0;
    int parts = 0;
    if (!profile.industries().isEmpty()) {
      parts++;
      Optional<Match> m = first(matches, MatchTarget.INDUSTRY);
      sum += m.isPresent() ? 100 : 0;
      (m.isPresent() ? hits : misses).add("industry" + m.map(x -> " " + x.term()).orElse(""));
    }
    if (!profile.regions().isEmpty()) {
      parts++;
      Optional<Match> m = first(matches, MatchTarget.REGION);
      sum += m.isPresent() ? 100 : 0;
      (m.isPresent() ? hits : misses).add("region" + m.map(x -> " " + x.term()).orElse(""));
    }
    if (!profile.targetTitles().isEmpty()) {
      parts++;
      Optional<Match> m = first(matches, MatchTarget.TITLE);
      sum += m.isPresent() ? 100 : 0;
      (m.isPresent() ? hits : misses).add("title" + m.map(x -> " " + x.term()).orElse(""));
    }
    if (parts == 0) {
      return factor("fit", 50, policy.fitWeight(), "No industry, region or title preference");
    }
    String reason =
        (hits.isEmpty() ? "" : "Fits " + String.join(", ", hits))
            + (hits.isEmpty() || misses.isEmpty() ? "" : "; ")
            + (misses.isEmpty() ? "" : "no match on " + String.join(", ", misses));
    return factor("fit", sum / parts, policy.fitWeight(), reason);
  }

  private ScoreFactor access(Signal signal, List<Match> matches, Optional<Match> company) {
    Optional<Match> person =
        matches.stream()
            .filter(m -> m.target() == MatchTarget.TITLE && m.field() == EvidenceField.PERSON)
            .max(Comparator.comparingDouble(Match::confidence));
    if (person.isPresent()) {
      String name = signal.people().get(person.get().start()).name();
      return factor(
          "access",
          100,
          policy.accessWeight(),
          "Named contact " + name + ", " + person.get().matchedText());
    }
    if (company.isPresent() && company.get().rule().equals("person-employer")) {
      return factor(
          "access", 75, policy.accessWeight(), "A named person works at " + company.get().term());
    }
    if (signal.type() == SignalType.JOB_POSTING && first(matches, MatchTarget.TITLE).isPresent()) {
      return factor("access", 60, policy.accessWeight(), "The target role is being hired");
    }
    Optional<OrganizationRole> role = company.flatMap(m -> roleOf(signal, m));
    if (role.isPresent() && signal.type() == SignalType.EVENT) {
      return factor(
          "access",
          65,
          policy.accessWeight(),
          "Meet them at the event ("
              + role.get().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ")");
    }
    if (role.isPresent()) {
      return factor("access", 45, policy.accessWeight(), "Company named, no contact yet");
    }
    return factor("access", 30, policy.accessWeight(), "Mentioned in passing, no contact");
  }

  private ScoreFactor feasibility(TemporalAssessment t) {
    return switch (t.window()) {
      case OPEN -> factor("feasibility", 100, policy.feasibilityWeight(), "Action window open");
      case CLOSING_SOON ->
          factor("feasibility", 55, policy.feasibilityWeight(), "Action window closing soon");
      case CLOSED -> factor("feasibility", 0, policy.feasibilityWeight(), "Action window closed");
    };
  }

  private ScoreFactor confidence(Signal signal, List<Match> matches) {
    double best = Match.bestAnchorConfidence(matches);
    double reliability = policy.reliabilityOf(signal.key().sourceId());
    return factor(
        "confidence",
        100 * best * reliability,
        policy.confidenceWeight(),
        String.format(
            Locale.ROOT,
            "Match confidence %.2f, source %s reliability %.2f",
            best,
            signal.key().sourceId(),
            reliability));
  }

  private static Optional<Match> bestCompany(List<Match> matches) {
    return matches.stream()
        .filter(m -> m.target() == MatchTarget.WATCHLIST || m.target() == MatchTarget.COMPETITOR)
        .max(
            Comparator.comparingDouble(Match::confidence)
                .thenComparing(m -> m.target() == MatchTarget.WATCHLIST));
  }

  private static Optional<OrganizationRole> roleOf(Signal signal, Match m) {
    if (m.field() != EvidenceField.ORGANIZATION
        || m.start() < 0
        || m.start() >= signal.organizations().size()) {
      return Optional.empty();
    }
    return Optional.of(signal.organizations().get(m.start()).role());
  }

  private static Optional<Match> first(List<Match> matches, MatchTarget target) {
    return matches.stream().filter(m -> m.target() == target).findFirst();
  }

  private static double typeImpact(SignalType type) {
    return switch (type) {
      case FUNDING -> 90;
      case LEADERSHIP_CHANGE -> 85;
      case EVENT -> 75;
      case FILING -> 70;
      case JOB_POSTING -> 65;
      case PARTNERSHIP, PRODUCT_LAUNCH -> 60;
      case NEWS -> 55;
      case CRM_CHANGE -> 50;
      case OTHER -> 40;
    };
  }

  private static String typeName(SignalType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String field(Match m) {
    return m.field().name().toLowerCase(Locale.ROOT);
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static ScoreFactor factor(String name, double value, double weight, String reason) {
    double v = round(Math.max(0, Math.min(100, value)));
    return ScoreFactor.of(name, v, weight, round(v * weight), reason);
  }

  private static double round(double x) {
    return Math.round(x * 100.0) / 100.0;
  }
}
