package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.model.CostSummary;
import io.github.discoverysdk.model.HealthSnapshot;
import io.github.discoverysdk.model.RunAnalytics;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.samples.inbox.Views.OpportunityView;
import io.github.discoverysdk.samples.inbox.Views.PageView;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Runs, run analytics, health, teams, search, and who the caller is. Thread-safe. */
@RestController
@RequestMapping("/api/v1")
public class RunsApi {
  /** A run's report; {@code counts} holds what a closed-deal chain step counted. */
  public record RunView(
      String runId,
      String kind,
      String status,
      Instant startedAt,
      Instant finishedAt,
      long durationMillis,
      int signalsFetched,
      int signalsNew,
      int opportunitiesNew,
      int opportunitiesUpdated,
      int recordsRejected,
      Map<String, Integer> counts,
      List<String> errors) {
    static RunView of(RunReport r) {
      return new RunView(
          r.runId(),
          r.kind().name(),
          r.status().name(),
          r.startedAt(),
          r.finishedAt(),
          r.duration().toMillis(),
          r.signalsFetched(),
          r.signalsNew(),
          r.opportunitiesNew(),
          r.opportunitiesUpdated(),
          r.recordsRejected(),
          r.counts(),
          r.errors());
    }
  }

  /** Run analytics over a window: success rate, cost, cache hit rate. */
  public record AnalyticsView(
      Instant from,
      Instant to,
      int runs,
      int succeeded,
      int partial,
      int failed,
      double successRate,
      int sourceCalls,
      int cacheHits,
      double cacheHitRate,
      double estimatedCost,
      int signalsFetched,
      int opportunitiesNew,
      long averageDurationMillis) {
    static AnalyticsView of(RunAnalytics a) {
      return new AnalyticsView(
          a.from(),
          a.to(),
          a.runs(),
          a.succeeded(),
          a.partial(),
          a.failed(),
          a.successRate(),
          a.sourceCalls(),
          a.cacheHits(),
          a.cacheHitRate(),
          a.estimatedCost(),
          a.signalsFetched(),
          a.opportunitiesNew(),
          a.averageDuration().toMillis());
    }
  }

  /** The tenant's health. */
  public record HealthView(
      String status, RunView lastRun, Instant lastSuccessAt, List<String> failingSources) {}

  /** A team. */
  public record TeamView(String id, String name, List<String> members, Instant createdAt) {
    static TeamView of(Team t) {
      return new TeamView(t.id(), t.name(), t.members().stream().sorted().toList(), t.createdAt());
    }
  }

  /** A new team and its members. */
  public record NewTeam(@NotBlank @Size(max = 200) String name, List<String> members) {}

  /** A member to add. */
  public record NewMember(@NotBlank @Size(max = 200) String user) {}

  /** A shared opportunity of a team's feed. */
  public record TeamFeedView(String sharedBy, Instant sharedAt, OpportunityView opportunity) {}

  /** Estimated source costs over a window. */
  public record CostView(
      Instant from,
      Instant to,
      int calls,
      int cacheHits,
      double totalCost,
      Map<String, Double> costBySource,
      Map<String, Double> costByProfile) {
    static CostView of(CostSummary c) {
      return new CostView(
          c.from(),
          c.to(),
          c.calls(),
          c.cacheHits(),
          c.totalCost(),
          c.costBySource(),
          c.costByProfile());
    }
  }

  /** A search hit with its highlighted fragments. */
  public record HitView(
      String kind,
      String id,
      String accountId,
      String opportunityId,
      String title,
      Instant time,
      String source,
      List<String> highlights) {
    static HitView of(SearchHit h) {
      return new HitView(
          h.kind().name(),
          h.id(),
          h.accountId().orElse(null),
          h.opportunityId().orElse(null),
          h.title(),
          h.time(),
          h.source(),
          h.highlights());
    }
  }

