package io.github.discoverysdk.storage;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.storage.MemoryState.NaturalKey;
import io.github.discoverysdk.storage.MemoryState.ShareKey;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The opportunities of an {@link InMemoryStorage}, with their feedback and the feed. Thread-safe:
 * every method runs under the state's lock.
 *
 * <p>Besides the opportunities by id it keeps three indexes in {@link TenantData}, written in the
 * same transaction as the opportunities and undone with them: by natural key (profile, signal key),
 * by signal key and by profile. A run's batch therefore costs what it touches: {@link
 * #listBySignals} O(keys + results), {@link #find(ProfileId, SignalKey)} O(1), {@link #saveAll}
 * O(batch); none scans the tenant's opportunities. Sorting by id adds a log factor on the results.
 */
final class MemoryOpportunityStore implements OpportunityStore {
  private static final Comparator<Opportunity> BY_ID = Comparator.comparing(o -> o.id().value());

  private final MemoryState state;

  MemoryOpportunityStore(MemoryState state) {
    this.state = state;
  }

  // ---- opportunities

  @Override
  public Opportunity save(Opportunity opportunity) {
    Objects.requireNonNull(opportunity, "opportunity");
    return state.write(() -> saveInTransaction(opportunity));
  }

  /**
   * Saves the batch atomically, under one write lock: if one opportunity fails (a stale version, a
   * duplicate natural key), none is stored, even outside a transaction. Inside a transaction a
   * failing batch undoes its own writes at once and leaves the earlier ones to the transaction.
   */
  @Override
  public List<Opportunity> saveAll(List<Opportunity> opportunities) {
    Objects.requireNonNull(opportunities, "opportunities");
    return state.transaction(
        () -> {
          List<Opportunity> out = new ArrayList<>(opportunities.size());
          for (Opportunity o : opportunities) {
            out.add(saveInTransaction(Objects.requireNonNull(o, "opportunity")));
          }
          return List.copyOf(out);
        });
  }

  private Opportunity saveInTransaction(Opportunity opportunity) {
    TenantData t = state.writable(opportunity.tenant());
    String id = opportunity.id().value();
    NaturalKey naturalKey = NaturalKey.of(opportunity);
    Opportunity stored = t.opportunities.get(id);
    MemoryState.checkVersion(
        "opportunity", opportunity.id(), opportunity.version(), stored, Opportunity::version);
    if (stored == null) {
      String holder = t.opportunityByNaturalKey.get(naturalKey);
      if (holder != null) {
        throw new ConcurrentUpdateException(
            "opportunity of profile "
                + opportunity.profileId()
                + " for signal "
                + opportunity.signalKey()
                + " already exists as "
                + OpportunityId.of(opportunity.tenant(), holder));
      }
    } else if (!NaturalKey.of(stored).equals(naturalKey)) {
      throw new ValidationException(
          "profileId and signalKey of opportunity "
              + opportunity.id()
              + " cannot change, were "
              + stored.profileId()
              + " and "
              + stored.signalKey());
    }
    Opportunity saved =
        Opportunity.builder().from(opportunity).version(opportunity.version() + 1).build();
    state.put(t.opportunities, id, saved);
    if (stored == null) {
      // The natural key never changes, so the indexes change only when an opportunity is born.
      state.put(t.opportunityByNaturalKey, naturalKey, id);
      state.index(t.opportunitiesBySignal, opportunity.signalKey(), id);
      state.index(t.opportunitiesByProfile, naturalKey.profileId(), id);
    }
    return saved;
  }

