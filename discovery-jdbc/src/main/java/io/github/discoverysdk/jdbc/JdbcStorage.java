package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

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
 * discovery_query_cache}, see {@code sourceState().findCachedResult}): it has no tenant by design,
 * because it holds only the answers of sources that declare their data public, for every tenant to
 * reuse. Tracking observations ({@code discovery_tracking}, see {@code tracking().record}) carry
 * the tenant but are read across tenants by design, and written only when the host opts in.
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
 * <p><b>Batches.</b> {@code signals().upsertAll} stores a batch atomically: on PostgreSQL with one
 * statement (upsert and judgement together), elsewhere with one read and one batched upsert. {@code
 * opportunities().saveAll} and {@code profiles().saveAll} write a batch in a fixed number of
 * statements (on PostgreSQL one multi-row insert and one multi-row update per 1,000 rows; elsewhere
 * a conflict read per 500 inserts and two JDBC batches), atomically outside a transaction; a stale
 * or duplicate row throws as {@code save} does, naming it. {@code opportunities().listBySignals}
 * and {@code signals().findAll} read one query per 500 keys. {@code sourceState().tryLease} is
 * atomic across processes sharing the database: a conditional update of the lease row, else an
 * insert that at most one racer wins; outside {@link #inTransaction}, on connections in auto-commit
 * mode, each statement commits on its own, so racing callers hold no locks between them. {@code
 * tracking().record} inserts an observation unless its profile, subject and UTC day have one; a
 * repeat never fails the statement, so it is safe inside a transaction.
 *
 * <p>Instants are stored with microsecond precision.
 */
public final class JdbcStorage extends ForwardingStorage implements AutoCloseable {
  private final DataSource dataSource;
  private final Dialect dialect;
  private final AutoCloseable owned;
  private final PooledAccess access;
  private volatile boolean closed;

  JdbcStorage(DataSource dataSource, Dialect dialect, AutoCloseable owned) {
    this(new PooledAccess(dataSource, dialect), dataSource, dialect, owned);
  }

  private JdbcStorage(
      PooledAccess access, DataSource dataSource, Dialect dialect, AutoCloseable owned) {
    super(new SqlStorage(dialect, access));
    this.access = access;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.owned = owned;
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
    access.close(toString());
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
