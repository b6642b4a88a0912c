package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.spi.Storage;

/**
 * How a {@link SqlStorage} reaches the database: through the pool with a transaction per call, or
 * through the connection of a running transaction.
 */
interface Access {
  /** Runs statements that need no atomicity beyond each statement's own. */
  <T> T run(String operation, SqlWork<T> work);

  /**
   * Runs statements atomically: in the running transaction, or else in one of their own, retried a
   * few times from scratch if it loses a race with another writer.
   */
  <T> T atomic(String operation, SqlWork<T> work);

  /** {@link Storage#inTransaction}. */
  <T> T transaction(Storage.Work<T> work);
}
