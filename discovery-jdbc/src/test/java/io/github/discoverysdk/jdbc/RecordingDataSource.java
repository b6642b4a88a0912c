package io.github.discoverysdk.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that records every SQL text handed to the driver, counts connections and can run a
 * hook before each commit.
 */
final class RecordingDataSource implements DataSource {
  private final DataSource target;
  private final List<String> sql = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Runnable beforeCommit = () -> {};

  RecordingDataSource(DataSource target) {
    this.target = target;
  }

  /** Every SQL text prepared or executed so far, in order. */
  List<String> sql() {
    return List.copyOf(sql);
  }

  int connections() {
    return connections.get();
  }

  /** Runs {@code hook} on the committing thread before each commit reaches the driver. */
  void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }

  @Override
  public Connection getConnection() throws SQLException {
    connections.incrementAndGet();
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    connections.incrementAndGet();
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    return proxy(Connection.class, c);
  }

  private <T> T proxy(Class<T> type, Object delegate) {
    InvocationHandler handler =
        (p, method, args) -> {
          recordSql(method, args);
          if (method.getName().equals("commit") && delegate instanceof Connection) {
            beforeCommit.run();
          }
          Object result = invoke(delegate, method, args);
          if (result instanceof Statement s && !(result instanceof Proxy)) {
            Class<?> kind =
                result instanceof java.sql.CallableStatement
                    ? java.sql.CallableStatement.class
                    : result instanceof java.sql.PreparedStatement
                        ? java.sql.PreparedStatement.class
                        : Statement.class;
            return proxy(kind, s);
          }
          return result;
        };
    return type.cast(
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
  }

  private void recordSql(Method method, Object[] args) {
    String name = method.getName();
    boolean takesSql =
        name.startsWith("prepare")
            || name.equals("nativeSQL")
            || ((name.startsWith("execute") || name.equals("addBatch"))
                && args != null
                && args.length > 0
                && args[0] instanceof String);
    if (takesSql && args != null && args.length > 0 && args[0] instanceof String text) {
      sql.add(text);
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("discovery.test");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
