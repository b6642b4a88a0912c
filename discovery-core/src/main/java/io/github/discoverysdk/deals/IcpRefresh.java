package io.github.discoverysdk.deals;

import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.ProfileId;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one monthly chain ({@link ClosedDeals#refresh}) did for a tenant and month: each step with
 * its counts, the ICP, the profiles changed or proposed, and the open opportunities whose score
 * moved. Immutable and thread-safe.
 *
 * @param tenant whose deals
 * @param month the month whose closed-won deals were enriched
 * @param outcome how the chain ended
 * @param steps the steps run, in order, each with its counts; empty for a no-op
 * @param enrichment what the two enrichment steps did together, when they ran: summed, so a deal
 *     queued by a close and closed in the lookback counts twice (the second time from the cache)
 * @param icp the derived ideal customer, when that step ran
 * @param updatedProfiles profiles that opted in and were changed
 * @param proposals changes proposed to the profiles that did not opt in
 * @param moved open opportunities whose score changed, with the scores before and after
 * @param failure why the chain stopped, when {@code outcome} is {@link Outcome#FAILED}
 */
public record IcpRefresh(
    String tenant,
    YearMonth month,
    Outcome outcome,
    List<Step> steps,
    Optional<ClosedDealRun> enrichment,
    Optional<Icp> icp,
    List<ProfileId> updatedProfiles,
    List<IcpDiff> proposals,
    List<ScoreMove> moved,
    Optional<String> failure) {

  /** How a chain ended. */
  public enum Outcome {
    /** Every step ran (now or, for the steps before a crash, earlier). */
    DONE,
    /** The month's chain had finished before: nothing ran, nothing was paid. */
    ALREADY_DONE,
    /** Another engine holds the month's lease: nothing ran here. */
    BUSY,
    /** A step failed; the steps before it stay done and the next call resumes there. */
    FAILED
  }

  /** The chain's steps, in order. */
  public enum StepName {
    /** Enrich the deals that turned closed-won (queued by imports). */
    QUEUED_DEALS,
    /**
     * Enrich the closed deals, won and lost, of the lookback that ends with the month: the month's
     * are new, the earlier months' are cached and cost nothing.
     */
    ENRICH,
    /** Derive the ICP from the lookback's won and lost deals. */
    DERIVE_ICP,
    /** Apply the ICP's changes to the opted-in profiles, propose them to the others. */
    UPDATE_PROFILES,
    /** Re-score the open opportunities whose fit changed. */
    RESCORE
  }

  /**
   * One step with its counts.
   *
   * @param name which step
   * @param summary its counts in words ("12 deals, 40 contacts, 3 calls")
   * @param resumed whether it had finished in an earlier, interrupted call and was skipped
   */
  public record Step(StepName name, String summary, boolean resumed) {
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * An open opportunity whose score the ICP moved.
   *
   * @param id the opportunity
   * @param before its total before
   * @param after its total after
   */
  public record ScoreMove(OpportunityId id, double before, double after) {
    public ScoreMove {
      Objects.requireNonNull(id, "id");
    }
  }

  public IcpRefresh {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(outcome, "outcome");
    steps = List.copyOf(steps);
    Objects.requireNonNull(enrichment, "enrichment");
    Objects.requireNonNull(icp, "icp");
    updatedProfiles = List.copyOf(updatedProfiles);
    proposals = List.copyOf(proposals);
    moved = List.copyOf(moved);
    Objects.requireNonNull(failure, "failure");
  }

  /** A chain that did nothing: already done, or busy elsewhere. */
  static IcpRefresh noop(String tenant, YearMonth month, Outcome outcome) {
    return new IcpRefresh(
        tenant,
        month,
        outcome,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty());
  }
}
