package io.github.discoverysdk;

import io.github.discoverysdk.account.Accounts;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.deals.ClosedDeals;
import io.github.discoverysdk.draft.Drafts;
import io.github.discoverysdk.lifecycle.LifecycleManager;
import io.github.discoverysdk.reconcile.Reconciliation;
import io.github.discoverysdk.recordjobs.Records;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.Storage;
import java.util.Optional;

/**
 * The engine's collaborators that {@link SecuredEngine} acts through, handed over in one piece.
 * Immutable; the parts are thread-safe.
 */
record EngineParts(
    Storage storage,
    Guard guard,
    AuditLog audit,
    Profiles profiles,
    Teams teams,
    OnDemandRuns runs,
    Opportunities opportunities,
    Deliveries deliveries,
    Insights insights,
    Accounts accounts,
    Reviews reviews,
    LifecycleManager lifecycle,
    Scheduling scheduling,
    Records records,
    Drafts drafts,
    Optional<SearchSync> search,
    Sessions sessions,
    CardInsights cardInsights,
    ClosedDeals closedDeals,
    Reconciliation reconciliation) {}
