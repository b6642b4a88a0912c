package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.review.ReviewCard;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shapes of the API: plain records copied from the SDK's values, so that the API stays
 * stable when the SDK's model grows. Immutable and thread-safe.
 */
public final class Views {
  private Views() {}

  /** A page of items and the cursor of the next page, absent on the last. */
  public record PageView<T>(List<T> items, String nextCursor) {
    static <S, T> PageView<T> of(Page<S> page, Function<S, T> map) {
      return new PageView<>(
          page.items().stream().map(map).toList(), page.nextCursor().orElse(null));
    }
  }

  /** One factor of a score: value times weight gives the contribution. */
  public record FactorView(
      String name, double value, double weight, double contribution, String reason) {
    static FactorView of(ScoreFactor f) {
      return new FactorView(f.name(), f.value(), f.weight(), f.contribution(), f.reason());
    }
  }

  /** What matched: the profile's term and the text span of the signal. */
  public record EvidenceView(
      String target, String kind, String term, String matched, String field) {
    static EvidenceView of(Match m) {
      return new EvidenceView(
          m.target().toString(),
          m.kind().toString(),
          m.term(),
          m.matchedText(),
          m.field().toString());
    }
  }

  /** An opportunity with its breakdown, evidence and timing. */
  public record OpportunityView(
      String id,
      String profileId,
      String title,
      String company,
      URI url,
      String signalType,
      String status,
      double score,
      String strength,
      String urgency,
      LocalDate outreachDate,
      String window,
      String recommendedAction,
      String whyNow,
      List<FactorView> breakdown,
      List<EvidenceView> evidence,
      List<String> changes,
      Instant changedAt,
      Instant publishedAt,
      Instant occursAt,
      Instant lastSeenAt) {
    static OpportunityView of(Opportunity o) {
      return new OpportunityView(
          o.id().value(),
          o.profileId().value(),
          o.title(),
          o.company().orElse(null),
          o.url().orElse(null),
          o.signalType().name(),
          o.status().name(),
          o.score().total(),
          o.strength().name(),
          o.temporal().urgency().name(),
          o.temporal().outreachDate().orElse(null),
          o.temporal().window().name(),
          o.temporal().recommendedAction(),
          o.score().reasons().isEmpty() ? o.title() : o.score().reasons().get(0),
          o.score().factors().stream().map(FactorView::of).toList(),
          o.matches().stream().map(EvidenceView::of).toList(),
          o.changes(),
          o.changedAt().orElse(null),
          o.publishedAt(),
          o.occursAt(),
          o.lastSeenAt());
    }
  }

  /** A review card: its state, refinement and version (send it back on every action). */
  public record CardView(
      String opportunityId,
      String accountId,
      String state,
      String narrative,
      Double scoreOverride,
      String scoreReason,
      List<String> notes,
      Instant createdAt,
      Instant updatedAt,
      Instant decidedAt,
      String decidedBy,
      long version) {
    static CardView of(ReviewCard c) {
      return new CardView(
          c.opportunityId().value(),
          c.accountId().orElse(null),
          c.state().name(),
          c.narrative().orElse(null),
          c.scoreOverride().isPresent() ? c.scoreOverride().getAsDouble() : null,
          c.scoreReason().orElse(null),
          c.notes(),
          c.createdAt(),
          c.updatedAt(),
          c.decidedAt().orElse(null),
          c.decidedBy().orElse(null),
          c.version());
    }
  }

  /** A card of the inbox, as the inbox lists it. */
  public record InboxItem(
      String opportunityId,
      String accountId,
      String source,
      String title,
      String signalType,
      double score,
      String strength,
      String status,
      String reviewState,
      Instant publishedAt,
      Instant cardedAt,
      List<String> riskFlags) {
    static InboxItem of(CardSummary c) {
      return new InboxItem(
          c.opportunityId().value(),
          c.accountId().orElse(null),
          c.sourceId(),
          c.title(),
          c.signalType().name(),
          c.score(),
          c.strength().name(),
          c.status().name(),
          c.reviewState().map(Enum::name).orElse(null),
          c.publishedAt(),
          c.cardedAt(),
          c.riskFlags().stream().map(Enum::name).sorted().toList());
    }
  }

  /** An account. */
  public record AccountView(
      String id,
      String name,
      List<String> domains,
      String owner,
      String team,
      String manager,
      String tier,
      Map<String, String> crmIds,
      long version) {
    static AccountView of(Account a) {
      return new AccountView(
          a.id(),
          a.name(),
          a.domains().stream().sorted().toList(),
          a.owner(),
          a.team().orElse(null),
          a.manager().orElse(null),
          a.tier(),
          a.crmIds(),
          a.version());
    }
  }

  /** One line of a history or audit trail. */
  public record AuditView(
      long sequence,
      Instant at,
      String action,
      String actor,
      String entityType,
      String entityId,
      List<String> changes,
      String reason) {
    static AuditView of(AuditEntry e) {
      return new AuditView(
          e.sequence(),
          e.at(),
          e.action().toString(),
          e.actor(),
          e.entityType(),
          e.entityId(),
          e.changes().stream()
              .map(c -> c.field() + ": " + c.before().orElse("∅") + " → " + c.after().orElse("∅"))
              .toList(),
          e.reason().orElse(null));
    }
  }
}
