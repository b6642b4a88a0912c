package io.github.discoverysdk.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on one connection. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
