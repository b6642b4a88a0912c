package io.github.discoverysdk.review;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.model.OpportunityId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Review cards and their read models: {@code Storage.reviews()}. Cards carry their tenant through
 * their opportunity id; listings take it first. A card's scope is its account's (owner and team),
 * looked up at query time, so reassigning an account moves its cards at once; a card without an
 * account is in the scope of whole-tenant readers only. Each read model is one query. Thread-safe,
 * as every store is.
 */
public interface ReviewStore {
  /**
   * Inserts a card whose version is 0, or updates one whose version equals the stored one; returns
   * it with the version incremented.
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException if the version is stale, or 0 while a
   *     card for the opportunity exists
   * @throws io.github.discoverysdk.ValidationException if the opportunity does not exist
   */
  ReviewCard save(ReviewCard card);

  /**
   * Inserts the cards of version 0 whose opportunity has no card yet, skipping the others; returns
   * the inserted ones (version 1), in order. All-or-nothing, in a fixed number of statements: the
   * run calls it once per batch.
   */
  List<ReviewCard> createAll(List<ReviewCard> cards);

  Optional<ReviewCard> find(OpportunityId id);

  /** The cards of these opportunities (all of one tenant), by id; missing ones are left out. */
  Map<OpportunityId, ReviewCard> findAll(Collection<OpportunityId> ids);

  /**
   * The tenant's cards in {@code states} and {@code scope}, oldest queued first (by {@link
   * ReviewCursor} order), after {@code after} if given, at most {@code limit}: an account manager's
   * inbox with its own scope, a manager's review queue with its teams'.
   */
  List<ReviewCard> list(
      String tenant,
      AccessScope scope,
      Set<ReviewState> states,
      Optional<ReviewCursor> after,
      int limit);

  /** The cards of one account in {@code states}, oldest queued first, at most {@code limit}. */
  List<ReviewCard> byAccount(String tenant, String accountId, Set<ReviewState> states, int limit);

  /** How many of the tenant's cards in {@code scope} are in each state; absent states are 0. */
  Map<ReviewState, Long> counts(String tenant, AccessScope scope);

  /**
   * The median of {@code decidedAt - submittedAt} over the cards in {@code scope} decided at {@code
   * from <= decidedAt < to}; empty if none was. Only cards now APPROVED, REJECTED or ACTIVATED
   * count: a card refined back to review keeps its earlier {@code decidedAt} but has a later {@code
   * submittedAt}. Of an even count, the mean of the two middle values.
   */
  Optional<Duration> medianTimeToReview(String tenant, AccessScope scope, Instant from, Instant to);

  /**
   * The tenant's PENDING_REVIEW cards submitted before {@code submittedBefore} and not escalated,
   * oldest first, at most {@code limit}.
   */
  List<ReviewCard> overdue(String tenant, Instant submittedBefore, int limit);
}
