package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The H2 databases {@link JdbcStorage} creates itself, with H2's own small connection pool. The
 * only class that touches H2's API, so a host that excludes H2 never loads it.
 */
final class H2Databases {
  /** The file name (without {@code .mv.db}) of the database inside the folder. */
  static final String FILE_NAME = "discovery";

  private static final int MAX_CONNECTIONS = 32;

  /** Waits this long for a row lock held by another transaction before failing. */
  private static final String OPTIONS = ";LOCK_TIMEOUT=10000";

  /**
   * A file database writes each commit before the commit returns. H2's default (a background write
   * up to 500 ms later) loses the last commits when the process is killed, and a kill test found an
   * outbox entry surviving its opportunity; the engine's promise that nothing is lost needs the
   * commit durable.
   */
  private static final String FILE_OPTIONS = ";WRITE_DELAY=0";

  private H2Databases() {}

  static JdbcStorage file(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (dir.toString().contains(";")) {
      throw new ValidationException(
          "the H2 folder must not contain ';' (it would end the JDBC URL), was '" + dir + "'");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("could not create the H2 folder " + dir + ": " + e, e);
    }
    String url = "jdbc:h2:file:" + dir.resolve(FILE_NAME) + OPTIONS + FILE_OPTIONS;
    return open(url, null);
  }

  static JdbcStorage memory() {
    String url = "jdbc:h2:mem:discovery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + OPTIONS;
    return open(url, "SHUTDOWN");
  }

  private static JdbcStorage open(String url, String onClose) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(MAX_CONNECTIONS);
    AutoCloseable close =
        () -> {
          try {
            if (onClose != null) {
              try (Connection c = pool.getConnection();
                  Statement s = c.createStatement()) {
                s.execute(onClose);
              }
            }
          } finally {
            pool.dispose();
          }
        };
    JdbcStorage storage;
    try {
      storage = new JdbcStorage(pool, Dialect.H2, close);
      storage.migrate();
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
    return storage;
  }

  static void closeQuietly(AutoCloseable closeable) throws SQLException {
    try {
      closeable.close();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException(e);
    }
  }
}
