package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.samples.inbox.Views.AccountView;
import io.github.discoverysdk.samples.inbox.Views.CardView;
import io.github.discoverysdk.samples.inbox.Views.InboxItem;
import io.github.discoverysdk.samples.inbox.Views.OpportunityView;
import io.github.discoverysdk.samples.inbox.Views.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The inbox of cards, its stats, accounts and their health. Thread-safe. */
@RestController
@RequestMapping("/api/v1")
public class InboxApi {
  /** A new account. */
  public record NewAccount(
      @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String id,
      @NotBlank @Size(max = 200) String name,
      List<@NotBlank @Size(max = 253) String> domains,
      @NotBlank @Size(max = 200) String owner,
      @Size(max = 100) String team,
      @Size(max = 200) String manager,
      @Size(max = 40) String tier) {}

  /** An account with its open cards. */
  public record AccountDetails(AccountView account, List<OpenCard> open) {}

  /** An open card of an account and its opportunity. */
  public record OpenCard(CardView card, OpportunityView opportunity) {}

  /** A card of the inbox with, when expanded, its opportunity and review card. */
  public record InboxCard(InboxItem item, OpportunityView opportunity, CardView card) {}

  /** An account's health: signals per week, trend, risks and top open cards. */
  public record HealthView(
      String accountId,
      List<AccountHealth.Week> weeks,
      String trend,
      String trendReason,
      Map<String, List<InboxItem>> risks,
      List<InboxItem> topOpen,
      Instant lastTouch) {}

  private final Clock clock;

  /** The API on the engine's clock. */
  public InboxApi(Clock clock) {
    this.clock = clock;
  }

  /**
   * The caller's cards, newest first, optionally of one account or owner, above a score, in some
   * review states, of some urgencies ({@code urgency=CRITICAL,HIGH} or repeated) or from some
   * sources; keyset-paged by {@code cursor}, passed back with the same filters. With {@code
   * expand}, each item carries its opportunity (breakdown, evidence, timing) and review card.
   */
  @GetMapping("/inbox")
  public PageView<InboxCard> inbox(
      SecuredEngine engine,
      @RequestParam(required = false) @Size(max = 100) String account,
      @RequestParam(required = false) @Size(max = 200) String owner,
      @RequestParam(required = false) @Min(0) @Max(100) Double minScore,
      @RequestParam(required = false) Set<ReviewState> state,
      @RequestParam(name = UrgencyParam.NAME, required = false) List<String> urgency,
      @RequestParam(required = false) Set<@Size(max = 100) String> source,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) @Size(max = 2000) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
      @RequestParam(defaultValue = "false") boolean expand) {
    InboxQuery.Builder q = InboxQuery.builder();
    Optional.ofNullable(account).ifPresent(q::account);
    Optional.ofNullable(owner).ifPresent(q::owner);
    Optional.ofNullable(minScore).ifPresent(q::minScore);
    Optional.ofNullable(state).ifPresent(s -> q.addStates(s.toArray(ReviewState[]::new)));
    q.addUrgencies(UrgencyParam.parse(urgency).toArray(Urgency[]::new));
    Optional.ofNullable(source).ifPresent(s -> q.addSources(s.toArray(String[]::new)));
    Optional.ofNullable(from).ifPresent(q::from);
    Optional.ofNullable(to).ifPresent(q::to);
    return PageView.of(
        engine.insight().inbox(q.build(), Optional.ofNullable(cursor), limit),
        c ->
            new InboxCard(
                InboxItem.of(c),
                expand
                    ? engine
                        .findOpportunity(c.opportunityId())
                        .map(OpportunityView::of)
                        .orElse(null)
                    : null,
                expand
                    ? engine.reviews().find(c.opportunityId()).map(CardView::of).orElse(null)
                    : null));
  }

  /** Counts of the caller's cards by state, band and urgency over {@code [from, to)}. */
  @GetMapping("/inbox/stats")
  public InboxStats stats(
      SecuredEngine engine,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    Instant end = to == null ? clock.instant().plusSeconds(1) : to;
    return engine.insight().inboxStats(from == null ? end.minus(Duration.ofDays(30)) : from, end);
  }

  /** The accounts the caller may see, by id; keyset-paged by {@code after} (the last id). */
  @GetMapping("/accounts")
  public PageView<AccountView> accounts(
      SecuredEngine engine,
      @RequestParam(required = false) @Size(max = 100) String after,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return PageView.of(engine.accounts().list(after == null ? "" : after, limit), AccountView::of);
  }

  /** Creates an account (admins and managers). */
  @PostMapping("/accounts")
  @ResponseStatus(HttpStatus.CREATED)
  public AccountView create(SecuredEngine engine, @Valid @RequestBody NewAccount body) {
    Instant now = clock.instant();
    Account.Builder a =
        Account.builder()
            .tenant(engine.principal().tenant())
            .id(body.id())
            .name(body.name())
            .owner(body.owner())
            .createdAt(now)
            .updatedAt(now);
    Optional.ofNullable(body.domains()).ifPresent(a::addAllDomains);
    Optional.ofNullable(body.team()).ifPresent(a::team);
    Optional.ofNullable(body.manager()).ifPresent(a::manager);
    Optional.ofNullable(body.tier()).ifPresent(a::tier);
    return AccountView.of(engine.accounts().create(a.build()));
  }

  /** One account with its open cards. */
  @GetMapping("/accounts/{id}")
  public AccountDetails account(SecuredEngine engine, @PathVariable String id) {
    if (engine.accounts().find(id).isEmpty()) {
      throw new NotFoundException("no account " + id);
    }
    io.github.discoverysdk.account.AccountView v = engine.accounts().view(id);
    return new AccountDetails(
        AccountView.of(v.account()),
        v.open().stream()
            .map(c -> new OpenCard(CardView.of(c.card()), OpportunityView.of(c.opportunity())))
            .toList());
  }

  /** An account's health: signals per week (the chart), trend, risk flags, top open cards. */
  @GetMapping("/accounts/{id}/health")
  public HealthView health(SecuredEngine engine, @PathVariable String id) {
    AccountHealth h = engine.insight().accountHealth(id);
    Map<String, List<InboxItem>> risks = new TreeMap<>();
    h.risks().forEach((k, v) -> risks.put(k.name(), v.stream().map(InboxItem::of).toList()));
    return new HealthView(
        h.accountId(),
        h.weeks(),
        h.trend().direction().name(),
        h.trend().reason(),
        risks,
        h.topOpen().stream().map(InboxItem::of).toList(),
        h.lastTouch().orElse(null));
  }
}
