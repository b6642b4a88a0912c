package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.spi.Storage.Work;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JdbcStorage}'s connections: each call borrows one from the pool and returns it at once,
 * joining the thread's transaction when there is one. Thread-safe.
 */
final class PooledAccess implements Access {
  private static final Logger log = LoggerFactory.getLogger(JdbcStorage.class);

  /** Attempts of a batch upsert that loses a race with another writer of the same keys. */
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  // The storage's name once it is closed; null while open.
  private volatile String closed;

  PooledAccess(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** Refuses every later call, naming the storage. */
  void close(String storage) {
    closed = storage;
  }

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
              "{} lost a race (attempt {}), retrying: {}", operation, attempt, Errors.describe(e));
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

  private Connection connect(String operation) {
    String closedAs = closed;
    if (closedAs != null) {
      throw new StorageException(closedAs + " is closed");
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
}
