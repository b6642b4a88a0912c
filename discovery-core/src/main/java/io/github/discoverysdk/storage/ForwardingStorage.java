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
 * A {@link Storage} that forwards every call to another: the base of decorators (metrics, logging,
 * fault injection in tests) and of storages that hand their work to another. Override the store
 * accessors of interest, typically returning a {@code Forwarding…Store} over the delegate's store:
 *
 * <pre>{@code
 * new ForwardingStorage(storage) {
 *   @Override
 *   public SignalStore signals() {
 *     return new ForwardingSignalStore(super.signals()) {
 *       @Override
 *       public List<SignalWrite> upsertAll(String tenant, List<Signal> signals) {
 *         throw new StorageException("injected fault", null);
 *       }
 *     };
 *   }
 * };
 * }</pre>
 *
 * <p>Transactions are forwarded too; override {@link #wrapTransaction(Storage)} to intercept the
 * calls made inside them. Thread-safe if the delegate is.
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
  public ProfileStore profiles() {
    return delegate.profiles();
  }

  @Override
  public SignalStore signals() {
    return delegate.signals();
  }

  @Override
  public OpportunityStore opportunities() {
    return delegate.opportunities();
  }

  @Override
  public RunStore runs() {
    return delegate.runs();
  }

  @Override
  public SourceStateStore sourceState() {
    return delegate.sourceState();
  }

  @Override
  public OutboxStore outbox() {
    return delegate.outbox();
  }

  @Override
  public TeamStore teams() {
    return delegate.teams();
  }

  @Override
  public ModelStore models() {
    return delegate.models();
  }

  @Override
  public TrackingStore tracking() {
    return delegate.tracking();
  }

  @Override
  public AuditStore audit() {
    return delegate.audit();
  }

  @Override
  public AccountStore accounts() {
    return delegate.accounts();
  }

  @Override
  public ReviewStore reviews() {
    return delegate.reviews();
  }

  @Override
  public RecordStore records() {
    return delegate.records();
  }

  @Override
  public DealStore deals() {
    return delegate.deals();
  }

  @Override
  public DraftStore drafts() {
    return delegate.drafts();
  }

  @Override
  public SessionStore sessions() {
    return delegate.sessions();
  }

  @Override
  public InsightStore insight() {
    return delegate.insight();
  }
}
