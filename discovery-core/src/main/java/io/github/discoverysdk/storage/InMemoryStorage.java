package io.github.discoverysdk.storage;

import io.github.discoverysdk.account.AccountStore;
import io.github.discoverysdk.audit.AuditStore;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.draft.DraftStore;
import io.github.discoverysdk.insight.InsightStore;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.review.ReviewStore;
import io.github.discoverysdk.session.SessionStore;
import io.github.discoverysdk.spi.ModelStore;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.ProfileStore;
import io.github.discoverysdk.spi.RunStore;
import io.github.discoverysdk.spi.SignalStore;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TeamStore;
import io.github.discoverysdk.spi.TrackingStore;
import java.util.Objects;

/**
 * A {@link Storage} that keeps everything in memory and loses it when the JVM exits: for tests,
 * demos and hosts that need no persistence. Thread-safe.
 *
 * <p>One read-write lock guards all state: reads run in parallel, each write (and each whole
 * transaction) runs alone. {@link #inTransaction} holds the write lock for the duration of the work
 * and records how to undo every write, so a failing work leaves the storage exactly as it found it.
 * A nested {@code inTransaction} on the same thread joins the outer transaction; if the nested work
 * throws, its own writes are undone at once (like a savepoint) and the outer work decides what
 * happens next. Other threads never see a transaction's writes before it commits; they wait until
 * it ends, so a work must not wait for another thread that uses this storage.
 *
 * <p>The batch methods a discovery run calls ({@code signals().upsertAll}, {@code findAll}, {@code
 * opportunities().listBySignals}, {@code saveAll}, {@code profiles().saveAll}) each take the lock
 * once and cost what they touch, not what the tenant holds; each {@code saveAll} and {@code
 * upsertAll} is all-or-nothing even outside a transaction.
 *
 * <pre>{@code
 * DiscoveryEngine engine = DiscoveryEngine.builder().storage(InMemoryStorage.create())...build();
 * }</pre>
 */
public final class InMemoryStorage implements Storage {
  // The state and its helpers live in MemoryState; each store is a small class sharing it.
  private final MemoryState state = new MemoryState();
  private final MemoryOpportunityStore opportunities = new MemoryOpportunityStore(state);
  private final MemoryProfileStore profiles = new MemoryProfileStore(state, opportunities);
  private final MemorySignalStore signals = new MemorySignalStore(state);
  private final MemoryRunStore runs = new MemoryRunStore(state);
  private final MemorySourceStateStore sourceState = new MemorySourceStateStore(state);
  private final MemoryOutboxStore outbox = new MemoryOutboxStore(state);
  private final MemoryTeamStore teams = new MemoryTeamStore(state);
  private final MemoryModelStore models = new MemoryModelStore(state);
  private final MemoryTrackingStore tracking = new MemoryTrackingStore(state);
  private final MemoryAuditStore audit = new MemoryAuditStore(state);
  private final MemoryAccountStore accounts = new MemoryAccountStore(state);
  private final MemoryReviewStore reviews = new MemoryReviewStore(state, accounts);
  private final MemoryRecordStore records = new MemoryRecordStore(state);
  private final MemoryDealStore deals = new MemoryDealStore(state);
  private final MemoryDraftStore drafts = new MemoryDraftStore(state);
  private final MemorySessionStore sessions = new MemorySessionStore(state);
  private final MemoryInsightStore insight = new MemoryInsightStore(state, accounts);

  private InMemoryStorage() {}

  /** An empty storage. */
  public static InMemoryStorage create() {
    return new InMemoryStorage();
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    Objects.requireNonNull(work, "work");
    return state.transaction(() -> work.run(this));
  }

  @Override
  public ProfileStore profiles() {
    return profiles;
  }

  @Override
  public SignalStore signals() {
    return signals;
  }

  @Override
  public OpportunityStore opportunities() {
    return opportunities;
  }

  @Override
  public RunStore runs() {
    return runs;
  }

  @Override
  public SourceStateStore sourceState() {
    return sourceState;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public TeamStore teams() {
    return teams;
  }

  @Override
  public ModelStore models() {
    return models;
  }

  @Override
  public TrackingStore tracking() {
    return tracking;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public ReviewStore reviews() {
    return reviews;
  }

  @Override
  public RecordStore records() {
    return records;
  }

  @Override
  public String toString() {
    return state.read(() -> "InMemoryStorage[tenants=" + state.tenants().keySet() + "]");
  }

  @Override
  public DealStore deals() {
    return deals;
  }

  @Override
  public DraftStore drafts() {
    return drafts;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public InsightStore insight() {
    return insight;
  }
}
