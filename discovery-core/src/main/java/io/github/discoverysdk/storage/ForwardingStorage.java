package io.github.discoverysdk.storage;

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
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Storage} that forwards every call to another: the base of decorators (metrics, logging,
 * fault injection in tests) and of storages that hand their work to another. Override the methods
 * of interest. Transactions are forwarded too; override {@link #wrapTransaction(Storage)} to
 * intercept the calls made inside them. Thread-safe if the delegate is.
 */
public abstract class ForwardingStorage implements Storage {
  private final Storage delegate;

  protected ForwardingStorage(Storage delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  protected Storage delegate() {
    return delegate;
  }

  /**
   * The storage that transaction work sees, given the delegate's transaction view. The default
   * returns the view unchanged.
   */
  protected Storage wrapTransaction(Storage tx) {
    return tx;
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    return delegate.inTransaction(tx -> work.run(wrapTransaction(tx)));
  }

  @Override
  public Profile saveProfile(Profile profile) {
    return delegate.saveProfile(profile);
  }

  @Override
  public Optional<Profile> findProfile(ProfileId id) {
    return delegate.findProfile(id);
  }

  @Override
  public List<Profile> listProfiles(String tenant) {
    return delegate.listProfiles(tenant);
  }

  @Override
  public boolean deleteProfile(ProfileId id) {
    return delegate.deleteProfile(id);
  }

  @Override
  public SignalWrite upsertSignal(String tenant, Signal signal) {
    return delegate.upsertSignal(tenant, signal);
  }

  @Override
  public List<SignalWrite> upsertSignals(String tenant, List<Signal> signals) {
    return delegate.upsertSignals(tenant, signals);
  }

  @Override
  public Optional<Signal> findSignal(String tenant, SignalKey key) {
    return delegate.findSignal(tenant, key);
  }

  @Override
  public List<Signal> listSignals(String tenant, Instant since, int limit) {
    return delegate.listSignals(tenant, since, limit);
  }

  @Override
  public Opportunity saveOpportunity(Opportunity opportunity) {
    return delegate.saveOpportunity(opportunity);
  }

  @Override
  public Optional<Opportunity> findOpportunity(OpportunityId id) {
    return delegate.findOpportunity(id);
  }

  @Override
  public Optional<Opportunity> findOpportunity(ProfileId profileId, SignalKey signalKey) {
    return delegate.findOpportunity(profileId, signalKey);
  }

  @Override
  public List<Opportunity> listOpportunities(String tenant, SignalKey signalKey) {
    return delegate.listOpportunities(tenant, signalKey);
  }

  @Override
  public List<Opportunity> listOpportunitiesBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
    return delegate.listOpportunitiesBefore(tenant, before, excluded, limit);
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

  @Override
  public void saveRun(RunReport report) {
    delegate.saveRun(report);
  }

  @Override
  public List<RunReport> listRuns(String tenant, int limit) {
    return delegate.listRuns(tenant, limit);
  }

  @Override
  public List<RunReport> listRuns(String tenant, Instant from, Instant to) {
    return delegate.listRuns(tenant, from, to);
  }

  @Override
  public void addLifecycleEvent(LifecycleEvent event) {
    delegate.addLifecycleEvent(event);
  }

  @Override
  public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
    return delegate.listLifecycleEvents(tenant, signalKey);
  }

  @Override
  public List<String> listTenants() {
    return delegate.listTenants();
  }

  @Override
  public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
    return delegate.tryLease(tenant, name, owner, now, until);
  }

  @Override
  public Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now) {
    return delegate.findCachedResult(sourceId, queryKey, cursor, now);
  }

  @Override
  public void saveCachedResult(CachedResult result) {
    delegate.saveCachedResult(result);
  }

  @Override
  public int deleteExpiredResults(Instant now) {
    return delegate.deleteExpiredResults(now);
  }

  @Override
  public void addCost(CostEntry entry) {
    delegate.addCost(entry);
  }

  @Override
  public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
    return delegate.listCosts(tenant, from, to);
  }

  @Override
  public boolean enqueue(OutboxEntry entry) {
    return delegate.enqueue(entry);
  }

  @Override
  public List<OutboxEntry> listDueOutbox(String tenant, Instant now, int limit) {
    return delegate.listDueOutbox(tenant, now, limit);
  }

  @Override
  public OutboxEntry saveOutbox(OutboxEntry entry) {
    return delegate.saveOutbox(entry);
  }

  @Override
  public List<OutboxEntry> listOutbox(String tenant, int limit) {
    return delegate.listOutbox(tenant, limit);
  }

  @Override
  public Team saveTeam(Team team) {
    return delegate.saveTeam(team);
  }

  @Override
  public Optional<Team> findTeam(String tenant, String teamId) {
    return delegate.findTeam(tenant, teamId);
  }

  @Override
  public List<Team> listTeams(String tenant) {
    return delegate.listTeams(tenant);
  }

  @Override
  public SharedOpportunity saveShared(SharedOpportunity shared) {
    return delegate.saveShared(shared);
  }

  @Override
  public Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id) {
    return delegate.findShared(tenant, teamId, id);
  }

  @Override
  public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
    return delegate.listShared(tenant, teamId, limit);
  }

  @Override
  public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
    return delegate.findWatermark(tenant, sourceId, queryKey);
  }

  @Override
  public void saveWatermark(Watermark watermark) {
    delegate.saveWatermark(watermark);
  }

  @Override
  public Optional<ModelState> findModelState(String tenant, String name) {
    return delegate.findModelState(tenant, name);
  }

  @Override
  public ModelState saveModelState(ModelState state) {
    return delegate.saveModelState(state);
  }

  @Override
  public void recordTracking(TrackingObservation observation) {
    delegate.recordTracking(observation);
  }

  @Override
  public List<AnonymousObservation> listTracking(
      Collection<TrackedSubject> subjects, Instant since) {
    return delegate.listTracking(subjects, since);
  }

  @Override
  public List<AnonymousObservation> listTracking(Instant since, int limit) {
    return delegate.listTracking(since, limit);
  }

  @Override
  public int deleteTrackingBefore(Instant before) {
    return delegate.deleteTrackingBefore(before);
  }
}
