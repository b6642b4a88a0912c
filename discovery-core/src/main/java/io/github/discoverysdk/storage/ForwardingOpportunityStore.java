package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.OpportunityStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link OpportunityStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingOpportunityStore implements OpportunityStore {
  private final OpportunityStore delegate;

  protected ForwardingOpportunityStore(OpportunityStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected OpportunityStore delegate() {
    return delegate;
  }

  @Override
  public Opportunity save(Opportunity opportunity) {
    return delegate.save(opportunity);
  }

  @Override
  public List<Opportunity> saveAll(List<Opportunity> opportunities) {
    return delegate.saveAll(opportunities);
  }

  @Override
  public Optional<Opportunity> find(OpportunityId id) {
    return delegate.find(id);
  }

  @Override
  public Optional<Opportunity> find(ProfileId profileId, SignalKey signalKey) {
    return delegate.find(profileId, signalKey);
  }

  @Override
  public List<Opportunity> listBySignal(String tenant, SignalKey signalKey) {
    return delegate.listBySignal(tenant, signalKey);
  }

  @Override
  public List<Opportunity> listBySignals(String tenant, Collection<SignalKey> signalKeys) {
    return delegate.listBySignals(tenant, signalKeys);
  }

  @Override
  public List<Opportunity> listBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
    return delegate.listBefore(tenant, before, excluded, limit);
  }

  @Override
  public Page<Opportunity> feed(FeedQuery query) {
    return delegate.feed(query);
  }

  @Override
  public void addFeedback(OpportunityId id, Feedback feedback) {
    delegate.addFeedback(id, feedback);
  }

  @Override
  public List<Feedback> listFeedback(OpportunityId id) {
    return delegate.listFeedback(id);
  }
}
