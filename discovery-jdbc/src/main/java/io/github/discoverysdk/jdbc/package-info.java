/**
 * {@code Storage} on JDBC (PostgreSQL, MariaDB/MySQL, H2). Empty until the JDBC storage issue
 * lands; until then use {@code InMemoryStorage} from {@code discovery-core}.
 */
package io.github.discoverysdk.jdbc;
