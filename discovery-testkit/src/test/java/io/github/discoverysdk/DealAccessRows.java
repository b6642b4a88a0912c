package io.github.discoverysdk;

import static io.github.discoverysdk.AccessMatrixRows.row;
import static io.github.discoverysdk.access.Permission.ANALYTICS_READ;
import static io.github.discoverysdk.access.Permission.PROFILE_WRITE;
import static io.github.discoverysdk.access.Permission.RUN;

import io.github.discoverysdk.AccessMatrixRows.Reach;
import io.github.discoverysdk.AccessWorld.Target;
import java.time.YearMonth;
import java.util.concurrent.Callable;

/**
 * The access matrix rows of {@link SecuredClosedDeals}, one per public method. Every method acts in
 * the principal's own tenant, so the other tenant's target is never reached; the matrix's engine
 * has no enricher, so the enrichment calls that pass the guard end in the error that says so, which
 * counts as reached.
 */
final class DealAccessRows {
  private DealAccessRows() {}

  /** Whether {@code call}, made in the principal's tenant, reached the target's tenant. */
  private static boolean inTenant(AccessWorld w, Target t, Callable<?> call) throws Exception {
    try {
      call.call();
    } catch (ValidationException e) {
      if (!e.getMessage().contains("needs an enricher")) {
        throw e;
      }
    }
    return w.tenant(t).equals(AccessWorld.TENANT);
  }

  static void add() {
    row(
        "closedDeals.status",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) ->
            se.closedDeals().status().tenant().equals(w.tenant(t))
                && se.closedDeals().status(3).tenant().equals(w.tenant(t)));
    row(
        "closedDeals.icp",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) -> se.closedDeals().icp().tenant().equals(w.tenant(t)));
    row(
        "closedDeals.proposals",
        ANALYTICS_READ,
        Reach.TENANT_WIDE,
        (se, w, t) -> inTenant(w, t, () -> se.closedDeals().proposals()));
    row(
        "closedDeals.enrich",
        RUN,
        Reach.TENANT_WIDE,
        (se, w, t) -> inTenant(w, t, () -> se.closedDeals().enrich(6, 50)));
    row(
        "closedDeals.enrichQueued",
        RUN,
        Reach.TENANT_WIDE,
        (se, w, t) -> inTenant(w, t, () -> se.closedDeals().enrichQueued()));
    row(
        "closedDeals.refresh",
        RUN,
        Reach.TENANT_WIDE,
        (se, w, t) ->
            se.closedDeals()
                .refresh(
                    YearMonth.from(AccessWorld.T0.atZone(java.time.ZoneOffset.UTC)).minusMonths(1))
                .tenant()
                .equals(w.tenant(t)));
    row(
        "closedDeals.applyProposal",
        PROFILE_WRITE,
        Reach.SCOPED,
        (se, w, t) ->
            se.closedDeals().applyProposal(w.profile(t).id()).id().equals(w.profile(t).id()));
  }
}
