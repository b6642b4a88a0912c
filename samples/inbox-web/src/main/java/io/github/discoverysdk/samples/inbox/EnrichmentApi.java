package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.SecuredClosedDeals;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.ClosedDealEnrichment;
import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.ClosedDealSettings;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.samples.inbox.EnrichmentViews.ConfigView;
import io.github.discoverysdk.samples.inbox.EnrichmentViews.IcpView;
import io.github.discoverysdk.samples.inbox.EnrichmentViews.ProposalView;
import io.github.discoverysdk.samples.inbox.EnrichmentViews.RefreshView;
import io.github.discoverysdk.samples.inbox.EnrichmentViews.StatusView;
import io.github.discoverysdk.samples.inbox.EnrichmentViews.SummaryView;
import io.github.discoverysdk.samples.inbox.ProfilesApi.ProfileView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Closed-deal enrichment and the ideal customer profile, through {@link SecuredClosedDeals}: the
 * status and stats, the summary with the per-deal breakdown, an enrichment batch, the ICP, its
 * proposals and applying one, and the monthly chain. Reading needs {@code ANALYTICS_READ} over the
 * whole tenant, a batch or the chain {@code RUN} over the whole tenant, applying a proposal {@code
 * PROFILE_WRITE} over the profile; a denial is a 403 problem, audited by the SDK. Thread-safe.
 */
@RestController
@RequestMapping("/api/v1/enrichment")
public class EnrichmentApi {
  /**
   * A batch over the deals closed in the last {@code lookbackMonths}, at most {@code limit} deals.
   * Bounds are the SDK's: 1..{@value ClosedDealEnrichment#MAX_LOOKBACK_MONTHS} and 1..{@value
   * ClosedDealEnrichment#MAX_LIMIT}.
   */
  public record BatchRequest(
      @NotNull @Min(1) @Max(ClosedDealEnrichment.MAX_LOOKBACK_MONTHS) Integer lookbackMonths,
      @NotNull @Min(1) @Max(ClosedDealEnrichment.MAX_LIMIT) Integer limit) {}

  private final ClosedDealSettings settings;
  private final EnrichmentWiring.EnrichmentKeys keys;
  private final Clock clock;

  /**
   * The API with the engine's closed-deal {@code settings} (the starter's engine makes no trusted
   * system calls, so they come from {@link EnrichmentWiring}), the providers that have {@code
   * keys}, on the engine's {@code clock}.
   */
  public EnrichmentApi(
      ClosedDealSettings settings, EnrichmentWiring.EnrichmentKeys keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * The configuration, status and stats over {@code lookbackMonths} (default: the settings'), with
   * the server's {@code now}.
   */
  @GetMapping("/status")
  public StatusView status(
      SecuredEngine caller,
      @RequestParam(required = false) @Min(1) @Max(ClosedDealEnrichment.MAX_LOOKBACK_MONTHS)
          Integer lookbackMonths) {
    int months = lookback(lookbackMonths);
    return StatusView.of(clock.instant(), config(), months, caller.closedDeals().status(months));
  }

  /**
   * The summary over {@code lookbackMonths}: coverage per source, top industries, company sizes,
   * buying roles and the per-deal breakdown.
   */
  @GetMapping("/summary")
  public SummaryView summary(
      SecuredEngine caller,
      @RequestParam(required = false) @Min(1) @Max(ClosedDealEnrichment.MAX_LOOKBACK_MONTHS)
          Integer lookbackMonths) {
    return SummaryView.of(caller.closedDeals().status(lookback(lookbackMonths)));
  }

  /** Enriches the recently closed deals now; 400 when the engine has no enricher (no key). */
  @PostMapping("/batch")
  public ClosedDealRun batch(SecuredEngine caller, @Valid @RequestBody BatchRequest body) {
    return caller.closedDeals().enrich(body.lookbackMonths(), body.limit());
  }

  /** The ideal customer, from the deals of the settings' lookback and what is cached. */
  @GetMapping("/icp")
  public IcpView icp(SecuredEngine caller) {
    return IcpView.of(caller.closedDeals().icp());
  }

  /** What the ICP proposes for each profile that lacks some of it. */
  @GetMapping("/proposals")
  public List<ProposalView> proposals(SecuredEngine caller) {
    return caller.closedDeals().proposals().stream().map(ProposalView::of).toList();
  }

  /** Applies the ICP's proposal to one profile and answers the profile as saved. */
  @PostMapping("/proposals/{profileId}/apply")
  public ProfileView apply(SecuredEngine caller, @PathVariable String profileId) {
    return ProfileView.of(
        caller.closedDeals().applyProposal(ProfileId.of(caller.principal().tenant(), profileId)));
  }

  /** Runs the monthly chain for {@code month} ({@code YYYY-MM}, begun). */
  @PostMapping("/refresh")
  public RefreshView refresh(SecuredEngine caller, @RequestParam String month) {
    YearMonth m;
    try {
      m = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new ValidationException("month must be YYYY-MM, was '" + month + "'", e);
    }
    return RefreshView.of(caller.closedDeals().refresh(m));
  }

  private ConfigView config() {
    return ConfigView.of(keys, settings);
  }

  private int lookback(Integer lookbackMonths) {
    return lookbackMonths != null ? lookbackMonths : settings.lookbackMonths();
  }
}
