package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.AnonymousObservation;
import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TrackedSubject;
import io.github.discoverysdk.model.TrackingObservation;
import io.github.discoverysdk.model.Watermark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * All persistence of the SDK. Every method is scoped by tenant: ids carry their tenant, and no
 * method returns another tenant's rows. Implementations must be thread-safe and must run the {@code
 * StorageContract} suite of {@code discovery-testkit}.
 *
 * <p>Mutable rows (profiles, opportunities, teams, shared opportunities) carry a version: a write
 * with a version other than the stored one throws {@link ConcurrentUpdateException} and changes
 * nothing. Failures of the underlying store throw {@link io.github.discoverysdk.StorageException}.
 */
public interface Storage {

  /** Work to run inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    /**
     * @param tx a view of the storage bound to the transaction; use it, not the outer storage
     */
    T run(Storage tx);
  }

  /**
   * Runs {@code work} atomically: either everything it wrote through {@code tx} is committed, or,
   * if it throws, nothing is. The exception is rethrown (a checked failure of the store wrapped in
   * {@code StorageException}). A nested call on the same thread joins the outer transaction.
   */
  <T> T inTransaction(Work<T> work);

  // ---- profiles

  /**
   * Inserts a profile whose {@link Profile#version()} is 0, or updates one whose version equals the
   * stored version. Returns the stored profile with its version incremented.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while the id exists
   */
  Profile saveProfile(Profile profile);

  Optional<Profile> findProfile(ProfileId id);

  /** The tenant's profiles ordered by id. */
  List<Profile> listProfiles(String tenant);

  /** Deletes a profile with its opportunities and their feedback; false if there was none. */
  boolean deleteProfile(ProfileId id);

  // ---- signals

  /**
   * Stores a signal under its natural key and says whether it was new, changed or unchanged. Last
   * write wins by {@link Signal#observedAt()}: a version observed before the stored one is not
   * stored ({@link SignalWrite#UNCHANGED}).
   */
  SignalWrite upsertSignal(String tenant, Signal signal);

  /** Stores a batch; the default calls {@link #upsertSignal} per signal. */
  default List<SignalWrite> upsertSignals(String tenant, List<Signal> signals) {
    List<SignalWrite> out = new ArrayList<>(signals.size());
    for (Signal s : signals) {
      out.add(upsertSignal(tenant, s));
    }
    return out;
  }

  Optional<Signal> findSignal(String tenant, SignalKey key);

  /**
   * The tenant's signals published at or after {@code since}, newest first, at most {@code limit}.
   */
  List<Signal> listSignals(String tenant, Instant since, int limit);

  // ---- opportunities

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
  Opportunity saveOpportunity(Opportunity opportunity);

  Optional<Opportunity> findOpportunity(OpportunityId id);

  Optional<Opportunity> findOpportunity(ProfileId profileId, SignalKey signalKey);

  /** The tenant's opportunities on one signal, across its profiles, ordered by id. */
  List<Opportunity> listOpportunities(String tenant, SignalKey signalKey);

  /**
   * Up to {@code limit} of the tenant's opportunities that occur (event start, else publication)
   * before {@code before} and whose status is not in {@code excluded}, earliest first: the
   * candidates of auto-archiving.
   */
  List<Opportunity> listOpportunitiesBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit);

  /**
   * One page of the feed, filtered and ordered as the query says, each item exactly once across
   * pages (keyset paging).
   *
   * @throws io.github.discoverysdk.ValidationException if the cursor is not one this storage issued
   *     for the same sort
   */
  Page<Opportunity> feed(FeedQuery query);

  // ---- feedback

  /**
   * Records feedback on an opportunity.
   *
   * @throws io.github.discoverysdk.NotFoundException if the opportunity does not exist for the id's
   *     tenant
   */
  void addFeedback(OpportunityId id, Feedback feedback);

  /** Feedback on an opportunity, oldest first; empty if the opportunity does not exist. */
  List<Feedback> listFeedback(OpportunityId id);

  // ---- runs

  void saveRun(RunReport report);

  /** The tenant's most recent runs, newest first. */
  List<RunReport> listRuns(String tenant, int limit);

  /** The tenant's runs that started in {@code [from, to)}, newest first. */
  List<RunReport> listRuns(String tenant, Instant from, Instant to);

  // ---- lifecycle events

  void addLifecycleEvent(LifecycleEvent event);

  /** The changes recorded for one signal, oldest first. */
  List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey);

  // ---- scheduling

  /** Every tenant that has at least one profile, in order. For schedulers that serve them all. */
  List<String> listTenants();

  /**
   * Takes the lease {@code name} of {@code tenant} for {@code owner} until {@code until}, if it is
   * free, expired at {@code now}, or already held by {@code owner}. Atomic across every process
   * sharing the store: of several callers racing for a free lease exactly one gets it.
   *
   * @return whether {@code owner} now holds the lease
   */
  boolean tryLease(String tenant, String name, String owner, Instant now, Instant until);

  // ---- shared query cache and cost ledger

  /**
   * The cached answer of a public source to a query from a cursor ({@code ""} for a first fetch),
   * if one has not expired at {@code now}. The cache is shared by every tenant: only public data is
   * ever put in it.
   */
  Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now);

  /** Stores or replaces the cached answer of (source, query, cursor). */
  void saveCachedResult(CachedResult result);

  /** Deletes the cached answers expired at {@code now}; returns how many. */
  int deleteExpiredResults(Instant now);

  /** Appends a line to the tenant's cost ledger. */
  void addCost(CostEntry entry);

  /** The tenant's cost ledger lines with {@code at} in {@code [from, to)}, oldest first. */
  List<CostEntry> listCosts(String tenant, Instant from, Instant to);

  // ---- outbox

  /**
   * Adds an entry unless one with the same (tenant, sink, dedupe key) exists; returns whether it
   * was added. Call it in the transaction of the change that caused it.
   */
  boolean enqueue(OutboxEntry entry);

  /** The tenant's PENDING entries due at {@code now}, earliest due first, at most {@code limit}. */
  List<OutboxEntry> listDueOutbox(String tenant, Instant now, int limit);

  /**
   * Updates an entry whose version equals the stored one; returns it with the version incremented.
   *
   * @throws ConcurrentUpdateException if the version is stale
   * @throws io.github.discoverysdk.NotFoundException if there is no such entry
   */
  OutboxEntry saveOutbox(OutboxEntry entry);

  /** The tenant's entries, newest first, at most {@code limit}: for inspection and support. */
  List<OutboxEntry> listOutbox(String tenant, int limit);

  // ---- teams

  /**
   * Inserts a team whose version is 0, or updates one whose version equals the stored version.
   * Returns the stored team with its version incremented.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while the id exists
   */
  Team saveTeam(Team team);

  Optional<Team> findTeam(String tenant, String teamId);

  /** The tenant's teams ordered by id. */
  List<Team> listTeams(String tenant);

  /**
   * Inserts a share whose version is 0, or updates one whose version equals the stored version;
   * returns it with the version incremented. An opportunity is shared with a team once: its team
   * and its opportunity must have been saved, and its tenant, team and opportunity never change.
   * Deleting the opportunity (with its profile) deletes its shares.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while the same (tenant, team,
   *     opportunity) is already shared
   * @throws io.github.discoverysdk.ValidationException if the team or the opportunity does not
   *     exist for the tenant
   */
  SharedOpportunity saveShared(SharedOpportunity shared);

  Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id);

  /**
   * The opportunities shared with a team, newest shared first (ties by opportunity id, descending),
   * at most {@code limit}.
   */
  List<SharedOpportunity> listShared(String tenant, String teamId, int limit);

  // ---- watermarks

  Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey);

  /** Inserts or replaces the watermark of (tenant, source, query). */
  void saveWatermark(Watermark watermark);

  // ---- model state

  /** The stored state of the tenant's model {@code name}, if one was saved. */
  Optional<ModelState> findModelState(String tenant, String name);

  /**
   * Inserts a model state whose version is 0, or updates one whose version equals the stored
   * version; returns it with the version incremented. Call it in the transaction of the change the
   * model learned from, so both commit or neither does.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while (tenant, name) exists
   */
  ModelState saveModelState(ModelState state);

  // ---- tracking observations: deliberately shared across tenants

  /** The most subjects {@link #listTracking(Collection, Instant)} takes in one call. */
  int MAX_TRACKED_SUBJECTS = 500;

  /**
   * Records that a profile tracks a subject. The one table where tenants' data meet, written only
   * when the host opts in ({@code DiscoveryEngine.Builder.collectTracking}); what is read from it
   * is shown only as anonymous counts over at least k tenants ({@code CollectiveIntelligence}).
   * Idempotent per profile, subject and UTC day of {@link TrackingObservation#at()}: a second
   * observation on the same day changes nothing, so re-recording on every run costs one row a day.
   * Deleting the profile deletes its observations.
   */
  void recordTracking(TrackingObservation observation);

  /**
   * Every tenant's observations of these subjects at or after {@code since}, one per profile,
   * subject and day, ordered by time. Cross-tenant by design, so tenants and profiles come back as
   * pseudonyms ({@link AnonymousObservation}); show only aggregates ({@code
   * CollectiveIntelligence}).
   *
   * @throws io.github.discoverysdk.ValidationException if there are more than {@link
   *     #MAX_TRACKED_SUBJECTS} subjects
   */
  List<AnonymousObservation> listTracking(Collection<TrackedSubject> subjects, Instant since);

  /**
   * Every tenant's observations of any subject at or after {@code since}, at most {@code limit},
   * oldest first, with pseudonyms for tenants and profiles: the input of trending figures.
   */
  List<AnonymousObservation> listTracking(Instant since, int limit);

  /** Deletes observations older than {@code before}; returns how many. */
  int deleteTrackingBefore(Instant before);
}
