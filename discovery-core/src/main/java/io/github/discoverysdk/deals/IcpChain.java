package io.github.discoverysdk.deals;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.deals.IcpRefresh.Outcome;
import io.github.discoverysdk.deals.IcpRefresh.ScoreMove;
import io.github.discoverysdk.deals.IcpRefresh.Step;
import io.github.discoverysdk.deals.IcpRefresh.StepName;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly chain of {@link ClosedDeals#refresh}: its lease, its steps and the watermark that
 * records the last step finished. Thread-safe: the state lives in storage.
 */
final class IcpChain {
  /** Watermark "source" of the chain's progress; the query key is the month ({@code 2026-11}). */
  static final String SOURCE = "_engine.deal-chain";

  /** How long the chain's lease lasts: a chain whose engine died is taken over after it. */
  static final Duration LEASE = Duration.ofMinutes(30);

  /** Most open opportunities one chain re-scores. */
  static final int MAX_OPPORTUNITIES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(IcpChain.class);
  private static final String DONE = StepName.RESCORE.name();

  private final ClosedDeals facet;
  private final Storage storage;
  private final Clock clock;
  private final String owner;
  private final Supplier<String> ids;

  IcpChain(ClosedDeals facet, Storage storage, Clock clock, String owner, Supplier<String> ids) {
    this.facet = facet;
    this.storage = storage;
    this.clock = clock;
    this.owner = owner;
    this.ids = ids;
  }

  boolean done(String tenant, YearMonth month) {
    return lastStep(tenant, month).filter(DONE::equals).isPresent();
  }

  private Optional<String> lastStep(String tenant, YearMonth month) {
    return storage
        .sourceState()
        .findWatermark(tenant, SOURCE, month.toString())
        .map(Watermark::cursor);
  }

  IcpRefresh run(String tenant, YearMonth month) {
    if (done(tenant, month)) {
      return IcpRefresh.noop(tenant, month, Outcome.ALREADY_DONE);
    }
    String lease = "deal-chain:" + month;
    Instant now = clock.instant();
    if (!storage.sourceState().tryLease(tenant, lease, owner, now, now.plus(LEASE))) {
      return IcpRefresh.noop(tenant, month, Outcome.BUSY);
    }
    try {
      // Read again under the lease: a chain that finished between the two reads is seen.
      Optional<String> last = lastStep(tenant, month);
      if (last.filter(DONE::equals).isPresent()) {
        return IcpRefresh.noop(tenant, month, Outcome.ALREADY_DONE);
      }
      return new Run(tenant, month, last.map(StepName::valueOf).map(s -> s.ordinal() + 1).orElse(0))
          .steps();
    } finally {
      Instant at = clock.instant();
      try {
        storage.sourceState().tryLease(tenant, lease, owner, at, at);
      } catch (RuntimeException e) {
        log.debug("could not give back lease {} of tenant {}: {}", lease, tenant, e.toString());
      }
    }
  }

  /** One call's steps, from the first not finished before. */
  private final class Run {
    private final String tenant;
    private final YearMonth month;
    private final int resumeAt;
    private final List<Step> steps = new ArrayList<>();
    private ClosedDealRun enrichment;

    /** What the enrichment of the current step did; null when it enriched nothing. */
    private ClosedDealRun stepEnrichment;

    private Icp icp;
    private final List<ProfileId> updated = new ArrayList<>();
    private final List<IcpDiff> proposals = new ArrayList<>();
    private final List<ScoreMove> moved = new ArrayList<>();

    Run(String tenant, YearMonth month, int resumeAt) {
      this.tenant = tenant;
      this.month = month;
      this.resumeAt = resumeAt;
    }

    IcpRefresh steps() {
      Instant until = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      for (StepName name : StepName.values()) {
        // The ICP is derived again on resume: it is read from storage and costs nothing.
        if (name.ordinal() < resumeAt && name != StepName.DERIVE_ICP) {
          steps.add(new Step(name, "done before", true));
          continue;
        }
        String runId = ids.get();
        Instant startedAt = clock.instant();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String summary;
        try {
          summary = step(name, until, counts);
        } catch (RuntimeException e) {
          String failure = name + " failed: " + e.getMessage();
          log.warn(
              "the ICP chain of tenant {} for {} failed at {}: {}",
              tenant,
              month,
              name,
              e.toString());
          record(ChainRuns.failed(runId, tenant, name, startedAt, clock.instant(), failure));
          return report(Outcome.FAILED, Optional.of(failure));
        }
        steps.add(new Step(name, summary, false));
        RunReport done =
            ChainRuns.succeeded(runId, tenant, name, startedAt, clock.instant(), counts);
        // The step's report and the watermark that marks it done commit together.
        storage.inTransaction(
            tx -> {
              tx.sourceState()
                  .saveWatermark(
                      Watermark.builder()
                          .tenant(tenant)
                          .sourceId(SOURCE)
                          .queryKey(month.toString())
                          .cursor(name.name())
                          .updatedAt(clock.instant())
                          .build());
              tx.runs().save(done);
              return null;
            });
      }
      log.info(
          "ICP chain of tenant {} for {}: {} profiles updated, {} proposals, {} opportunities moved",
          tenant,
          month,
          updated.size(),
          proposals.size(),
          moved.size());
      return report(Outcome.DONE, Optional.empty());
    }

    /** Runs one step, puts what it counted in {@code counts}, and returns its summary. */
    private String step(StepName name, Instant until, Map<String, Integer> counts) {
      stepEnrichment = null;
      switch (name) {
        case QUEUED_DEALS:
          counts.putAll(ChainRuns.counts(null));
          if (facet.enrichment().isEmpty() || !facet.settings().autoEnrichOnClose()) {
            return "skipped: " + (facet.enrichment().isEmpty() ? "no enricher" : "off");
          }
          int rounds = 0;
          int deals = 0;
          while (rounds++ < 10) {
            ClosedDealRun r = facet.enrichQueued(tenant);
            deals += r.deals();
            add(r);
            if (r.deals() < ClosedDeals.QUEUE_BATCH) {
              break;
            }
          }
          counts.putAll(ChainRuns.counts(stepEnrichment));
          return deals + " queued deals";
        case ENRICH:
          counts.putAll(ChainRuns.counts(null));
          if (facet.enrichment().isEmpty()) {
            return "skipped: no enricher";
          }
          // Every closed deal of the lookback, won and lost: the ICP contrasts the two, and lost
          // deals left unenriched would make every trait of the won ones look distinctive. What
          // earlier months enriched is cached (or a known miss) and costs nothing here.
          Instant from =
              until
                  .atZone(ZoneOffset.UTC)
                  .minusMonths(facet.settings().lookbackMonths())
                  .toInstant();
          List<Deal> won = DealWindow.closed(storage, tenant, from, until);
          for (int i = 0; i < won.size(); i += ClosedDealEnrichment.MAX_LIMIT) {
            add(
                facet
                    .enrichment()
                    .get()
                    .enrich(
                        tenant,
                        won.subList(i, Math.min(won.size(), i + ClosedDealEnrichment.MAX_LIMIT))));
          }
          counts.putAll(ChainRuns.counts(stepEnrichment));
          counts.put("deals", won.size());
          return won.size() + " closed deals, " + summary(enrichment);
        case DERIVE_ICP:
          icp = facet.icp(tenant, until);
          counts.put("won", icp.won());
          counts.put("lost", icp.lost());
          counts.put("traits", icp.traits().size());
          // The runs between two chains score what they write against this one (Icp#rescore).
          storage.deals().saveIcp(icp);
          return icp.won()
              + " won and "
              + icp.lost()
              + " lost deals, "
              + icp.traits().size()
              + " traits";
        case UPDATE_PROFILES:
          for (Profile p : facet.profiles(tenant)) {
            IcpDiff diff = IcpDiff.between(icp, p);
            if (diff.changes().isEmpty()) {
              continue;
            }
            if (facet.settings().autoApply().test(p)) {
              facet.save(diff.applyTo());
              updated.add(p.id());
            } else {
              proposals.add(diff);
            }
          }
          counts.put("updated", updated.size());
          counts.put("proposals", proposals.size());
          return updated.size() + " profiles updated, " + proposals.size() + " proposals";
        case RESCORE:
          int open = rescore();
          counts.put("open", open);
          counts.put("moved", moved.size());
          return open + " open opportunities, " + moved.size() + " moved";
        default:
          throw new IllegalStateException("unknown step " + name);
      }
    }

    /** Re-scores every open opportunity of the tenant; returns how many were looked at. */
    private int rescore() {
      List<Opportunity> open = new ArrayList<>();
      Optional<String> cursor = Optional.empty();
      do {
        FeedQuery.Builder q =
            FeedQuery.forTenant(tenant)
                .statuses(
                    EnumSet.of(
                        OpportunityStatus.NEW,
                        OpportunityStatus.SAVED,
                        OpportunityStatus.PENDING_REVIEW,
                        OpportunityStatus.APPROVED))
                .sortBy(FeedSort.DATE)
                .limit(FeedQuery.MAX_LIMIT);
        cursor.ifPresent(q::cursor);
        Page<Opportunity> page = storage.opportunities().feed(q.build());
        open.addAll(page.items());
        cursor = page.nextCursor();
      } while (cursor.isPresent() && open.size() < MAX_OPPORTUNITIES);
      for (Opportunity o : open) {
        Score after = IcpFit.rescore(o, icp);
        if (after.factors().equals(o.score().factors())) {
          continue;
        }
        boolean moves = Math.abs(after.total() - o.score().total()) > 0.01;
        try {
          storage
              .opportunities()
              .save(Opportunity.builder().from(o).score(after).updatedAt(clock.instant()).build());
        } catch (ConcurrentUpdateException e) {
          // Changed meanwhile (feedback, a run): its next run or chain scores it again.
          log.debug("opportunity {} changed while re-scoring: {}", o.id().value(), e.getMessage());
          continue;
        }
        if (moves) {
          moved.add(new ScoreMove(o.id(), o.score().total(), after.total()));
        }
      }
      return open.size();
    }

    private void add(ClosedDealRun r) {
      enrichment = enrichment == null ? r : merge(enrichment, r);
      stepEnrichment = stepEnrichment == null ? r : merge(stepEnrichment, r);
    }

    /**
     * Saves a failed step's report; storage that fails here is logged, not thrown over the cause.
     */
    private void record(RunReport report) {
      try {
        storage.runs().save(report);
      } catch (RuntimeException e) {
        log.warn(
            "could not record the failed ICP chain step {} of tenant {}: {}",
            report.kind(),
            tenant,
            e.toString());
      }
    }

    private IcpRefresh report(Outcome outcome, Optional<String> failure) {
      return new IcpRefresh(
          tenant,
          month,
          outcome,
          steps,
          Optional.ofNullable(enrichment),
          Optional.ofNullable(icp),
          updated,
          proposals,
          moved,
          failure);
    }
  }

  private static String summary(ClosedDealRun r) {
    return r == null
        ? "nothing to enrich"
        : r.contacts()
            + " contacts, "
            + r.accounts()
            + " accounts, "
            + r.cacheHits()
            + " cached, "
            + r.knownMisses()
            + " known misses, "
            + r.calls()
            + " calls";
  }

  static ClosedDealRun merge(ClosedDealRun a, ClosedDealRun b) {
    java.util.Map<String, String> failed = new java.util.HashMap<>(a.failed());
    failed.putAll(b.failed());
    return new ClosedDealRun(
        a.deals() + b.deals(),
        a.contacts() + b.contacts(),
        a.accounts() + b.accounts(),
        a.cacheHits() + b.cacheHits(),
        a.enriched() + b.enriched(),
        a.calls() + b.calls(),
        failed,
        a.knownMisses() + b.knownMisses());
  }
}
