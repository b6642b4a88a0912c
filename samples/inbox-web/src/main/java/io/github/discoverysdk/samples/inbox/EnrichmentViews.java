package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealBreakdown;
import io.github.discoverysdk.deals.DealReport;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.Icp;
import io.github.discoverysdk.deals.IcpDiff;
import io.github.discoverysdk.deals.IcpRefresh;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.model.ProfileId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of {@link EnrichmentApi}: flat records, no {@code Optional}. */
public final class EnrichmentViews {
  private EnrichmentViews() {}

  /**
   * How enrichment is set up: which providers have a key (never the key), the enricher the engine
   * got (null without a key), and the closed-deal settings.
   */
  public record ConfigView(
      boolean apolloKey,
      boolean serperKey,
      String enricher,
      boolean autoEnrichOnClose,
      int lookbackMonths,
      int cacheDays,
      int missDays,
      String schedule) {
    static ConfigView of(EnrichmentWiring.EnrichmentKeys keys, ClosedDealSettings s) {
      String enricher =
          keys.apollo() && keys.serper()
              ? "waterfall (apollo, serper)"
              : keys.apollo() ? "apollo" : keys.serper() ? "serper" : null;
      return new ConfigView(
          keys.apollo(),
          keys.serper(),
          enricher,
          s.autoEnrichOnClose(),
          s.lookbackMonths(),
          s.cacheDays(),
          s.missDays(),
          s.schedule().orElse(null));
    }
  }

  /**
   * The status and stats of a lookback, with the server's time ({@code now}) that the page judges
   * ages by.
   */
  public record StatusView(
      Instant now,
      ConfigView config,
      int lookbackMonths,
      Instant since,
      int closedDeals,
      int enrichedDeals,
      int partialDeals,
      int dealContacts,
      int enrichedContacts,
      int rolesResolved,
      int enrichedAccounts,
      Instant lastEnrichedAt,
      Map<String, Integer> contactOutcomes) {
    static StatusView of(Instant now, ConfigView config, int lookbackMonths, DealReport r) {
      Map<String, Integer> outcomes = new TreeMap<>();
      r.contactOutcomes().forEach((k, v) -> outcomes.put(k.name(), v));
      return new StatusView(
          now,
          config,
          lookbackMonths,
          r.since(),
          r.closedDeals(),
          r.enrichedDeals(),
          r.partialDeals(),
          r.dealContacts(),
          r.enrichedContacts(),
          r.rolesResolved(),
          r.enrichedAccounts(),
          r.lastEnrichedAt().orElse(null),
          outcomes);
    }
  }

  /** The summary of a lookback and its per-deal breakdown, oldest close first. */
  public record SummaryView(
      Instant since,
      Map<String, Integer> coverage,
      Map<String, Integer> topIndustries,
      Map<String, Integer> companySizes,
      Map<String, Integer> roles,
      List<DealView> deals) {
    static SummaryView of(DealReport r) {
      Map<String, Integer> roles = new TreeMap<>();
      r.roles().forEach((k, v) -> roles.put(k.name(), v));
      return new SummaryView(
          r.since(),
          new TreeMap<>(r.coverage()),
          r.topIndustries(),
          new TreeMap<>(r.companySizes()),
          roles,
          r.deals().stream().map(DealView::of).toList());
    }
  }

  /** One closed deal as enrichment left it: ENRICHED, PARTIAL or MISSING. */
  public record DealView(
      String source,
      String id,
      String name,
      String stage,
      BigDecimal amount,
      String currency,
      Instant closedAt,
      String account,
      String domain,
      boolean accountEnriched,
      String status,
      List<ContactView> contacts) {
    static DealView of(DealBreakdown b) {
      Deal d = b.deal();
      return new DealView(
          d.source(),
          d.id(),
          d.name(),
          d.stage().name(),
          d.amount().orElse(null),
          d.currency().orElse(null),
          d.closedAt().orElse(null),
          d.account().map(DealAccount::name).orElse(null),
          d.account().flatMap(DealAccount::domain).orElse(null),
          b.accountEnriched(),
          b.enriched() ? "ENRICHED" : b.partial() ? "PARTIAL" : "MISSING",
          b.contacts().stream().map(ContactView::of).toList());
    }
  }

