package io.github.discoverysdk.jdbc;

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
 * The {@link Storage} operations in SQL, on whatever connection {@link Access} provides: one store
 * class per aggregate ({@link SqlProfileStore}, {@link SqlSignalStore}, ...), all sharing one
 * {@link Sql}. Every statement is a constant or is assembled from constants and {@code ?}
 * placeholders chosen by enum switches and collection sizes: no value from a caller ever becomes
 * SQL text. Every statement binds the tenant, except {@code profiles().tenants()}, which lists
 * them, the statements on the shared query cache ({@code discovery_query_cache}), the one table
 * without a tenant: it holds only answers of sources that declare their data public, and the
 * statements that record, read and prune tracking observations ({@code discovery_tracking}), read
 * across tenants by design. Thread-safe when its {@link Access} is.
 */
final class SqlStorage implements Storage {
  private final Access access;
  private final ProfileStore profiles;
  private final SignalStore signals;
  private final OpportunityStore opportunities;
  private final RunStore runs;
  private final SourceStateStore sourceState;
  private final OutboxStore outbox;
  private final TeamStore teams;
  private final ModelStore models;
  private final TrackingStore tracking;
  private final AuditStore audit;
  private final AccountStore accounts;
  private final ReviewStore reviews;
  private final RecordStore records;
  private final DealStore deals;
  private final DraftStore drafts;
  private final SessionStore sessions;
  private final InsightStore insight;

  SqlStorage(Dialect dialect, Access access) {
    this.access = access;
    Sql sql = new Sql(dialect, access);
    this.profiles = new SqlProfileStore(sql);
    this.signals = new SqlSignalStore(sql);
    this.opportunities = new SqlOpportunityStore(sql);
    this.runs = new SqlRunStore(sql);
    this.sourceState = new SqlSourceStateStore(sql);
    this.outbox = new SqlOutboxStore(sql);
    this.teams = new SqlTeamStore(sql);
    this.models = new SqlModelStore(sql);
    this.tracking = new SqlTrackingStore(sql);
    this.audit = new SqlAuditStore(sql);
    this.accounts = new SqlAccountStore(sql);
    this.reviews = new SqlReviewStore(sql);
    this.records = new SqlRecordStore(sql);
    this.deals = new SqlDealStore(sql);
    this.drafts = new SqlDraftStore(sql);
    this.sessions = new SqlSessionStore(sql);
    this.insight = new SqlInsightStore(sql);
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    Objects.requireNonNull(work, "work");
    return access.transaction(work);
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
