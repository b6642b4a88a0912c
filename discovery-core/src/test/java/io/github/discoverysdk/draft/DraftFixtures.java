package io.github.discoverysdk.draft;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Opportunities, accounts and contacts for the draft tests. */
final class DraftFixtures {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private DraftFixtures() {}

  static Opportunity opportunity(
      String id,
      SignalType type,
      String title,
      Optional<String> company,
      Optional<URI> url,
      ActionWindow window,
      Optional<LocalDate> outreach) {
    String term = company.orElse("Acme");
    return Opportunity.builder()
        .id(OpportunityId.of("t1", id))
        .profileId(ProfileId.of("t1", "p1"))
        .signalKey(SignalKey.of("news", id))
        .signalType(type)
        .title(title)
        .url(url)
        .company(company)
        .publishedAt(T0)
        .occursAt(T0)
        .score(
            Score.builder()
                .total(60)
                .strength(SignalStrength.MEDIUM)
                .addFactors(ScoreFactor.of("urgency", 60, 1, 60, "soon"))
                .build())
        .addMatches(
            Match.builder()
                .target(MatchTarget.WATCHLIST)
                .kind(MatchKind.EXACT)
                .term(term)
                .matchedText(term)
                .confidence(1)
                .field(EvidenceField.TITLE)
                .rule("watchlist")
                .build(),
            Match.builder()
                .target(MatchTarget.KEYWORD)
                .kind(MatchKind.EXACT)
                .term("expansion")
                .matchedText("expansion")
                .confidence(0.8)
                .field(EvidenceField.TEXT)
                .rule("keyword")
                .build())
        .temporal(
            TemporalAssessment.builder()
                .assessedAt(T0)
                .ageDays(1)
                .urgency(Urgency.HIGH)
                .window(window)
                .outreachDate(outreach)
                .recommendedAction("Reach out this week.")
                .build())
        .signalHash("h-" + id)
        .createdAt(T0)
        .updatedAt(T0)
        .lastSeenAt(T0)
        .build();
  }

  static Opportunity opportunity(String id) {
    return opportunity(
        id,
        SignalType.FUNDING,
        "Acme raises $20M",
        Optional.of("Acme"),
        Optional.of(URI.create("https://news.example.com/acme")),
        ActionWindow.OPEN,
        Optional.of(LocalDate.parse("2026-03-09")));
  }

  static Account account(String name) {
    return Account.builder()
        .tenant("t1")
        .id("acc-1")
        .name(name)
        .owner("am-1")
        .tier("enterprise")
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  static DraftContact contact() {
    return DraftContact.builder()
        .name("Jane Roe")
        .title("CFO")
        .email("jane.roe@acme.example")
        .note("prefers mornings; private")
        .build();
  }
}
