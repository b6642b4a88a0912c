/**
 * {@code Storage} on JDBC: PostgreSQL, MariaDB/MySQL, and H2 as the embedded default. Start with
 * {@link io.github.discoverysdk.jdbc.JdbcStorage#h2File} or {@link
 * io.github.discoverysdk.jdbc.JdbcStorage#builder}. The public API uses only {@code java.sql} and
 * {@code javax.sql}; everything else in this package is internal.
 */
package io.github.discoverysdk.jdbc;
