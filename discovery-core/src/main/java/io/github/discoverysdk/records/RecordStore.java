package io.github.discoverysdk.records;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of system-of-record tracking: tracked records with their queues, conversions, queue
 * changes and job states. Reached through {@code Storage.records()}; every method names its tenant
 * once, as its leading argument or through the value it takes, and never reads or writes another
 * tenant's rows. Batch methods cost a fixed number of statements per batch, not one per row. Atomic
 * per call; run several in {@code Storage.inTransaction} to commit them together. Thread-safe, as
 * every store is.
 */
public interface RecordStore {
  /** The most keys {@link #find} takes in one call. */
  int MAX_KEYS = 500;

  /**
   * The tenant's tracked records of {@code type} with these keys, by key; keys not tracked are
   * absent.
   *
   * @throws io.github.discoverysdk.ValidationException if there are more than {@link #MAX_KEYS}
   */
  Map<String, TrackedRecord> find(String tenant, String type, Collection<String> keys);

  /**
   * Inserts (version 0) or updates (from its stored version) each record, all or none; returns them
   * as stored, each with its version incremented.
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException naming the first record whose version
   *     is stale or that exists already; nothing is written
   * @throws io.github.discoverysdk.ValidationException if a record is of another tenant
   */
  List<TrackedRecord> saveAll(String tenant, List<TrackedRecord> records);

  /**
   * Adds each conversion unless one with the same (type, key, rule, change) is stored or earlier in
   * the batch; returns, per conversion in order, whether it was added. Never fails on a repeat, so
   * it can run in the transaction of the state change it comes from.
   */
  List<Boolean> addConversions(String tenant, List<Conversion> conversions);

  /** The tenant's conversions with a sequence greater than {@code afterSequence}, oldest first. */
  List<Conversion> listConversions(String tenant, long afterSequence, int limit);

  /** Appends queue changes, in order. */
  void addQueueChanges(String tenant, List<QueueChange> changes);

  /** The queue changes of one record, oldest first, at most {@code limit}. */
  List<QueueChange> listQueueChanges(String tenant, String type, String key, int limit);

  /**
   * A page of a queue in key order. A record is active at the latest of its {@code activityAt}, or,
   * when it has none, at its {@code changedAt}.
   */
  List<TrackedRecord> listQueue(String tenant, QueueQuery query);

  /**
   * The tenant's tracked records of {@code type} in key order, in every queue or none, after {@code
   * afterKey} if given; at most {@code limit}. For the aging job's keyset batches.
   */
  List<TrackedRecord> listRecords(String tenant, String type, Optional<String> afterKey, int limit);

  /** The job's state, or empty if it never ran for this tenant. */
  Optional<JobState> findJob(String tenant, String job);

  /**
   * Inserts (version 0) or updates (from its stored version) a job's state; returns it with its
   * version incremented.
   *
   * @throws io.github.discoverysdk.ConcurrentUpdateException if the version is stale
   */
  JobState saveJob(JobState state);
}
