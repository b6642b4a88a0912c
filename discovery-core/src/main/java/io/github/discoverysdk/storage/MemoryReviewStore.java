package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The review cards of an {@link InMemoryStorage}, kept with their tenant's opportunities so that
 * deleting an opportunity (with its profile) deletes its card, as the JDBC stores' cascade does.
 * Thread-safe: every method runs under the state's lock.
 */
final class MemoryReviewStore implements ReviewStore {
  private static final Comparator<ReviewCard> QUEUE_ORDER =
      Comparator.comparing((ReviewCard c) -> ReviewCursor.after(c).queuedAt())
          .thenComparing(c -> c.opportunityId().value());

  /** The states a card has a decision in; the median is taken over them. */
  private static final Set<ReviewState> DECIDED =
      EnumSet.of(ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.ACTIVATED);

  private final MemoryState state;
  private final MemoryAccountStore accounts;

  MemoryReviewStore(MemoryState state, MemoryAccountStore accounts) {
    this.state = state;
    this.accounts = accounts;
  }

  @Override
  public ReviewCard save(ReviewCard card) {
    Objects.requireNonNull(card, "card");
    return state.write(() -> saveLocked(card));
  }

  private ReviewCard saveLocked(ReviewCard card) {
    OpportunityId id = card.opportunityId();
    if (!state.readable(id.tenant()).opportunities.containsKey(id.value())) {
      throw new ValidationException("no opportunity " + id + " to review");
    }
    Map<String, ReviewCard> cards = state.writable(id.tenant()).reviewCards;
    MemoryState.checkVersion(
        "review card", id, card.version(), cards.get(id.value()), ReviewCard::version);
    ReviewCard saved = ReviewCard.builder().from(card).version(card.version() + 1).build();
    state.put(cards, id.value(), saved);
    return saved;
  }

  @Override
  public List<ReviewCard> createAll(List<ReviewCard> cards) {
    List<ReviewCard> copy = List.copyOf(cards);
    return state.write(
        () -> {
          List<ReviewCard> created = new ArrayList<>();
          for (ReviewCard c : copy) {
            if (c.version() == 0 && findLocked(c.opportunityId()).isEmpty()) {
              created.add(saveLocked(c));
            }
          }
          return List.copyOf(created);
        });
  }

  @Override
  public Optional<ReviewCard> find(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return state.read(() -> findLocked(id));
  }

  private Optional<ReviewCard> findLocked(OpportunityId id) {
    return Optional.ofNullable(state.readable(id.tenant()).reviewCards.get(id.value()));
  }

  @Override
  public Map<OpportunityId, ReviewCard> findAll(Collection<OpportunityId> ids) {
    List<OpportunityId> copy = List.copyOf(ids);
    Set<String> tenants = new HashSet<>();
    copy.forEach(id -> tenants.add(id.tenant()));
    if (tenants.size() > 1) {
      throw new ValidationException(
          "findAll takes the opportunities of one tenant, was given those of " + tenants.size());
    }
    return state.read(
        () -> {
          Map<OpportunityId, ReviewCard> found = new HashMap<>();
          for (OpportunityId id : copy) {
            findLocked(id).ifPresent(c -> found.put(id, c));
          }
          return Map.copyOf(found);
        });
  }

  @Override
  public List<ReviewCard> list(
      String tenant,
      AccessScope scope,
      Set<ReviewState> states,
      Optional<ReviewCursor> after,
      int limit) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(after, "after");
    return select(
        tenant,
        limit,
        c ->
            states.contains(c.state())
                && inScope(tenant, scope, c)
                && after.map(a -> isAfter(c, a)).orElse(true));
  }

  @Override
  public List<ReviewCard> byAccount(
      String tenant, String accountId, Set<ReviewState> states, int limit) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(states, "states");
    return select(
        tenant,
        limit,
        c -> states.contains(c.state()) && c.accountId().filter(accountId::equals).isPresent());
  }

  @Override
  public Map<ReviewState, Long> counts(String tenant, AccessScope scope) {
    Objects.requireNonNull(scope, "scope");
    List<ReviewCard> all = select(tenant, Integer.MAX_VALUE, c -> inScope(tenant, scope, c));
    Map<ReviewState, Long> counts = new EnumMap<>(ReviewState.class);
    for (ReviewState s : ReviewState.values()) {
      counts.put(s, 0L);
    }
    counts.putAll(
        all.stream().collect(Collectors.groupingBy(ReviewCard::state, Collectors.counting())));
    return Map.copyOf(counts);
  }

  /**
   * Over the cards in a decided state (APPROVED, REJECTED, ACTIVATED): a card refined back to
   * review keeps the time of its earlier decision, which its new submission no longer precedes.
   */
  @Override
  public Optional<Duration> medianTimeToReview(
      String tenant, AccessScope scope, Instant from, Instant to) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<Duration> times =
        select(
                tenant,
                Integer.MAX_VALUE,
                c ->
                    DECIDED.contains(c.state())
                        && c.decidedAt().isPresent()
                        && c.submittedAt().isPresent()
                        && !c.decidedAt().get().isBefore(from)
                        && c.decidedAt().get().isBefore(to)
                        && inScope(tenant, scope, c))
            .stream()
            .map(c -> Duration.between(c.submittedAt().get(), c.decidedAt().get()))
            .sorted()
            .collect(Collectors.toList());
    if (times.isEmpty()) {
      return Optional.empty();
    }
    int n = times.size();
    return Optional.of(
        n % 2 == 1 ? times.get(n / 2) : times.get(n / 2 - 1).plus(times.get(n / 2)).dividedBy(2));
  }

  @Override
  public List<ReviewCard> overdue(String tenant, Instant submittedBefore, int limit) {
    Objects.requireNonNull(submittedBefore, "submittedBefore");
    return select(
        tenant,
        limit,
        c ->
            c.state() == ReviewState.PENDING_REVIEW
                && c.escalatedAt().isEmpty()
                && c.submittedAt().filter(s -> s.isBefore(submittedBefore)).isPresent());
  }

  private List<ReviewCard> select(String tenant, int limit, Predicate<ReviewCard> filter) {
    Objects.requireNonNull(tenant, "tenant");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).reviewCards.values().stream()
                .filter(filter)
                .sorted(QUEUE_ORDER)
                .limit(limit)
                .collect(Collectors.toUnmodifiableList()));
  }

  /** Requires the lock. */
  private boolean inScope(String tenant, AccessScope scope, ReviewCard card) {
    if (scope.all()) {
      return true;
    }
    Optional<Account> account = card.accountId().flatMap(id -> accounts.findLocked(tenant, id));
    return account.filter(a -> scope.covers(a.owner(), a.team())).isPresent();
  }

  private static boolean isAfter(ReviewCard card, ReviewCursor cursor) {
    ReviewCursor key = ReviewCursor.after(card);
    int byTime = key.queuedAt().compareTo(cursor.queuedAt());
    return byTime > 0 || (byTime == 0 && key.opportunityId().compareTo(cursor.opportunityId()) > 0);
  }
}
