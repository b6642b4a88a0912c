package io.github.discoverysdk.benchmarks.insight;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that remembers the last prepared statement's text and the calls that bound
 * its parameters, so that the benchmark can run {@code EXPLAIN (ANALYZE, BUFFERS)} on exactly the
 * query a store sent. Not thread-safe: the benchmark explains from one thread.
 */
final class PlanCapture {
  private final DataSource target;
  private String sql;
  private final List<Object[]> binds = new ArrayList<>();
  private final List<Method> setters = new ArrayList<>();

  PlanCapture(DataSource target) {
    this.target = target;
  }

  /** The data source to give the store. */
  DataSource dataSource() {
    return proxy(
        DataSource.class,
        target,
        (t, m, a) -> {
          Object r = m.invoke(t, a);
          return m.getName().equals("getConnection") ? connection((Connection) r) : r;
        });
  }

  private Connection connection(Connection c) {
    return proxy(
        Connection.class,
        c,
        (t, m, a) -> {
          Object r = m.invoke(t, a);
          if (m.getName().equals("prepareStatement") && a != null && a.length == 1) {
            sql = (String) a[0];
            binds.clear();
            setters.clear();
            return statement((PreparedStatement) r);
          }
          return r;
        });
  }

  private PreparedStatement statement(PreparedStatement ps) {
    return proxy(
        PreparedStatement.class,
        ps,
        (t, m, a) -> {
          if (m.getName().startsWith("set") && a != null && a.length >= 2) {
            setters.add(m);
            binds.add(a.clone());
          }
          return m.invoke(t, a);
        });
  }

  /** The plan of the last prepared statement, run again under {@code EXPLAIN ANALYZE}. */
  String explainLast() throws SQLException {
    try (Connection c = target.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
      for (int i = 0; i < setters.size(); i++) {
        try {
          setters.get(i).invoke(ps, binds.get(i));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new SQLException("could not replay " + setters.get(i).getName(), e);
        }
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  @FunctionalInterface
  private interface Handler {
    Object handle(Object target, Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Handler handler) {
    InvocationHandler h =
        (p, m, a) -> {
          try {
            return handler.handle(target, m, a);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }
}
