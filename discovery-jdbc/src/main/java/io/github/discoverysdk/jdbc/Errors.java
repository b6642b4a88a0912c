package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns {@link SQLException}s into the SDK's typed exceptions. Messages name the operation, the
 * SQLState and the vendor code, never the JDBC URL; anything that looks like a password in a driver
 * message is masked, and the cause is a sanitized copy of the driver's exception. Stateless.
 */
final class Errors {
  private static final Pattern SECRET =
      Pattern.compile("(?i)(password|passwd|pwd|secret|token)(\\s*[=:]\\s*)[^&;,\\s)\\]]*");

  private Errors() {}

  /** What kind of failure an exception reports, judged by SQLState and vendor code. */
  enum Kind {
    UNIQUE_VIOLATION,
    FOREIGN_KEY_VIOLATION,
    VALUE_TOO_LONG,
    CONFLICT,
    OTHER
  }

  static Kind kind(SQLException e) {
    for (SQLException s = e; s != null; s = next(s)) {
      Kind k = kindOf(s);
      if (k != Kind.OTHER) {
        return k;
      }
    }
    return Kind.OTHER;
  }

  private static Kind kindOf(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    int code = e.getErrorCode();
    // MariaDB reports most integrity errors as 23000; its vendor codes tell them apart.
    if (state.equals("23505") || code == 1062) {
      return Kind.UNIQUE_VIOLATION;
    }
    if (state.equals("23503") || state.equals("23506") || code == 1452 || code == 1451) {
      return Kind.FOREIGN_KEY_VIOLATION;
    }
    if (state.equals("22001") || code == 1406) {
      return Kind.VALUE_TOO_LONG;
    }
    // Serialization failures, deadlocks, lock timeouts and H2's concurrent-update error: another
    // transaction won a race; retrying from a fresh read is the remedy.
    if (state.equals("40001")
        || state.equals("40P01")
        || state.equals("HYT00")
        || state.equals("90131")
        || code == 1213
        || code == 1205) {
      return Kind.CONFLICT;
    }
    return Kind.OTHER;
  }

  /** Whether retrying the whole operation from scratch may succeed. */
  static boolean retryable(SQLException e) {
    Kind k = kind(e);
    return k == Kind.CONFLICT || k == Kind.UNIQUE_VIOLATION;
  }

  static DiscoveryException translate(String operation, SQLException e) {
    SQLException safe = sanitized(e);
    String where = "could not " + operation + " (" + describe(e) + ")";
    return switch (kind(e)) {
      case UNIQUE_VIOLATION ->
          new ConcurrentUpdateException(
              where + ": the row exists already, possibly written concurrently; read and retry",
              safe);
      case CONFLICT ->
          new ConcurrentUpdateException(
              where + ": lost a race with a concurrent transaction; read and retry", safe);
      case VALUE_TOO_LONG ->
          new ValidationException(
              where + ": a value is longer than its column allows: " + safe.getMessage(), safe);
      case FOREIGN_KEY_VIOLATION ->
          new ValidationException(
              where + ": a referenced row does not exist: " + safe.getMessage(), safe);
      case OTHER -> new StorageException(where + ": " + safe.getMessage(), safe);
    };
  }

  static String describe(SQLException e) {
    return "SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode();
  }

  /** A copy of the exception chain with masked messages, for use as a cause. */
  static SQLException sanitized(SQLException e) {
    SQLException copy = new SQLException(mask(e.getMessage()), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    SQLException next = next(e);
    if (next != null && next != e) {
      copy.setNextException(sanitizedShallow(next));
    }
    return copy;
  }

  private static SQLException sanitizedShallow(SQLException e) {
    SQLException copy = new SQLException(mask(e.getMessage()), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  static String mask(String message) {
    if (message == null) {
      return "";
    }
    return SECRET.matcher(message).replaceAll("$1$2***");
  }

  private static SQLException next(SQLException e) {
    SQLException n = e.getNextException();
    if (n != null) {
      return n;
    }
    return e.getCause() instanceof SQLException c && c != e ? c : null;
  }
}
