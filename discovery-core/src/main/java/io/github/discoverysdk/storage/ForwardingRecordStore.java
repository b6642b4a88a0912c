package io.github.discoverysdk.storage;

import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.records.TrackedRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RecordStore} that forwards every call to another: the base of decorators (metrics, fault
 * injection in tests). Override the methods of interest; return it from {@link ForwardingStorage}'s
 * accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingRecordStore implements RecordStore {
  private final RecordStore delegate;

  protected ForwardingRecordStore(RecordStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected RecordStore delegate() {
    return delegate;
  }

  @Override
  public Map<String, TrackedRecord> find(String tenant, String type, Collection<String> keys) {
    return delegate.find(tenant, type, keys);
  }

  @Override
  public List<TrackedRecord> saveAll(String tenant, List<TrackedRecord> records) {
    return delegate.saveAll(tenant, records);
  }

  @Override
  public List<Boolean> addConversions(String tenant, List<Conversion> conversions) {
    return delegate.addConversions(tenant, conversions);
  }

  @Override
  public List<Conversion> listConversions(String tenant, long afterSequence, int limit) {
    return delegate.listConversions(tenant, afterSequence, limit);
  }

  @Override
  public void addQueueChanges(String tenant, List<QueueChange> changes) {
    delegate.addQueueChanges(tenant, changes);
  }

  @Override
  public List<QueueChange> listQueueChanges(String tenant, String type, String key, int limit) {
    return delegate.listQueueChanges(tenant, type, key, limit);
  }

  @Override
  public List<TrackedRecord> listQueue(String tenant, QueueQuery query) {
    return delegate.listQueue(tenant, query);
  }

  @Override
  public List<TrackedRecord> listRecords(
      String tenant, String type, Optional<String> afterKey, int limit) {
    return delegate.listRecords(tenant, type, afterKey, limit);
  }

  @Override
  public Optional<JobState> findJob(String tenant, String job) {
    return delegate.findJob(tenant, job);
  }

  @Override
  public JobState saveJob(JobState state) {
    return delegate.saveJob(state);
  }
}
