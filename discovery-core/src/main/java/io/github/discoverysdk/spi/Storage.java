package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.account.AccountStore;
import io.github.discoverysdk.audit.AuditStore;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.review.ReviewStore;
import io.github.discoverysdk.session.SessionStore;

/**
 * All persistence of the SDK: the transaction boundary, handing out one small store per aggregate.
 * Implementations must be thread-safe and must run the {@code StorageContract} suite of {@code
 * discovery-testkit}, which has one nested suite per store.
 *
 * <p><b>Tenants.</b> Every read and write names its tenant exactly once: by the id or value it
 * takes ({@code ProfileId}, {@code OpportunityId}, {@code Profile}, {@code RunReport}, …) or, where
 * that carries none (a signal key, a team id, a listing), by a leading {@code String tenant}
 * argument. No method returns another tenant's rows, except the shared query cache and the tracking
 * observations, which are cross-tenant by design and say so.
 *
 * <p><b>Versions.</b> Mutable rows (profiles, opportunities, teams, shared opportunities, outbox
 * entries, model states) carry a version: a write with a version other than the stored one throws
 * {@link ConcurrentUpdateException} and changes nothing. Failures of the underlying store throw
 * {@link io.github.discoverysdk.StorageException}.
 *
 * <p><b>Growing.</b> A new subsystem adds its own store interface and one accessor here; it never
 * adds methods to another subsystem's store.
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

  /** Profiles, and the tenants that have them. */
  ProfileStore profiles();

  /** Signals, one row per natural key. */
  SignalStore signals();

  /** Opportunities, their feedback and the feed. */
  OpportunityStore opportunities();

  /** Run reports and lifecycle events. */
  RunStore runs();

  /** Watermarks, the shared query cache, the cost ledger and leases. */
  SourceStateStore sourceState();

  /** Alerts and pushes waiting for delivery. */
  OutboxStore outbox();

  /** Teams and shared opportunities. */
  TeamStore teams();

  /** Learned model state. */
  ModelStore models();

  /** Tracking observations, cross-tenant by design. */
  TrackingStore tracking();

  /** The audit log: append-only. */
  AuditStore audit();

  /** Monitored accounts. */
  AccountStore accounts();

  /** Review cards and their read models. */
  ReviewStore reviews();

  /** System-of-record tracking: tracked records, queues, conversions and record jobs. */
  RecordStore records();

  /** Deals read from the tenants' CRMs. */
  DealStore deals();

  /** Playbook matches and draft versions of cards. */
  DraftStore drafts();

  /** Discovery sessions with their responses, notes and exports. */
  SessionStore sessions();

  /**
   * What the run recorded about each card, and the read models over it (account health, inbox,
   * dashboard).
   */
  InsightStore insight();
}
