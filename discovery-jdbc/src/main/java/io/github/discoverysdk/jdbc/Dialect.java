package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.ValidationException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The databases {@link JdbcStorage} speaks. {@link JdbcStorage} detects the dialect from the
 * connection's metadata; pass one to {@link JdbcStorage.Builder#dialect} to override it, for
 * example for a MySQL server behind a proxy that reports another product name.
 *
 * <p>Each dialect has its own folder of versioned migrations ({@link #migrationLocation()}), named
 * the way Flyway expects ({@code V1__discovery_baseline.sql}), for hosts that run their own
 * migration tool instead of {@link JdbcStorage#migrate()}. Immutable and thread-safe.
 */
public enum Dialect {
  /** PostgreSQL 12 or later. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.8 or later, and MySQL 8. */
  MARIADB("mariadb"),
  /** H2 2.x, the embedded default. */
  H2("h2");

  private static final String ROOT = "io/github/discoverysdk/jdbc/migration/";

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * Where this dialect's migrations are on the class path, as Flyway writes a location: {@code
   * classpath:io/github/discoverysdk/jdbc/migration/postgresql}. Files are named {@code
   * V<version>__<description>.sql} and must be applied in version order.
   */
  public String migrationLocation() {
    return "classpath:" + ROOT + folder;
  }

  /** The class path resource names of this dialect's migrations, oldest first. */
  public List<String> migrationResources() {
    return Migrator.MIGRATIONS.stream().map(m -> ROOT + folder + "/" + m).toList();
  }

  /**
   * The dialect of a database, from {@link DatabaseMetaData#getDatabaseProductName()}.
   *
   * @throws ValidationException if the product is not one of the supported databases
   */
  public static Dialect fromProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new ValidationException(
        "database product '"
            + productName
            + "' is not supported: use PostgreSQL, MariaDB/MySQL or H2, or set the dialect"
            + " explicitly with JdbcStorage.builder().dialect(...)");
  }

  static Dialect detect(DatabaseMetaData metaData) throws SQLException {
    return fromProductName(metaData.getDatabaseProductName());
  }
}