  /**
   * Deletes the profile's opportunities with their feedback, their shares, their review cards and
   * their index entries. Requires a transaction.
   */
  void deleteAllOf(TenantData t, ProfileId profileId) {
    Set<String> owned = t.opportunitiesByProfile.get(profileId.value());
    if (owned == null) {
      return;
    }
    for (String id : List.copyOf(owned)) {
      Opportunity o = t.opportunities.get(id);
      state.remove(t.opportunities, id);
      state.remove(t.opportunityByNaturalKey, NaturalKey.of(o));
      state.unindex(t.opportunitiesBySignal, o.signalKey(), id);
      state.unindex(t.opportunitiesByProfile, profileId.value(), id);
      state.remove(t.feedback, id);
      state.remove(t.reviewCards, id);
      Set<String> teams = t.teamsByOpportunity.get(id);
      if (teams != null) {
        for (String teamId : List.copyOf(teams)) {
          state.remove(t.shared, new ShareKey(teamId, id));
          state.unindex(t.teamsByOpportunity, id, teamId);
        }
      }
    }
  }

  @Override
  public Optional<Opportunity> find(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return state.read(
        () -> Optional.ofNullable(state.readable(id.tenant()).opportunities.get(id.value())));
  }

  @Override
  public Optional<Opportunity> find(ProfileId profileId, SignalKey signalKey) {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(signalKey, "signalKey");
    return state.read(
        () -> {
          TenantData t = state.readable(profileId.tenant());
          String id = t.opportunityByNaturalKey.get(new NaturalKey(profileId.value(), signalKey));
          return Optional.ofNullable(id == null ? null : t.opportunities.get(id));
        });
  }

  @Override
  public List<Opportunity> listBySignal(String tenant, SignalKey signalKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signalKey, "signalKey");
    return state.read(
        () -> {
          TenantData t = state.readable(tenant);
          List<Opportunity> out = new ArrayList<>();
          collect(t, signalKey, out);
          out.sort(BY_ID);
          return List.copyOf(out);
        });
  }

  /**
   * Reads the whole batch under one read lock through the signal index. A key given twice is read
   * once, so every opportunity appears once.
   */
  @Override
  public List<Opportunity> listBySignals(String tenant, Collection<SignalKey> signalKeys) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(signalKeys, "signalKeys");
    return state.read(
        () -> {
          TenantData t = state.readable(tenant);
          Set<SignalKey> seen = new HashSet<>();
          List<Opportunity> out = new ArrayList<>();
          for (SignalKey k : signalKeys) {
            if (seen.add(Objects.requireNonNull(k, "signalKey"))) {
              collect(t, k, out);
            }
          }
          out.sort(BY_ID);
          return List.copyOf(out);
        });
  }

  private static void collect(TenantData t, SignalKey signalKey, List<Opportunity> out) {
    Set<String> ids = t.opportunitiesBySignal.get(signalKey);
    if (ids != null) {
      for (String id : ids) {
        out.add(t.opportunities.get(id));
      }
    }
  }

  @Override
  public List<Opportunity> listBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(excluded, "excluded");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            state.readable(tenant).opportunities.values().stream()
                .filter(o -> o.occursAt().isBefore(before) && !excluded.contains(o.status()))
                .sorted(Comparator.comparing(Opportunity::occursAt).thenComparing(BY_ID))
                .limit(limit)
                .toList());
  }

  @Override
  public Page<Opportunity> feed(FeedQuery query) {
    Objects.requireNonNull(query, "query");
    return state.read(
        () -> FeedSupport.page(query, state.readable(query.tenant()).opportunities.values()));
  }

  // ---- feedback

  @Override
  public void addFeedback(OpportunityId id, Feedback feedback) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(feedback, "feedback");
    state.write(
        () -> {
          TenantData t = state.readable(id.tenant());
          if (!t.opportunities.containsKey(id.value())) {
            throw new NotFoundException("opportunity " + id + " does not exist");
          }
          List<Feedback> list = new ArrayList<>(t.feedback.getOrDefault(id.value(), List.of()));
          list.add(feedback);
          state.put(t.feedback, id.value(), List.copyOf(list));
          return null;
        });
  }

  @Override
  public List<Feedback> listFeedback(OpportunityId id) {
    Objects.requireNonNull(id, "id");
    return state.read(
        () -> state.readable(id.tenant()).feedback.getOrDefault(id.value(), List.of()));
  }
}
