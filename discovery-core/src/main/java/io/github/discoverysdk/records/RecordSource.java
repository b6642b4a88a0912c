package io.github.discoverysdk.records;

import java.util.List;

/**
 * Reads the rows of one table (or view) of a system of record changed since a position, in keyset
 * order on (timestamp, key). Implemented by {@code JdbcRecordSource} of {@code discovery-jdbc} for
 * MariaDB/MySQL, PostgreSQL and H2, or by a host for another store.
 *
 * <p>Contract: {@link #read} returns the rows whose (timestamp, key) comes after {@link
 * RecordRead#after()} (a cursor without key: timestamp at or after it), ordered by timestamp then
 * key, at most {@link RecordRead#limit()}; rows sharing one timestamp are ordered by key so that a
 * page boundary between them skips none and repeats none. A source builds no query text from caller
 * values: the columns it reads are declared by the host, checked against the database and quoted.
 * Implementations must be thread-safe; the engine calls {@code read} from one job at a time per
 * source, but jobs may overlap.
 */
public interface RecordSource {
  /** A stable id, used in errors and as the default record type of the jobs reading it. */
  String id();

  /**
   * Checks the declared table and columns against the database.
   *
   * @throws io.github.discoverysdk.ValidationException naming the setting that is wrong (a missing
   *     column, a table that does not exist)
   */
  default void validate() throws Exception {}

  /** The page of rows after the request's cursor. */
  List<SourceRow> read(RecordRead request) throws Exception;
}
