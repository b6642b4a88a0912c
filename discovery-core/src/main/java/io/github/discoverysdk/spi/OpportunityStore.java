package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opportunities with their feedback and the feed: {@link Storage#opportunities()}. An opportunity's
 * tenant is carried by its id; listings take it first. Thread-safe, as every store is.
 */
public interface OpportunityStore {
  /**
   * Inserts an opportunity whose version is 0, or updates one whose version equals the stored
   * version; returns it with the version incremented.
   *
   * <p>Its profile must have been saved; its profile id and signal key never change once stored.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while an opportunity with the
   *     same id or the same (profile, signal key) exists
   * @throws io.github.discoverysdk.ValidationException if an update changes the profile id or the
   *     signal key
   */
  Opportunity save(Opportunity opportunity);

  /**
   * Saves a batch as {@link #save} does each, and returns them stored, in order. Call it inside
   * {@link Storage#inTransaction}: on a stale version it throws, and only the transaction's
   * rollback undoes what the batch wrote before. Implementations write a batch in a fixed number of
   * statements where they can; the default saves one by one.
   *
   * @throws ConcurrentUpdateException as {@link #save} does
   */
  default List<Opportunity> saveAll(List<Opportunity> opportunities) {
    List<Opportunity> out = new ArrayList<>(opportunities.size());
    for (Opportunity o : opportunities) {
      out.add(save(o));
    }
    return out;
  }

  Optional<Opportunity> find(OpportunityId id);

  Optional<Opportunity> find(ProfileId profileId, SignalKey signalKey);

  /** The tenant's opportunities on one signal, across its profiles, ordered by id. */
  List<Opportunity> listBySignal(String tenant, SignalKey signalKey);

  /**
   * The tenant's opportunities on any of these signals, across its profiles, ordered by id, each
   * once even if its key is given twice: what a batch of a run already has. The default calls
   * {@link #listBySignal} per key; implementations read a batch in a fixed number of round trips.
   */
  default List<Opportunity> listBySignals(String tenant, Collection<SignalKey> signalKeys) {
    List<Opportunity> out = new ArrayList<>();
    for (SignalKey k : new java.util.LinkedHashSet<>(signalKeys)) {
      out.addAll(listBySignal(tenant, k));
    }
    out.sort(java.util.Comparator.comparing(o -> o.id().value()));
    return out;
  }

  /**
   * Up to {@code limit} of the tenant's opportunities that occur (event start, else publication)
   * before {@code before} and whose status is not in {@code excluded}, earliest first: the
   * candidates of auto-archiving.
   */
  List<Opportunity> listBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit);

  /**
   * One page of the feed, filtered and ordered as the query says, each item exactly once across
   * pages (keyset paging).
   *
   * @throws io.github.discoverysdk.ValidationException if the cursor is not one this storage issued
   *     for the same sort
   */
  Page<Opportunity> feed(FeedQuery query);

  /**
   * Records feedback on an opportunity.
   *
   * @throws io.github.discoverysdk.NotFoundException if the opportunity does not exist for the id's
   *     tenant
   */
  void addFeedback(OpportunityId id, Feedback feedback);

  /** Feedback on an opportunity, oldest first; empty if the opportunity does not exist. */
  List<Feedback> listFeedback(OpportunityId id);
}
