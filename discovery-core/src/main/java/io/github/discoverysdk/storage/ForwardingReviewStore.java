package io.github.discoverysdk.storage;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.review.ReviewStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ReviewStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingReviewStore implements ReviewStore {
  private final ReviewStore delegate;

  protected ForwardingReviewStore(ReviewStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected ReviewStore delegate() {
    return delegate;
  }

  @Override
  public ReviewCard save(ReviewCard card) {
    return delegate.save(card);
  }

  @Override
  public List<ReviewCard> createAll(List<ReviewCard> cards) {
    return delegate.createAll(cards);
  }

  @Override
  public Optional<ReviewCard> find(OpportunityId id) {
    return delegate.find(id);
  }

  @Override
  public Map<OpportunityId, ReviewCard> findAll(Collection<OpportunityId> ids) {
    return delegate.findAll(ids);
  }

  @Override
  public List<ReviewCard> list(
      String tenant,
      AccessScope scope,
      Set<ReviewState> states,
      Optional<ReviewCursor> after,
      int limit) {
    return delegate.list(tenant, scope, states, after, limit);
  }

  @Override
  public List<ReviewCard> byAccount(
      String tenant, String accountId, Set<ReviewState> states, int limit) {
    return delegate.byAccount(tenant, accountId, states, limit);
  }

  @Override
  public Map<ReviewState, Long> counts(String tenant, AccessScope scope) {
    return delegate.counts(tenant, scope);
  }

  @Override
  public Optional<Duration> medianTimeToReview(
      String tenant, AccessScope scope, Instant from, Instant to) {
    return delegate.medianTimeToReview(tenant, scope, from, to);
  }

  @Override
  public List<ReviewCard> overdue(String tenant, Instant submittedBefore, int limit) {
    return delegate.overdue(tenant, submittedBefore, limit);
  }
}
