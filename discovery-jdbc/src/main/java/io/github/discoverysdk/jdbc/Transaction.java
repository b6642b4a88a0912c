package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.spi.Storage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A running transaction: its connection and the {@link Storage} view bound to it that a {@link
 * Storage.Work} receives. A nested {@code inTransaction} on the view runs under a savepoint, so a
 * failing nested work undoes only its own writes and the outer work decides what happens next, as
 * with {@code InMemoryStorage}. Confined to the thread that runs the work.
 */
final class Transaction implements Access {
  private final Connection connection;
  private final SqlStorage view;
  private boolean ended;

  Transaction(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.view = new SqlStorage(dialect, this);
  }

  Storage view() {
    return view;
  }

  void end() {
    ended = true;
  }

  @Override
  public <T> T run(String operation, SqlWork<T> work) {
    checkOpen();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw Errors.translate(operation, e);
    }
  }

  @Override
  public <T> T atomic(String operation, SqlWork<T> work) {
    return run(operation, work);
  }

  @Override
  public <T> T transaction(Storage.Work<T> work) {
    checkOpen();
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw Errors.translate("start a nested transaction", e);
    }
    T result;
    try {
      result = work.run(view);
    } catch (RuntimeException | Error e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollback) {
        e.addSuppressed(Errors.sanitized(rollback));
      }
      throw e;
    }
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw Errors.translate("end a nested transaction", e);
    }
    return result;
  }

  private void checkOpen() {
    if (ended) {
      throw new StorageException(
          "this transaction has ended: use the Storage passed to a Work only inside that work");
    }
  }
}
