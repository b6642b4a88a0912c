package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
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
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SignalWrite;
import io.github.discoverysdk.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Storage} on a relational database through JDBC: PostgreSQL, MariaDB/MySQL, or H2 as the
 * embedded default. Thread-safe: share one instance; each call borrows a connection from the {@link
 * DataSource} and returns it at once.
 *
 * <pre>{@code
 * // Embedded: an H2 file database in a folder, created and migrated on first use.
 * JdbcStorage storage = JdbcStorage.h2File(Path.of("discovery-data"));
 *
 * // A server database: the host's DataSource (a pool is up to the host), schema owned by the SDK.
 * JdbcStorage storage = JdbcStorage.builder().dataSource(hikari).build();
 * storage.migrate();
 * }</pre>
 *
 * <p><b>Schema.</b> {@link #migrate()} applies the versioned SQL files of the dialect that the
 * database lacks (see {@link Dialect#migrationLocation()}); hosts that run their own migration tool
 * apply the same files instead and never call it. All tables start with {@code discovery_} and
 * carry the tenant; every statement binds it. The one exception is the shared query cache ({@code
 * discovery_query_cache}, see {@link #findCachedResult}): it has no tenant by design, because it
 * holds only the answers of sources that declare their data public, for every tenant to reuse.
 *
 * <p><b>Transactions.</b> Outside {@link #inTransaction}, each call is atomic on its own. Inside,
 * every call on the same thread (on the {@code tx} view or on this storage) uses the transaction's
 * connection; a nested {@code inTransaction} joins it under a savepoint. A failed call inside a
 * transaction may leave the transaction unusable on PostgreSQL (which aborts a transaction on any
 * failed statement): let the exception end the work, as the engine does. Stale versions and
 * duplicate natural keys are detected without failing a statement, so they never abort it.
 *
 * <p><b>Errors.</b> Stale versions and lost races throw {@link
 * io.github.discoverysdk.ConcurrentUpdateException}; values too long for their column throw {@link
 * io.github.discoverysdk.ValidationException}; other failures throw {@link
 * io.github.discoverysdk.StorageException} naming the operation and the SQLState, never the URL or
 * credentials.
 *
 * <p>Instants are stored with microsecond precision.
 */
public final class JdbcStorage implements Storage, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbcStorage.class);

  /** Attempts of a batch upsert that loses a race with another writer of the same keys. */
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final AutoCloseable owned;
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private final SqlStorage root;
  private volatile boolean closed;

  JdbcStorage(DataSource dataSource, Dialect dialect, AutoCloseable owned) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.owned = owned;
    this.root = new SqlStorage(dialect, new Pooled());
  }

  /**
   * The embedded default: an H2 database in {@code directory} (created if missing; the database
   * file is {@code discovery.mv.db} in it), migrated to the current schema. Data survives restarts;
   * deleting the folder resets it. One process at a time may open a folder. {@link #close()}
   * releases it.
   *
   * @throws ValidationException if the path contains {@code ';'}
   * @throws io.github.discoverysdk.StorageException if the folder cannot be created or the database
   *     is in use by another process
   */
  public static JdbcStorage h2File(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return H2Databases.file(directory);
  }

  /**
   * A private, migrated H2 database in memory, discarded on {@link #close()}: for tests and demos
   * that want SQL semantics without files.
   */
  public static JdbcStorage h2InMemory() {
    return H2Databases.memory();
  }

  /** A builder for a storage on the host's {@link DataSource}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Applies the schema migrations this database lacks, in version order, each in a transaction
   * where the database allows it, under a database lock so that several instances may call it at
   * once. Safe to call on every start.
   *
   * @return how many migrations were applied; 0 when the schema was current
   * @throws io.github.discoverysdk.StorageException if a migration fails, or an applied migration
   *     file no longer matches its recorded checksum
   */
  public int migrate() {
    return Migrator.migrate(dataSource, dialect);
  }

  /** The dialect in use, detected or set on the builder. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Releases what this storage created itself (the H2 database of {@link #h2File} or {@link
   * #h2InMemory}); a host's {@link DataSource} is left open. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (owned != null) {
      try {
        H2Databases.closeQuietly(owned);
      } catch (SQLException e) {
        throw Errors.translate("close the database", e);
      }
    }
  }

  @Override
  public String toString() {
    return "JdbcStorage[" + dialect + "]";
  }

  // ---- Storage, delegated to the SQL on pooled connections

  @Override
  public <T> T inTransaction(Work<T> work) {
    return root.inTransaction(work);
  }

  @Override
  public Profile saveProfile(Profile profile) {
    return root.saveProfile(profile);
  }

  @Override
  public Optional<Profile> findProfile(ProfileId id) {
    return root.findProfile(id);
  }

  @Override
  public List<Profile> listProfiles(String tenant) {
    return root.listProfiles(tenant);
  }

  @Override
  public boolean deleteProfile(ProfileId id) {
    return root.deleteProfile(id);
  }

  @Override
  public SignalWrite upsertSignal(String tenant, Signal signal) {
    return root.upsertSignal(tenant, signal);
  }

  /**
   * Stores the batch atomically: on PostgreSQL with one statement (upsert and judgement together),
   * elsewhere with one read and one batched upsert.
   */
  @Override
  public List<SignalWrite> upsertSignals(String tenant, List<Signal> signals) {
    return root.upsertSignals(tenant, signals);
  }

  @Override
  public Optional<Signal> findSignal(String tenant, SignalKey key) {
    return root.findSignal(tenant, key);
  }

  @Override
  public List<Signal> listSignals(String tenant, Instant since, int limit) {
    return root.listSignals(tenant, since, limit);
  }

  @Override
  public Opportunity saveOpportunity(Opportunity opportunity) {
    return root.saveOpportunity(opportunity);
  }

  @Override
  public Optional<Opportunity> findOpportunity(OpportunityId id) {
    return root.findOpportunity(id);
  }

  @Override
  public Optional<Opportunity> findOpportunity(ProfileId profileId, SignalKey signalKey) {
    return root.findOpportunity(profileId, signalKey);
  }

  @Override
  public List<Opportunity> listOpportunities(String tenant, SignalKey signalKey) {
    return root.listOpportunities(tenant, signalKey);
  }

  @Override
  public List<Opportunity> listOpportunitiesBefore(
      String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
    return root.listOpportunitiesBefore(tenant, before, excluded, limit);
  }

  @Override
  public Page<Opportunity> feed(FeedQuery query) {
    return root.feed(query);
  }

  @Override
  public void addFeedback(OpportunityId id, Feedback feedback) {
    root.addFeedback(id, feedback);
  }

  @Override
  public List<Feedback> listFeedback(OpportunityId id) {
    return root.listFeedback(id);
  }

  @Override
  public void saveRun(RunReport report) {
    root.saveRun(report);
  }

  @Override
  public List<RunReport> listRuns(String tenant, int limit) {
    return root.listRuns(tenant, limit);
  }

  @Override
  public List<RunReport> listRuns(String tenant, Instant from, Instant to) {
    return root.listRuns(tenant, from, to);
  }

  @Override
  public void addLifecycleEvent(LifecycleEvent event) {
    root.addLifecycleEvent(event);
  }

  @Override
  public List<LifecycleEvent> listLifecycleEvents(String tenant, SignalKey signalKey) {
    return root.listLifecycleEvents(tenant, signalKey);
  }

  @Override
  public List<String> listTenants() {
    return root.listTenants();
  }

  /**
   * Atomic across processes sharing the database: a conditional update of the lease row, else an
   * insert that at most one racer wins. Outside {@link #inTransaction}, on connections in
   * auto-commit mode (the usual pool setting), each statement commits on its own, so racing callers
   * hold no locks between them.
   */
  @Override
  public boolean enqueue(OutboxEntry entry) {
    return root.enqueue(entry);
  }

  @Override
  public List<OutboxEntry> listDueOutbox(String tenant, Instant now, int limit) {
    return root.listDueOutbox(tenant, now, limit);
  }

  @Override
  public OutboxEntry saveOutbox(OutboxEntry entry) {
    return root.saveOutbox(entry);
  }

  @Override
  public List<OutboxEntry> listOutbox(String tenant, int limit) {
    return root.listOutbox(tenant, limit);
  }

  @Override
  public Team saveTeam(Team team) {
    return root.saveTeam(team);
  }

  @Override
  public Optional<Team> findTeam(String tenant, String teamId) {
    return root.findTeam(tenant, teamId);
  }

  @Override
  public List<Team> listTeams(String tenant) {
    return root.listTeams(tenant);
  }

  @Override
  public SharedOpportunity saveShared(SharedOpportunity shared) {
    return root.saveShared(shared);
  }

  @Override
  public Optional<SharedOpportunity> findShared(String tenant, String teamId, OpportunityId id) {
    return root.findShared(tenant, teamId, id);
  }

  @Override
  public List<SharedOpportunity> listShared(String tenant, String teamId, int limit) {
    return root.listShared(tenant, teamId, limit);
  }

  @Override
  public boolean tryLease(String tenant, String name, String owner, Instant now, Instant until) {
    return root.tryLease(tenant, name, owner, now, until);
  }

  /**
   * Reads {@code discovery_query_cache}, the one table not scoped by tenant: it is shared by every
   * tenant and holds only the answers of sources that declare their data public.
   */
  @Override
  public Optional<CachedResult> findCachedResult(
      String sourceId, String queryKey, String cursor, Instant now) {
    return root.findCachedResult(sourceId, queryKey, cursor, now);
  }

  /**
   * Upserts the answer into the shared, tenant-less query cache (see {@link #findCachedResult}).
   */
  @Override
  public void saveCachedResult(CachedResult result) {
    root.saveCachedResult(result);
  }

  @Override
  public int deleteExpiredResults(Instant now) {
    return root.deleteExpiredResults(now);
  }

  @Override
  public void addCost(CostEntry entry) {
    root.addCost(entry);
  }

  @Override
  public List<CostEntry> listCosts(String tenant, Instant from, Instant to) {
    return root.listCosts(tenant, from, to);
  }

  @Override
  public Optional<ModelState> findModelState(String tenant, String name) {
    return root.findModelState(tenant, name);
  }

  @Override
  public ModelState saveModelState(ModelState state) {
    return root.saveModelState(state);
  }

  @Override
  public Optional<Watermark> findWatermark(String tenant, String sourceId, String queryKey) {
    return root.findWatermark(tenant, sourceId, queryKey);
  }

  @Override
  public void saveWatermark(Watermark watermark) {
    root.saveWatermark(watermark);
  }

  // ---- connections and transactions

  private Connection connect(String operation) {
    if (closed) {
      throw new io.github.discoverysdk.StorageException(this + " is closed");
    }
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw Errors.translate("connect to " + operation, e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(Errors.sanitized(e));
    }
  }

  private static void closeQuietly(Connection c, boolean restoreAutoCommit) {
    try {
      if (restoreAutoCommit) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      log.debug("could not restore auto-commit: {}", Errors.describe(e));
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("could not close a connection: {}", Errors.describe(e));
    }
  }

  /** Access through the pool, joining the thread's transaction when there is one. */
  private final class Pooled implements Access {
    @Override
    public <T> T run(String operation, SqlWork<T> work) {
      Transaction tx = current.get();
      if (tx != null) {
        return tx.run(operation, work);
      }
      Connection c = connect(operation);
      try {
        if (c.getAutoCommit()) {
          return work.run(c);
        }
        // A pool that hands out connections in manual-commit mode: end what we started.
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c, e);
          throw e;
        }
      } catch (SQLException e) {
        throw Errors.translate(operation, e);
      } finally {
        closeQuietly(c, false);
      }
    }

    @Override
    public <T> T atomic(String operation, SqlWork<T> work) {
      Transaction tx = current.get();
      if (tx != null) {
        return tx.atomic(operation, work);
      }
      for (int attempt = 1; ; attempt++) {
        Connection c = connect(operation);
        boolean restore = false;
        try {
          if (c.getAutoCommit()) {
            c.setAutoCommit(false);
            restore = true;
          }
          T result;
          try {
            result = work.run(c);
            c.commit();
          } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
          }
          return result;
        } catch (SQLException e) {
          if (attempt < ATTEMPTS && Errors.retryable(e)) {
            log.debug(
                "{} lost a race (attempt {}), retrying: {}",
                operation,
                attempt,
                Errors.describe(e));
            continue;
          }
          throw Errors.translate(operation, e);
        } finally {
          closeQuietly(c, restore);
        }
      }
    }

    @Override
    public <T> T transaction(Work<T> work) {
      Transaction joined = current.get();
      if (joined != null) {
        return joined.transaction(work);
      }
      Connection c = connect("start a transaction");
      boolean restore = false;
      Transaction tx = null;
      try {
        if (c.getAutoCommit()) {
          c.setAutoCommit(false);
          restore = true;
        }
        tx = new Transaction(c, dialect);
        current.set(tx);
        T result;
        try {
          result = work.run(tx.view());
        } catch (RuntimeException | Error e) {
          rollbackQuietly(c, e);
          throw e;
        }
        try {
          c.commit();
        } catch (SQLException e) {
          rollbackQuietly(c, e);
          throw e;
        }
        return result;
      } catch (SQLException e) {
        throw Errors.translate("commit a transaction", e);
      } finally {
        if (tx != null) {
          tx.end();
        }
        current.remove();
        closeQuietly(c, restore);
      }
    }
  }

  /**
   * Builds a {@link JdbcStorage} on a {@link DataSource}. Not thread-safe; the storage it builds
   * is.
   */
  public static final class Builder {
    private DataSource dataSource;
    private Dialect dialect;

    private Builder() {}

    /**
     * The host's data source, pooled or not; required. The storage never closes it. Connections may
     * come in auto-commit mode or not; the storage sets and restores the mode it needs.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Overrides the dialect detected from the connection's metadata. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The storage. Without {@link #dialect}, connects once to read the database product from the
     * metadata. Does not migrate: call {@link JdbcStorage#migrate()} or apply the SQL files.
     *
     * @throws ValidationException if no data source was set or the database is not supported
     * @throws io.github.discoverysdk.StorageException if detecting the dialect fails
     */
    public JdbcStorage build() {
      if (dataSource == null) {
        throw new ValidationException("dataSource is required: call dataSource(...) first");
      }
      Dialect d = dialect;
      if (d == null) {
        try (Connection c = dataSource.getConnection()) {
          d = Dialect.detect(c.getMetaData());
        } catch (SQLException e) {
          throw Errors.translate("detect the database dialect", e);
        }
      }
      return new JdbcStorage(dataSource, d, null);
    }
  }
}