  /**
   * The caller, and the server's time: the pages judge ages ("stale", days left) by it, not by the
   * browser's clock, which may differ from the engine's.
   */
  public record Me(String user, String tenant, Set<String> roles, Set<String> teams, Instant now) {}

  private final Clock clock;

  /** The API on the engine's clock. */
  public RunsApi(Clock clock) {
    this.clock = clock;
  }

  /** The caller's principal. */
  @GetMapping("/me")
  public Me me(SecuredEngine engine) {
    var p = engine.principal();
    return new Me(p.user(), p.tenant(), p.roles(), p.teams(), clock.instant());
  }

  /** The latest runs, newest first. */
  @GetMapping("/runs")
  public List<RunView> runs(
      SecuredEngine engine, @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
    return engine.runs(limit).stream().map(RunView::of).toList();
  }

  /** Runs discovery for every profile of the tenant now (tenant-wide roles). */
  @PostMapping("/runs")
  public RunView discoverAll(SecuredEngine engine) {
    return RunView.of(engine.discoverAll());
  }

  /** Run analytics over {@code [from, to)}, 30 days by default. */
  @GetMapping("/analytics/runs")
  public AnalyticsView analytics(
      SecuredEngine engine,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    Instant end = to == null ? clock.instant().plusSeconds(1) : to;
    return AnalyticsView.of(
        engine.analytics(from == null ? end.minus(Duration.ofDays(30)) : from, end));
  }

  /** Estimated source costs over {@code [from, to)}, 30 days by default. */
  @GetMapping("/analytics/costs")
  public CostView costs(
      SecuredEngine engine,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    Instant end = to == null ? clock.instant().plusSeconds(1) : to;
    return CostView.of(engine.costs(from == null ? end.minus(Duration.ofDays(30)) : from, end));
  }

  /** The tenant's health: status, last run, failing sources. */
  @GetMapping("/health")
  public HealthView health(SecuredEngine engine) {
    HealthSnapshot h = engine.health();
    return new HealthView(
        h.status().name(),
        h.lastRun().map(RunView::of).orElse(null),
        h.lastSuccessAt().orElse(null),
        h.failingSources());
  }

  /** Full-text search over the caller's cards, signals and drafts, keyset-paged. */
  @GetMapping("/search")
  public PageView<HitView> search(
      SecuredEngine engine,
      @RequestParam @NotBlank @Size(max = 500) String q,
      @RequestParam(required = false) Set<SearchKind> kind,
      @RequestParam(required = false) @Size(max = 2000) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
    return PageView.of(
        engine
            .search()
            .search(q, kind == null ? Set.of() : kind, Optional.ofNullable(cursor), limit),
        HitView::of);
  }

  /** The caller's teams. */
  @GetMapping("/teams")
  public List<TeamView> teams(SecuredEngine engine) {
    return engine.listTeams().stream().map(TeamView::of).toList();
  }

  /** Creates a team with the caller as a member. */
  @PostMapping("/teams")
  @ResponseStatus(HttpStatus.CREATED)
  public TeamView createTeam(SecuredEngine engine, @Valid @RequestBody NewTeam body) {
    List<String> members = body.members() == null ? List.of() : body.members();
    return TeamView.of(engine.createTeam(body.name(), members.toArray(String[]::new)));
  }

  /** Adds a member to a team. */
  @PostMapping("/teams/{id}/members")
  public TeamView addMember(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody NewMember body) {
    return TeamView.of(engine.addTeamMember(id, body.user()));
  }

  /** The opportunities shared with a team, newest first. */
  @GetMapping("/teams/{id}/feed")
  public List<TeamFeedView> teamFeed(
      SecuredEngine engine,
      @PathVariable String id,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
    return engine.teamFeed(id, limit).stream()
        .map(
            i ->
                new TeamFeedView(
                    i.shared().sharedBy(),
                    i.shared().sharedAt(),
                    OpportunityView.of(i.opportunity())))
        .toList();
  }
}
