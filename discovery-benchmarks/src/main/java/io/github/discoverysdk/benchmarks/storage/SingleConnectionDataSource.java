package io.github.discoverysdk.benchmarks.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out one connection again and again, ignoring {@code close()}: the benchmark runs on one
 * thread and must not time connection set-up. Not thread-safe.
 */
final class SingleConnectionDataSource implements DataSource {
  private final Connection connection;
  private final Connection shield;

  SingleConnectionDataSource(Connection connection) {
    this.connection = connection;
    this.shield =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  Connection raw() {
    return connection;
  }

  @Override
  public Connection getConnection() {
    return shield;
  }

  @Override
  public Connection getConnection(String user, String password) {
    return shield;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("benchmark");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return connection.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return connection.isWrapperFor(iface);
  }
}