  /** A deal contact: enrichment status, buying role and the last attempt's outcome and reason. */
  public record ContactView(
      String email,
      String name,
      String title,
      String status,
      String role,
      String roleReason,
      String lastOutcome,
      String lastSource,
      String lastReason) {
    static ContactView of(DealBreakdown.ContactStatus c) {
      return new ContactView(
          c.contact().email(),
          c.contact().name().orElse(null),
          c.contact().title().orElse(null),
          c.status().name(),
          c.role().role().name(),
          c.role().reason(),
          c.lastAttempt().map(a -> a.outcome().name()).orElse(null),
          c.lastAttempt().map(EnrichmentStatus::source).orElse(null),
          c.lastAttempt().map(EnrichmentStatus::reason).filter(s -> !s.isEmpty()).orElse(null));
    }
  }

  /** One trait of the ideal customer with its evidence. */
  public record TraitView(
      String kind,
      String value,
      String example,
      int wonWith,
      int wonKnown,
      int lostWith,
      int lostKnown,
      double lift,
      String evidence) {
    static TraitView of(IcpTrait t) {
      return new TraitView(
          t.kind().name(),
          t.value(),
          t.example(),
          t.wonWith(),
          t.wonKnown(),
          t.lostWith(),
          t.lostKnown(),
          t.lift(),
          t.evidence());
    }
  }

  /** The ideal customer: won and lost deals considered and the traits, strongest first. */
  public record IcpView(int won, int lost, Instant derivedAt, List<TraitView> traits) {
    static IcpView of(Icp icp) {
      return new IcpView(
          icp.won(),
          icp.lost(),
          icp.derivedAt(),
          icp.traits().stream().map(TraitView::of).toList());
    }
  }

  /** What the ICP proposes for one profile. */
  public record ProposalView(
      String profileId, String profileName, String owner, long version, List<ChangeView> changes) {
    static ProposalView of(IcpDiff d) {
      return new ProposalView(
          d.profile().id().value(),
          d.profile().name(),
          d.profile().owner(),
          d.profile().version(),
          d.changes().stream().map(ChangeView::of).toList());
    }
  }

  /** One proposed addition, with the trait's evidence. */
  public record ChangeView(String field, String value, String evidence, double lift) {
    static ChangeView of(IcpDiff.Change c) {
      return new ChangeView(c.field().name(), c.value(), c.trait().evidence(), c.trait().lift());
    }
  }

  /** One step of the monthly chain. */
  public record StepView(String name, String summary, boolean resumed) {}

  /** An open opportunity whose score the ICP moved. */
  public record MoveView(String opportunityId, double before, double after) {}

  /** What one monthly chain did. */
  public record RefreshView(
      String month,
      String outcome,
      List<StepView> steps,
      ClosedDealRun enrichment,
      IcpView icp,
      List<String> updatedProfiles,
      List<ProposalView> proposals,
      List<MoveView> moved,
      String failure) {
    static RefreshView of(IcpRefresh r) {
      return new RefreshView(
          r.month().toString(),
          r.outcome().name(),
          r.steps().stream()
              .map(s -> new StepView(s.name().name(), s.summary(), s.resumed()))
              .toList(),
          r.enrichment().orElse(null),
          r.icp().map(IcpView::of).orElse(null),
          r.updatedProfiles().stream().map(ProfileId::value).toList(),
          r.proposals().stream().map(ProposalView::of).toList(),
          r.moved().stream().map(m -> new MoveView(m.id().value(), m.before(), m.after())).toList(),
          r.failure().orElse(null));
    }
  }
}
