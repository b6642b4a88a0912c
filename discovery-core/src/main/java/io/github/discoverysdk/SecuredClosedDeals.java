package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.ANALYTICS_READ;
import static io.github.discoverysdk.access.Permission.PROFILE_WRITE;
import static io.github.discoverysdk.access.Permission.RUN;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.ClosedDeals;
import io.github.discoverysdk.deals.DealReport;
import io.github.discoverysdk.deals.Icp;
import io.github.discoverysdk.deals.IcpDiff;
import io.github.discoverysdk.deals.IcpRefresh;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * Closed-deal enrichment and the ICP as one principal sees them ({@link
 * SecuredEngine#closedDeals()}), always in the principal's tenant. The deals, their enrichment and
 * the ICP describe the whole tenant's revenue, so reading them needs {@code ANALYTICS_READ} over
 * the whole tenant, and running enrichment or the chain (which pays for calls and changes profiles
 * and scores) needs {@code RUN} over the whole tenant; applying a proposal to one profile needs
 * {@code PROFILE_WRITE} over that profile. A denial throws {@link AccessDeniedException}, audited.
 * Immutable and thread-safe.
 */
public final class SecuredClosedDeals {
  private static final String ENTITY = "closed_deals";

  private final ClosedDeals deals;
  private final Profiles profiles;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;
  private final String tenant;

  SecuredClosedDeals(EngineParts parts, Principal principal, Actor actor) {
    this.deals = parts.closedDeals();
    this.profiles = parts.profiles();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
    this.tenant = principal.tenant();
  }

  /**
   * The status, stats and summary over the settings' lookback. Needs tenant-wide {@code
   * ANALYTICS_READ}.
   */
  public DealReport status() {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, ENTITY, tenant);
    return deals.status(tenant);
  }

  /** The status over the last {@code lookbackMonths}. Needs tenant-wide {@code ANALYTICS_READ}. */
  public DealReport status(int lookbackMonths) {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, ENTITY, tenant);
    return deals.status(tenant, lookbackMonths);
  }

  /** {@link ClosedDeals#enrich}. Needs tenant-wide {@code RUN}. */
  public ClosedDealRun enrich(int lookbackMonths, int limit) {
    guard.requireTenantWide(principal, actor, RUN, tenant, ENTITY, tenant);
    return deals.enrich(tenant, lookbackMonths, limit);
  }

  /** {@link ClosedDeals#enrichQueued}. Needs tenant-wide {@code RUN}. */
  public ClosedDealRun enrichQueued() {
    guard.requireTenantWide(principal, actor, RUN, tenant, ENTITY, tenant);
    return deals.enrichQueued(tenant);
  }

  /** The tenant's ideal customer. Needs tenant-wide {@code ANALYTICS_READ}. */
  public Icp icp() {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, ENTITY, tenant);
    return deals.icp(tenant);
  }

  /** What the ICP proposes for the tenant's profiles. Needs tenant-wide {@code ANALYTICS_READ}. */
  public List<IcpDiff> proposals() {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, ENTITY, tenant);
    return deals.proposals(tenant);
  }

  /**
   * Applies what the ICP proposes to one profile ({@link ClosedDeals#applyProposal}). Needs {@code
   * PROFILE_WRITE} over the profile.
   *
   * @throws NotFoundException if the principal's tenant has no such profile
   */
  public Profile applyProposal(ProfileId profileId) {
    Objects.requireNonNull(profileId, "profileId");
    if (!profileId.tenant().equals(tenant)) {
      throw new NotFoundException("profile " + profileId.value() + " not found");
    }
    guard.profile(principal, actor, PROFILE_WRITE, profileId);
    Profile current = deals.profile(profileId);
    // Saved on behalf of the principal, so the audit log names who applied it.
    return deals.proposed(current).map(p -> profiles.save(actor, p)).orElse(current);
  }

  /**
   * The monthly chain for {@code month} ({@link ClosedDeals#refresh}). Needs tenant-wide {@code
   * RUN}.
   */
  public IcpRefresh refresh(YearMonth month) {
    guard.requireTenantWide(principal, actor, RUN, tenant, ENTITY, tenant);
    return deals.refresh(tenant, month);
  }
}
