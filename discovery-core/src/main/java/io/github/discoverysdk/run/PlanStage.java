package io.github.discoverysdk.run;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 1, plan: turns the profiles in scope into the distinct queries of each source (profiles
 * that ask the same thing share one query), reads each query's watermark, and orders them least
 * recently fetched first so that a tight daily budget serves every query in turn over the days.
 * Used by the run's calling thread only.
 */
final class PlanStage {
  /** A distinct query of one source and the profiles that asked for it. */
  record PlannedQuery(SignalSource source, SourceQuery query, Set<ProfileId> askedBy) {}

  /**
   * A planned query with its watermark, and why the source's daily budget refused its first call
   * (empty: the call is reserved).
   */
  record Scheduled(PlannedQuery planned, Optional<Watermark> watermark, Optional<String> denied) {}

  private final RunContext ctx;
  private final FetchStage fetch;
  private int queriesPlanned;

  PlanStage(RunContext ctx, FetchStage fetch) {
    this.ctx = ctx;
    this.fetch = fetch;
  }

  /** Queries planned before grouping: what the profiles asked for. */
  int queriesPlanned() {
    return queriesPlanned;
  }

  /** Plans every source's queries for the profiles in scope, grouping identical ones. */
  Collection<PlannedQuery> plan() {
    Map<String, PlannedQuery> planned = new LinkedHashMap<>();
    for (SignalSource source : ctx.config.fetching().sources()) {
      for (Profile profile : ctx.scope) {
        Set<SourceQuery> queries;
        try {
          queries = source.plan(profile);
        } catch (RuntimeException e) {
          ctx.sourceFailed(source, "planning queries for profile " + profile.id() + " failed", e);
          continue;
        }
        for (SourceQuery q : queries) {
          queriesPlanned++;
          planned
              .computeIfAbsent(
                  source.id() + "\u0000" + q.key(),
                  k -> new PlannedQuery(source, q, new LinkedHashSet<>()))
              .askedBy()
              .add(profile.id());
        }
      }
    }
    return planned.values();
  }

  /** Reads each query's watermark, orders them least recently fetched first, assigns budgets. */
  List<Scheduled> schedule(Collection<PlannedQuery> planned) {
    // One read per source for all its queries, not one per query: a search source plans one
    // query per watchlist company, so a large tenant has thousands.
    Map<SignalSource, List<PlannedQuery>> bySource = new LinkedHashMap<>();
    planned.forEach(q -> bySource.computeIfAbsent(q.source(), s -> new ArrayList<>()).add(q));
    List<Map.Entry<PlannedQuery, Optional<Watermark>>> withMarks = new ArrayList<>();
    bySource.forEach(
        (source, queries) -> {
          Map<String, Watermark> marks;
          try {
            marks =
                ctx.storage()
                    .sourceState()
                    .findWatermarks(
                        ctx.tenant,
                        source.id(),
                        queries.stream().map(q -> q.query().key()).toList());
          } catch (RuntimeException e) {
            queries.forEach(q -> fetch.queryFailed(source));
            ctx.sourceFailed(source, "reading the watermarks of its queries failed", e);
            return;
          }
          for (PlannedQuery q : queries) {
            withMarks.add(Map.entry(q, Optional.ofNullable(marks.get(q.query().key()))));
          }
        });
    withMarks.sort(
        Comparator.comparing(
            (Map.Entry<PlannedQuery, Optional<Watermark>> e) ->
                e.getValue().map(Watermark::updatedAt).orElse(Instant.MIN)));
    Instant now = ctx.now();
    List<Scheduled> out = new ArrayList<>();
    for (Map.Entry<PlannedQuery, Optional<Watermark>> e : withMarks) {
      out.add(new Scheduled(e.getKey(), e.getValue(), fetch.reserve(e.getKey().source(), now)));
    }
    return out;
  }
}
